import { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { labelOfId, nodeId, type NodeLabel } from '../graph/model.js';
import { perLabel } from '../graph/perLabel.js';
import { firstBriefOf } from '../graph/provenance.js';
import { toJson } from '../graph/values.js';
import { MCP_LIMITS } from './budget.js';

/**
 * The compact citation every MCP answer carries with each fact: the brief (title, date, file), the
 * line in that file and the sentence that states the fact, short enough that a model quotes it.
 */
export const citationSchema = z.object({
  brief: z.string().meta({ description: 'Brief key (node id without "brief:")' }),
  title: z.string().nullable(),
  date: z.string().nullable(),
  file: z.string().nullable().meta({ description: 'The file the brief was imported from' }),
  line: z.number().nullable().meta({ description: '1-based line in that file' }),
  sentence: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

/** What a relationship or node says about where it came from (the provenance properties). */
export interface Provenance {
  brief: string | null | undefined;
  line: number | null | undefined;
  evidence: string | null | undefined;
}

interface BriefInfo {
  title: string | null;
  date: string | null;
  file: string | null;
}

/** Long sentences (a policy's key points) are cut: the line number leads to the rest. */
export function clip(s: string, max: number = MCP_LIMITS.sentence): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Looks up the briefs behind a set of facts in one query and turns each fact's provenance into a
 * citation; facts without a brief or a sentence have none.
 */
export async function citer(executor: Executor, facts: Provenance[]): Promise<(p: Provenance) => Citation | null> {
  const keys = [...new Set(facts.map((f) => f.brief).filter((b): b is string => !!b))];
  const briefs = new Map<string, BriefInfo>();
  if (keys.length) {
    const rows = await executor.read(
      (tx) =>
        tx.run('MATCH (b:Brief) WHERE b.id IN $ids RETURN b.id AS id, b.title AS title, b.date AS date, b.source AS file', {
          ids: keys.map((k) => nodeId('Brief', k)),
        }),
      { timeoutMs: MCP_LIMITS.timeoutMs, metadata: { feature: 'mcp-citations' } },
    );
    for (const r of rows.records) {
      briefs.set(String(r.get('id')).slice(nodeId('Brief', '').length), {
        title: (r.get('title') as string | null) ?? null,
        date: toJson(r.get('date')) as string | null,
        file: (r.get('file') as string | null) ?? null,
      });
    }
  }
  return (p) => {
    if (!p.brief || !p.evidence) return null;
    const b = briefs.get(p.brief);
    return { brief: p.brief, title: b?.title ?? null, date: b?.date ?? null, file: b?.file ?? null, line: p.line ?? null, sentence: clip(p.evidence) };
  };
}

/** One line a model can quote: `"sentence" (Brief title, 2023-01-17; 000_x.txt line 43)`. */
export function citationText(c: Citation): string {
  const where = [c.title ?? `brief ${c.brief}`, c.date].filter(Boolean).join(', ');
  const file = c.file ? `; ${c.file}${c.line !== null ? ` line ${c.line}` : ''}` : c.line !== null ? `; line ${c.line}` : '';
  return `“${c.sentence}” (${where}${file})`;
}

// Where each result is named: its own sentence when it has one (policies, companies, news items),
// else the first relationship that carries one (agencies, sectors). The label (a closed enum)
// lets the id lookup use its index.
const NAMED_AT = perLabel(
  (l) => `
UNWIND $ids AS id
MATCH (n:${l} {id: id})
CALL {
  WITH n
  OPTIONAL MATCH (n)-[r]-() WHERE n.evidence IS NULL AND r.evidence IS NOT NULL
  RETURN r LIMIT 1
}
RETURN n.id AS id, coalesce(n.evidence, r.evidence) AS evidence, CASE WHEN n.evidence IS NULL THEN r.line ELSE n.line END AS line,
       CASE WHEN n.evidence IS NULL THEN r.brief ELSE ${firstBriefOf('n')} END AS brief`,
);

/** Where each node is named (its own sentence, else the first relationship with one), by id; nodes named nowhere are left out. */
export async function whereNamed(executor: Executor, ids: readonly string[]): Promise<Map<string, Provenance>> {
  const byLabel = new Map<NodeLabel, string[]>();
  for (const id of ids) {
    const l = labelOfId(id);
    if (l) byLabel.set(l, [...(byLabel.get(l) ?? []), id]);
  }
  const named = await executor.read(
    async (tx) => {
      const out = [];
      for (const [label, some] of byLabel) out.push(...(await tx.run(NAMED_AT[label], { ids: some })).records);
      return out;
    },
    { timeoutMs: MCP_LIMITS.timeoutMs, metadata: { feature: 'mcp-citations' } },
  );
  return new Map(
    named.map((r) => [
      String(r.get('id')),
      { brief: r.get('brief') as string | null, line: r.get('line') as number | null, evidence: r.get('evidence') as string | null },
    ]),
  );
}
