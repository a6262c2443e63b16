import type { Executor } from '../graph/executor.js';
import { nodeId } from '../graph/model.js';

// The database's clock, read before the first write of a run; writeBriefs stamps every brief it
// commits with datetime.transaction(), so a brief stamped at or after this was committed by this run.
const NOW = 'RETURN toString(datetime()) AS now';

const COMMITTED_SINCE = `UNWIND $ids AS id
OPTIONAL MATCH (b:Brief {id: $prefix + id})
RETURN id, b IS NOT NULL AND b.importedAt >= datetime($since) AS committed`;

/** The database's current time (ISO), the start of an import run. */
export async function databaseNow(executor: Executor): Promise<string> {
  return executor.read(async (tx) => String((await tx.run(NOW)).records[0]!.get('now')));
}

/**
 * Which of these briefs a transaction of this run committed. Used when the connection died
 * while a transaction was committing: the commit may have happened with its answer lost.
 */
export async function committedSince(executor: Executor, briefs: string[], since: string): Promise<Set<string>> {
  const rows = await executor.read(async (tx) => (await tx.run(COMMITTED_SINCE, { ids: briefs, since, prefix: nodeId('Brief', '') })).records);
  return new Set(rows.filter((r) => r.get('committed') === true).map((r) => String(r.get('id'))));
}
