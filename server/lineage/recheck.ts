import fs from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import { fromRoot } from '../paths.js';

const RECHECK = fs.readFileSync(fromRoot('cypher/import/lineage-recheck.cypher'), 'utf8');

export interface Recheck {
  /** Policies marked as they are. */
  policies?: string[];
  /** Policies marked if they have no issuer left. */
  unissued?: string[];
  /** The policies these agencies issued. */
  agencies?: string[];
}

/**
 * Marks policies whose lineage pairs the import must look at again when they or a policy of their
 * key are next stated (cypher/import/lineage-recheck.cypher): the lineage step looks only at
 * pairs with a new, changed or marked policy. Returns how many were marked.
 */
export async function markForRecheck(tx: ManagedTransaction, r: Recheck): Promise<number> {
  const batch = { policies: [...new Set(r.policies ?? [])], unissued: [...new Set(r.unissued ?? [])], agencies: [...new Set(r.agencies ?? [])] };
  if (!batch.policies.length && !batch.unissued.length && !batch.agencies.length) return 0;
  return Number((await tx.run(RECHECK, { batch })).records[0]?.get('marked') ?? 0);
}
