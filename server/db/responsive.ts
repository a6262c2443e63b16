import neo4j, { type Driver } from 'neo4j-driver';

/** How long the trivial read may take before Neo4j counts as not answering queries. */
export const PROBE_TIMEOUT_MS = 2000;

/** Neo4j did not answer in time (as opposed to refusing the connection, or an error). */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError';
}

/**
 * Resolves when Neo4j answers a one-node read within `timeoutMs`; rejects otherwise. A Neo4j busy
 * collecting the garbage of a huge expression, or stuck after running out of heap, still accepts
 * connections and may answer `dbms.components()` while every search waits (issue 32), so
 * connectivity alone does not tell. The wait is bounded here, in the app: a server that stopped
 * answering never enforces its own transaction timeout.
 */
export async function answersQueries(driver: Driver, database: string | undefined, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  const read = session.run('MATCH (n) RETURN n LIMIT 1', {}, { timeout: timeoutMs, metadata: { app: 'policy-graph', feature: 'probe' } }).summary();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      read,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new NoAnswerError(`Neo4j did not answer a one-node read within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // The session closes once the server answers, however late.
    void read.catch(() => {}).finally(() => void session.close().catch(() => {}));
  }
}
