import type { Executor } from './executor.js';

// Only imports change the graph (the API never writes), and every import stamps the briefs it
// writes with `importedAt`. The node and relationship counts (from the count store) and the newest
// stamp (from its index) change whenever an import commits, and cost one cheap round trip to read.
// The stamp is the transaction's start: of two imports running at once, the one committing last
// may carry the older stamp, and then only the counts tell it apart.
const VERSION = `
CALL { MATCH (n) RETURN count(n) AS nodes }
CALL { MATCH ()-[r]->() RETURN count(r) AS rels }
OPTIONAL MATCH (b:Brief) WHERE b.importedAt IS NOT NULL
WITH nodes, rels, b.importedAt AS at ORDER BY at DESC LIMIT 1
RETURN nodes, rels, at`;

/** A string that changes whenever an import changes the graph. */
export async function graphVersion(executor: Executor): Promise<string> {
  const row = await executor.read(async (tx) => (await tx.run(VERSION)).records[0], { metadata: { feature: 'graph-version' } });
  return row ? `${row.get('nodes')}|${row.get('rels')}|${row.get('at') ?? ''}` : '';
}

/**
 * Whether the graph at `version` was written by the importer (its briefs carry an import stamp).
 * Without a stamp the version is only its counts: two graphs of the same size look the same.
 */
export const importedGraph = (version: string): boolean => version !== '' && !version.endsWith('|');
