import type { ManagedTransaction } from 'neo4j-driver';
import { FOLD, HOLDERS, MERGED_INTO } from '../../server/curation/migrateIds.js';

/**
 * rewriteGraph as it was before the batched one (issue 28: 188 s for 7,857 ids): a RENAME per id
 * and label, and the same FOLD when that renamed nothing. The reference the batched renames must
 * equal (test/int/migrate-ids-batch.int.test.ts) and the figure they are measured against
 * (test/bench/migrate-ids.bench.ts); only the rename differs, so only the rename is its own.
 */
const RENAME = (label: string) => `MATCH (o:${label} {id: $old}) WHERE NOT EXISTS { MATCH (n:${label} {id: $new}) } SET o.id = $new RETURN count(o) AS c`;

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
