import type { ManagedTransaction } from 'neo4j-driver';
import { HIDDEN, IN_BRIEF } from '../../server/graph/model.js';

/**
 * rewriteGraph as it was before the batched one (issue 28: 188 s for 7,857 ids): a RENAME per id
 * and label, and a FOLD when that renamed nothing. Kept, frozen, as the reference the batched
 * rewrite must equal (test/int/migrate-ids-batch.int.test.ts) and the figure it is measured
 * against (test/bench/migrate-ids.bench.ts).
 */
const HOLDERS = ['Policy', 'Target', 'NewsItem', HIDDEN.rejectedNode, HIDDEN.mergedNode] as const;
const RENAME = (label: string) => `MATCH (o:${label} {id: $old}) WHERE NOT EXISTS { MATCH (n:${label} {id: $new}) } SET o.id = $new RETURN count(o) AS c`;
const FOLD = (label: string) => `MATCH (o:${label} {id: $old}) MATCH (n:${label} {id: $new})
CALL (o, n) { MATCH (o)-[r]->(b) WHERE b <> o AND NOT r:${IN_BRIEF} CREATE (n)-[x:$(type(r))]->(b) SET x = properties(r) DELETE r }
CALL (o, n) { MATCH (a)-[r]->(o) WHERE a <> o CREATE (a)-[x:$(type(r))]->(n) SET x = properties(r) DELETE r }
CALL (o, n) { MATCH (o)-[:${IN_BRIEF}]->(b) MERGE (n)-[:${IN_BRIEF}]->(b) }
DETACH DELETE o
RETURN 1 AS c`;
const MERGED_INTO = `UNWIND $pairs AS p MATCH (m:${HIDDEN.mergedNode} {mergedInto: p[0]}) SET m.mergedInto = p[1]`;

export async function sequentialRewrite(tx: ManagedTransaction, map: Map<string, string>): Promise<{ renamed: number; folded: number }> {
  const out = { renamed: 0, folded: 0 };
  for (const [old, to] of map) {
    if (old === to) continue;
    for (const label of HOLDERS) {
      const renamed = Number((await tx.run(RENAME(label), { old, new: to })).records[0]?.get('c') ?? 0);
      if (renamed) out.renamed++;
      else if ((await tx.run(FOLD(label), { old, new: to })).records.length) out.folded++;
    }
  }
  await tx.run(MERGED_INTO, { pairs: [...map] });
  return out;
}
