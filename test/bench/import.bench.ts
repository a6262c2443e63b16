/**
 * npm run bench:import -- DIR [--wipe]
 *
 * 1. Extraction alone over every brief in DIR (MB/s), one brief in memory at a time.
 * 2. The raw database write of the extracted rows: the same UNWIND … MERGE statements and nothing
 *    else (no parsing, no check for an earlier version), timed alone.
 * 3. The full import into an empty Neo4j (briefs/s, nodes+relationships/s), and its ratio to 2.
 * Peak RSS is sampled throughout.
 *
 * It empties the database twice. With NEO4J_URI unset it uses its own bundled Neo4j in
 * .data/bench-neo4j on port 7688, never the app's; with NEO4J_URI set it needs --wipe.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../../server/config.js';
import { connectDatabase } from '../../server/db/connect.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { MERGE_NODES, MERGE_RELS, writeParams } from '../../server/graph/writeBrief.js';
import { importFiles } from '../../server/import/importer.js';
import { extractFile, listBriefFiles } from '../../server/import/pipeline.js';
import { progressBar } from '../../server/import/progress.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { wipe: { type: 'boolean' } } });
if (!positionals.length) {
  console.error('usage: npm run bench:import -- DIR [--wipe]   (make DIR with npm run bench:corpus)');
  process.exit(2);
}
if (process.env.NEO4J_URI && !values.wipe) {
  console.error('bench:import empties the database. With NEO4J_URI set, pass --wipe to confirm.');
  process.exit(2);
}
const config = loadConfigOrExit({
  ...process.env,
  ...(process.env.NEO4J_URI ? {} : { NEO4J_LOCAL_DATA: process.env.BENCH_NEO4J_DATA ?? '.data/bench-neo4j', NEO4J_LOCAL_PORT: process.env.BENCH_NEO4J_PORT ?? '7688' }),
});
const files = listBriefFiles(positionals);

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 200);
const secs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

// 1. Extraction alone.
let bytes = 0;
let t0 = process.hrtime.bigint();
const rssStart = process.memoryUsage().rss;
const rssAt: number[] = [];
for (const [i, f] of files.entries()) {
  bytes += fs.statSync(f).size;
  extractFile(f);
  if (i % Math.max(1, Math.floor(files.length / 5)) === 0) rssAt.push(process.memoryUsage().rss);
}
const extractSecs = secs(t0);
sample();
console.log(`briefs: ${files.length} files, ${(bytes / 1048576).toFixed(1)} MB`);
console.log(`extraction: ${(bytes / 1048576 / extractSecs).toFixed(2)} MB/s (${(files.length / extractSecs).toFixed(0)} briefs/s); RSS ${(rssStart / 1048576).toFixed(0)} MB at start, ${rssAt.map((r) => (r / 1048576).toFixed(0)).join(' → ')} MB during`);

const db = await connectDatabase(config);
const executor = new Executor(db.driver, db.database);
const wipe = async () => {
  const s = db.driver.session({ database: db.database });
  try {
    await s.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await s.close();
  }
};
try {
  await applySchema(executor);

  // 1b. A first full import on the freshly started server: JIT and query planning are cold here.
  await wipe();
  const t1 = process.hrtime.bigint();
  const cold = await importFiles(executor, files);
  const coldSecs = secs(t1);
  console.log(`full import, cold server: ${coldSecs.toFixed(1)} s, ${(files.length / coldSecs).toFixed(1)} briefs/s${cold.some((o) => !o.ok) ? ' (with failures)' : ''}`);

  // 2. Raw write of the same rows (extraction untimed).
  await wipe();
  let rawSecs = 0;
  for (const f of files) {
    const params = writeParams(extractFile(f));
    const s = process.hrtime.bigint();
    await executor.write(async (tx) => {
      await tx.run(MERGE_NODES, params.nodes);
      await tx.run(MERGE_RELS, params.rels);
    });
    rawSecs += secs(s);
  }
  console.log(`raw database write: ${rawSecs.toFixed(1)} s (${(files.length / rawSecs).toFixed(1)} briefs/s)`);
  // 3. Full import into an empty graph again, now on a warm server like the raw write.
  await wipe();
  const bar = progressBar('import');
  t0 = process.hrtime.bigint();
  const outcomes = await importFiles(executor, files, bar.update);
  const importSecs = secs(t0);
  bar.done();
  const failed = outcomes.filter((o) => !o.ok);
  const rows = outcomes.reduce((a, o) => a + o.nodes + o.relationships, 0);
  console.log(`full import, warm server: ${importSecs.toFixed(1)} s, ${(files.length / importSecs).toFixed(1)} briefs/s, ${(rows / importSecs).toFixed(0)} nodes+relationships/s${failed.length ? `, ${failed.length} failed: ${failed[0]!.error}` : ''}`);
  console.log(`full import / raw write (both warm) = ${(importSecs / rawSecs).toFixed(2)}×`);
  sample();
  console.log(`peak RSS of this process: ${(peakRss / 1048576).toFixed(0)} MB (Neo4j runs in its own JVM: heap ${config.NEO4J_LOCAL_HEAP}, page cache ${config.NEO4J_LOCAL_PAGECACHE})`);
} finally {
  clearInterval(sampler);
  await db.close();
}
