/**
 * npm run bench:import -- DIR [--wipe] [--steps]
 *
 * 1. Extraction alone over every brief in DIR (MB/s), one brief in memory at a time, and the live
 *    heap after GC as the run goes on (flat when nothing accumulates).
 * 2. The full import into a new store on a cold server, then into an emptied one on a warm server
 *    (briefs/s, nodes+relationships/s).
 * 3. The raw database write of the extracted rows: the same UNWIND … MERGE statements in the same
 *    transactions and nothing else (no parsing, no check for an earlier version), timed alone, and
 *    the ratio of the warm full import to it. The warm import runs last and is left in the store.
 * Peak RSS is sampled throughout. With --steps, the raw write and the warm import are also broken
 * down (test/bench/importSteps.ts): each statement's time by kind, the time no write transaction
 * was open, the CPU seconds of Neo4j and of this process, and Neo4j's compile and execution time
 * per statement (its query collector).
 *
 * It empties the database four times. With NEO4J_URI unset it uses its own bundled Neo4j in
 * .data/bench-neo4j on port 7688, never the app's, and starts it on a new store; with NEO4J_URI
 * set it needs --wipe.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../../server/config.js';
import { findRunning } from '../../server/db/local.js';
import { connectDatabase } from '../../server/db/connect.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { wipeGraph } from '../../server/graph/wipe.js';
import { MERGE_NODES, CREATE_RELS, writeParams } from '../../server/graph/writeBrief.js';
import { importFiles, TransactionBatch } from '../../server/import/importer.js';
import type { ExtractedGraph } from '../../server/extract/schema.js';
import { extractFile, listBriefFiles } from '../../server/import/pipeline.js';
import { progressBar } from '../../server/import/progress.js';
import { phase, printPhase, TimedExecutor } from './importSteps.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { wipe: { type: 'boolean' }, steps: { type: 'boolean' } } });
if (!positionals.length) {
  console.error('usage: npm run bench:import -- DIR [--wipe] [--steps]   (make DIR with npm run bench:corpus)');
  process.exit(2);
}
if (process.env.NEO4J_URI && !values.wipe) {
  console.error('bench:import empties the database. With NEO4J_URI set, pass --wipe to confirm.');
  process.exit(2);
}
const config = loadConfigOrExit({
  ...process.env,
  ...(process.env.NEO4J_URI
    ? {}
    : { NEO4J_LOCAL_DATA: process.env.BENCH_NEO4J_DATA ?? '.data/bench-neo4j', NEO4J_LOCAL_PORT: process.env.BENCH_NEO4J_PORT ?? '7688' }),
});
const files = listBriefFiles(positionals);
// The cold import is measured on a new, empty store: the bench's own bundled store is deleted
// first, unless a Neo4j is serving it right now.
if (!process.env.NEO4J_URI && !findRunning(config.NEO4J_LOCAL_DATA)) fs.rmSync(config.NEO4J_LOCAL_DATA, { recursive: true, force: true });

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 200);
const secs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

// 1. Extraction alone, then again untimed to sample the live heap after a full GC at each fifth:
//    RSS only says how much the allocator kept, the heap after GC says what extraction retains.
//    Loading the registries and compiling their matchers happens once per process, on the first
//    brief; it is timed apart from the throughput.
const bytes = files.reduce((a, f) => a + fs.statSync(f).size, 0);
let t0 = process.hrtime.bigint();
extractFile(files[0]!);
const startupSecs = secs(t0);
t0 = process.hrtime.bigint();
for (const f of files) extractFile(f);
const extractSecs = secs(t0);
sample();
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapAt: number[] = [];
for (const [i, f] of files.entries()) {
  extractFile(f);
  if (i % Math.max(1, Math.floor(files.length / 5)) === 0 || i === files.length - 1) {
    gc();
    heapAt.push(process.memoryUsage().heapUsed);
  }
}
const mb = (n: number) => (n / 1048576).toFixed(0);
console.log(`briefs: ${files.length} files, ${(bytes / 1048576).toFixed(1)} MB`);
console.log(
  `extraction: ${(bytes / 1048576 / extractSecs).toFixed(2)} MB/s (${(files.length / extractSecs).toFixed(0)} briefs/s, files read included; start-up ${(startupSecs * 1000).toFixed(0)} ms once); live heap after GC ${heapAt.map(mb).join(' → ')} MB over the run; peak RSS so far ${mb(peakRss)} MB`,
);

const db = await connectDatabase(config);
const executor = new Executor(db.driver, db.database);
// Batched (relationships, then nodes): one transaction per batch stays under the transaction
// memory pool however large the corpus.
const wipe = () => wipeGraph(executor);
// For --steps: the CPU time of Neo4j's process, when it is the bundled one (started here or by npm run db).
const neo4jPid = findRunning(config.NEO4J_LOCAL_DATA)?.pid;
// Neo4j's query collector holds every statement's parameters: only on a small corpus.
const collect = files.length <= 2000;
/** Empties the graph, then writes every brief's rows with the importer's statements and
 * transactions and nothing else; returns the seconds spent in the database. */
async function rawWriteAll(via: Executor = executor): Promise<number> {
  await wipe();
  let total = 0;
  const write = async (graphs: ExtractedGraph[]) => {
    const params = writeParams(graphs);
    const s = process.hrtime.bigint();
    await via.write(async (tx) => {
      await tx.run(MERGE_NODES, params.nodes);
      await tx.run(CREATE_RELS, params.rels);
    });
    total += secs(s);
  };
  const batch = new TransactionBatch<{ graph: ExtractedGraph }>();
  for (const f of files) {
    const graph = extractFile(f);
    if (batch.excludes(graph)) await write(batch.take().map((b) => b.graph));
    batch.add({ graph });
    if (batch.full) await write(batch.take().map((b) => b.graph));
  }
  const rest = batch.take();
  if (rest.length) await write(rest.map((b) => b.graph));
  return total;
}

try {
  await applySchema(executor);

  // 1b. A first full import into a new store on a freshly started server: JIT and query planning
  //     are cold here.
  await wipe();
  const t1 = process.hrtime.bigint();
  const cold = await importFiles(executor, files);
  const coldSecs = secs(t1);
  console.log(
    `full import, cold server: ${coldSecs.toFixed(1)} s, ${(files.length / coldSecs).toFixed(1)} briefs/s${cold.some((o) => !o.ok) ? ' (with failures)' : ''}`,
  );

  // 2. In some runs the first phase after emptying the cold import's store ran up to twice as slow
  //    as any later one, whichever phase it was. A raw write that is not compared goes first to
  //    absorb that; the warm full import and the raw write then run on equal terms, each into an
  //    emptied store.
  const settling = await rawWriteAll();
  console.log(`raw database write, first after emptying the cold store: ${settling.toFixed(1)} s (not compared)`);

  // 3. The raw write of the same rows in the same transactions (extraction untimed), then the warm
  //    full import last, so the store is left as the importer writes it (bench:api can read it).
  const timedRaw = new TimedExecutor(db.driver, db.database);
  const raw = values.steps ? await phase(executor, neo4jPid, collect, () => rawWriteAll(timedRaw)) : undefined;
  const rawSecs = raw?.result ?? (await rawWriteAll());
  console.log(`raw database write: ${rawSecs.toFixed(1)} s (${(files.length / rawSecs).toFixed(1)} briefs/s)`);
  if (raw) printPhase('raw database write, step by step', timedRaw, raw, files.length);
  await wipe();
  const bar = progressBar('import');
  const timedImport = new TimedExecutor(db.driver, db.database);
  t0 = process.hrtime.bigint();
  const full = values.steps ? await phase(executor, neo4jPid, collect, () => importFiles(timedImport, files, bar.update)) : undefined;
  const outcomes = full?.result ?? (await importFiles(executor, files, bar.update));
  const importSecs = full ? full.wallMs / 1000 : secs(t0);
  bar.done();
  if (full) printPhase('full import, step by step', timedImport, full, files.length);
  const failed = outcomes.filter((o) => !o.ok);
  const rows = outcomes.reduce((a, o) => a + o.nodes + o.relationships, 0);
  console.log(
    `full import, warm server: ${importSecs.toFixed(1)} s, ${(files.length / importSecs).toFixed(1)} briefs/s, ${(rows / importSecs).toFixed(0)} nodes+relationships/s${failed.length ? `, ${failed.length} failed: ${failed[0]!.error}` : ''}`,
  );
  console.log(`full import / raw write (both warm) = ${(importSecs / rawSecs).toFixed(2)}×`);
  const [size] = (
    await executor.read((tx) => tx.run('CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels'))
  ).records;
  console.log(`graph left in the store: ${size!.get('nodes')} nodes, ${size!.get('rels')} relationships`);
  sample();
  console.log(
    `peak RSS of this process: ${(peakRss / 1048576).toFixed(0)} MB (Neo4j runs in its own JVM: heap ${config.NEO4J_LOCAL_HEAP}, page cache ${config.NEO4J_LOCAL_PAGECACHE})`,
  );
} finally {
  clearInterval(sampler);
  await db.close();
}
