import type { Executor } from '../graph/executor.js';
import { nodeLabel, type NodeLabel } from '../graph/model.js';
import { plainProps } from '../graph/values.js';

export interface Named {
  id: string;
  name: string;
  date?: string;
}

// A unit subquery per label, so each id is found through its label's id index.
export const NAMES = `${nodeLabel.options
  .map(
    (l, i) =>
      `CALL { UNWIND $n${i} AS id MATCH (n:${l} {id: id}) RETURN collect({id: n.id, name: coalesce(n.acronym, n.name, n.title, n.id), date: n.date}) AS r${i} }`,
  )
  .join('\n')}
RETURN ${nodeLabel.options.map((_, i) => `r${i}`).join(' + ')} AS rows`;

/** Display names (and dates) of the given nodes, as the graph has them now; ids no longer there keep their id. */
export async function namesOf(executor: Executor, ids: { id: string; label: NodeLabel }[]): Promise<Map<string, Named>> {
  if (!ids.length) return new Map();
  const params = Object.fromEntries(nodeLabel.options.map((l, i) => [`n${i}`, ids.filter((x) => x.label === l).map((x) => x.id)]));
  const rows = await executor.read(async (tx) => (await tx.run(NAMES, params)).records[0]!.get('rows') as Record<string, unknown>[]);
  return new Map(
    rows.map((r) => {
      const p = plainProps(r) as { id: string; name: unknown; date?: unknown };
      return [p.id, { id: p.id, name: String(p.name), ...(p.date ? { date: String(p.date) } : {}) }];
    }),
  );
}
