import type { ManagedTransaction } from 'neo4j-driver';
import { labelOfId, type NodeLabel } from '../graph/model.js';
import { namesOf, type Outcome } from './apply.js';
import * as Q from './cypher.js';
import type { CorrectionOf, Fact } from './schema.js';
import type { CorrectionState } from './state.js';

const labelOf = (id: string) => labelOfId(id) as NodeLabel;
const count = async (tx: ManagedTransaction, q: string, params: Record<string, unknown>) => Number((await tx.run(q, params)).records[0]?.get('c') ?? 0);
const exists = async (tx: ManagedTransaction, id: string) => (await count(tx, Q.NODE_EXISTS[labelOf(id)], { id })) > 0;
const props = async (tx: ManagedTransaction, id: string) =>
  (await tx.run(Q.NODE_PROPS[labelOf(id)], { id })).records[0]?.get('p') as Record<string, unknown> | undefined;

/**
 * Read-only: what the graph shows of a correction that holds in the log. `applied`: the graph
 * has it; `pending`: its target is there but the change is not (an apply that failed after the
 * line was written; `curate apply` or the next import applies it); `stale`: its target is gone.
 */
export async function checkCorrection(tx: ManagedTransaction, c: Fact, state: CorrectionState): Promise<Outcome> {
  const ok: Outcome = { id: c.id, status: 'applied' };
  const pending = (detail: string): Outcome => ({ id: c.id, status: 'pending', detail });
  const stale = (detail: string): Outcome => ({ id: c.id, status: 'stale', detail });
  switch (c.kind) {
    case 'merge': {
      const merged = (await count(tx, Q.MERGED_BY, { id: c.drop, cid: c.id })) > 0;
      const drop = await exists(tx, c.drop);
      // KEEP may have been merged on since (A→B, then B→C): A is still merged by this correction.
      if (merged) return drop ? pending(`a new copy of ${c.drop} is not folded into ${c.keep}`) : ok;
      if (!(await exists(tx, c.keep))) return stale(`no node ${c.keep} to keep`);
      return drop ? pending(`${c.drop} is not merged into ${c.keep}`) : stale(`no node ${c.drop} merged by this correction`);
    }
    case 'rename': {
      const p = await props(tx, c.node);
      if (!p) return stale(`no node ${c.node}`);
      // A later rename of the same node is the name the graph must show.
      const name = state.forTargets([c.node]).findLast((o): o is CorrectionOf<'rename'> => o.kind === 'rename' && o.node === c.node)?.name ?? c.name;
      return p.name === name ? ok : pending(`${c.node} is not named "${name}"`);
    }
    case 'alias': {
      const p = await props(tx, c.node);
      if (!p) return stale(`no node ${c.node}`);
      return namesOf(p).includes(c.name) ? ok : pending(`${c.node} does not have the name "${c.name}"`);
    }
    case 'reject':
      if (await exists(tx, c.node)) return pending(`${c.node} is not rejected`);
      return (await count(tx, Q.REJECTED_NODE_EXISTS, { id: c.node })) ? ok : stale(`no node ${c.node}`);
    case 'reject-rel': {
      const what = `${c.type} from ${c.from} to ${c.to}${c.brief ? ` in brief ${c.brief}` : ''}`;
      if (await count(tx, Q.REL_EXISTS[labelOf(c.from)], { from: c.from, to: c.to, type: c.type, brief: c.brief ?? null }))
        return pending(`the ${what} is not hidden`);
      return (await count(tx, Q.REJECTED_REL_EXISTS[labelOf(c.from)], { from: c.from, cid: c.id })) ? ok : stale(`no ${what}`);
    }
    case 'link':
      if (await count(tx, Q.LINK_EXISTS[labelOf(c.from)], { from: c.from, cid: c.id })) return ok;
      return (await exists(tx, c.from)) && (await exists(tx, c.to))
        ? pending(`no ${c.type} from ${c.from} to ${c.to} by this correction`)
        : stale(`no node ${c.from} or ${c.to}`);
    case 'distinct':
      return (await exists(tx, c.a)) && (await exists(tx, c.b)) ? ok : stale(`no node ${c.a} or ${c.b}`);
  }
}
