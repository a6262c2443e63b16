import type { Executor } from './executor.js';
import { HIDDEN, HIDDEN_LABELS, IN_BRIEF, nodeId, nodeLabel } from './model.js';

/**
 * Graphs written before IN_BRIEF kept each node's briefs as a list property `briefs` (and a merge
 * recorded on the merged-away node the `addedBriefs` it gave the kept one). This turns the lists
 * into links and drops them. Run where the schema is applied (start-up, import, curate): it costs
 * one look at the Brief label when there is nothing to do, and repeats safely if stopped halfway
 * (links are MERGEd; the Brief nodes' own lists go last, so they say the work is not finished).
 */

/** Rows per inner transaction: a few MB of writes, far under the transaction memory cap. */
const ROWS = 5000;
/** Briefs of one node linked in one step, and such steps per transaction. */
const SLICE = 1000;
const SLICES = 100;
const PREFIX = nodeId('Brief', '');
const HOLDERS = [...nodeLabel.options.filter((l) => l !== 'Brief'), ...HIDDEN_LABELS];

const PENDING = 'MATCH (b:Brief) WHERE b.briefs IS NOT NULL RETURN count(b) AS c';
const TO_LINK = (l: string) => `MATCH (n:${l}) WHERE n.briefs IS NOT NULL RETURN count(n) AS nodes, sum(size(n.briefs)) AS links`;
// One row per node and slice of its list, never one per (node, brief): each such row held the
// node's whole list, so a hub of 10,000 briefs overran the transaction memory cap in batches of
// 5,000 rows (provenance.int.test.ts). A transaction holds at most SLICES × SLICE links.
const LINK = (l: string) => `MATCH (n:${l}) WHERE n.briefs IS NOT NULL
UNWIND range(0, size(n.briefs) - 1, ${SLICE}) AS from
CALL (n, from) {
  UNWIND n.briefs[from..from + ${SLICE}] AS brief
  MATCH (b:Brief {id: $prefix + brief})
  MERGE (n)-[:${IN_BRIEF}]->(b)
} IN TRANSACTIONS OF ${SLICES} ROWS`;
// The links a merge gave the kept node (a domain node, or a merged-away one if merged again since)
// carry the merge's id, so its undo takes back exactly those.
const MARK_MERGED = (l: string) => `MATCH (d:${HIDDEN.mergedNode} {mergedLabel: '${l}'}) WHERE d.addedBriefs IS NOT NULL
CALL (d) {
  CALL (d) { MATCH (k:${l} {id: d.mergedInto}) RETURN k UNION MATCH (k:${HIDDEN.mergedNode} {id: d.mergedInto}) RETURN k }
  UNWIND d.addedBriefs AS brief
  MATCH (k)-[x:${IN_BRIEF}]->(:Brief {id: $prefix + brief})
  SET x.mergedBy = d.mergedBy
} IN TRANSACTIONS OF ${ROWS} ROWS`;
const DROP_MARKS = `MATCH (d:${HIDDEN.mergedNode}) WHERE d.addedBriefs IS NOT NULL CALL (d) { REMOVE d.addedBriefs } IN TRANSACTIONS OF ${ROWS} ROWS`;
const DROP_LISTS = (l: string) => `MATCH (n:${l}) WHERE n.briefs IS NOT NULL CALL (n) { REMOVE n.briefs } IN TRANSACTIONS OF ${ROWS} ROWS`;

/** Moves `briefs` lists to IN_BRIEF links if the graph still has them; returns the links made (0 when already done). */
export async function migrateProvenance(executor: Executor, say: (line: string) => void = (l) => console.error(l)): Promise<number> {
  const count = async (q: string) => (await executor.read(async (tx) => (await tx.run(q)).records[0]?.toObject())) as Record<string, unknown> | undefined;
  if (!Number((await count(PENDING))?.c ?? 0)) return 0;
  say(`Moving each node's list of briefs to IN_BRIEF links (once, for this version; resumable if stopped)…`);
  let total = 0;
  for (const l of HOLDERS) {
    const row = await count(TO_LINK(l));
    const nodes = Number(row?.nodes ?? 0);
    if (!nodes) continue;
    const links = Number(row?.links ?? 0);
    const started = Date.now();
    await executor.autoCommit(LINK(l), { prefix: PREFIX });
    total += links;
    say(`  ${l}: ${nodes.toLocaleString('en')} nodes, ${links.toLocaleString('en')} links (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  for (const l of nodeLabel.options) await executor.autoCommit(MARK_MERGED(l), { prefix: PREFIX });
  await executor.autoCommit(DROP_MARKS);
  for (const l of HOLDERS) await executor.autoCommit(DROP_LISTS(l));
  await executor.autoCommit(DROP_LISTS('Brief'));
  say(`  done: ${total.toLocaleString('en')} links; the lists are gone.`);
  return total;
}
