import type { ManagedTransaction } from 'neo4j-driver';
import { labelOfId, type NodeLabel } from '../graph/model.js';
import type { Outcome } from './apply.js';
import * as Q from './cypher.js';
import type { Fact } from './schema.js';

const labelOf = (id: string) => labelOfId(id) as NodeLabel;
const count = async (tx: ManagedTransaction, q: string, params: Record<string, unknown>) => Number((await tx.run(q, params)).records[0]?.get('c') ?? 0);
const exists = (tx: ManagedTransaction, id: string) => count(tx, Q.NODE_EXISTS[labelOf(id)], { id });

/** Read-only: does the graph show this correction? A correction whose target is gone is stale. */
export async function checkCorrection(tx: ManagedTransaction, c: Fact): Promise<Outcome> {
  const ok: Outcome = { id: c.id, status: 'applied' };
  const stale = (detail: string): Outcome => ({ id: c.id, status: 'stale', detail });
  switch (c.kind) {
    case 'merge':
      if (!(await exists(tx, c.keep))) return stale(`no node ${c.keep} to keep`);
      return (await count(tx, Q.MERGED_BY, { id: c.drop, cid: c.id })) ? ok : stale(`no node ${c.drop} merged by this correction`);
    case 'rename':
    case 'alias':
      return (await exists(tx, c.node)) ? ok : stale(`no node ${c.node}`);
    case 'reject':
      return (await count(tx, Q.REJECTED_NODE_EXISTS, { id: c.node })) ? ok : stale(`no node ${c.node}`);
    case 'reject-rel':
      return (await count(tx, Q.REJECTED_REL_EXISTS[labelOf(c.from)], { from: c.from, cid: c.id }))
        ? ok
        : stale(`no ${c.type} from ${c.from} to ${c.to}${c.brief ? ` in brief ${c.brief}` : ''}`);
    case 'link':
      return (await count(tx, Q.LINK_EXISTS[labelOf(c.from)], { from: c.from, cid: c.id })) ? ok : stale(`no node ${c.from} or ${c.to}`);
  }
}
