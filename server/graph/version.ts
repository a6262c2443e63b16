import type { Executor } from './executor.js';

// Only imports change the graph (the API never writes), and every import stamps the briefs it
// writes with `importedAt`. The brief count (from the count store) and the newest stamp (from its
// index) therefore change whenever the graph does, and cost one cheap round trip to read.
const VERSION = `
MATCH (b:Brief) WITH count(b) AS briefs
OPTIONAL MATCH (n:Brief) WHERE n.importedAt IS NOT NULL
WITH briefs, n.importedAt AS at ORDER BY at DESC LIMIT 1
RETURN briefs, at`;

/** A string that changes whenever an import changes the graph. */
export async function graphVersion(executor: Executor): Promise<string> {
  const row = await executor.read(async (tx) => (await tx.run(VERSION)).records[0], { metadata: { feature: 'graph-version' } });
  return row ? `${row.get('briefs')}|${row.get('at') ?? ''}` : '0|';
}
