/**
 * npm run bench:extract [-- --rounds N] [--corpus DIR] [--against CHECKOUT] — extraction throughput
 * (MB/s of brief text, no database) and, unless --no-db, the time to import the seeds into Neo4j
 * (the configured or bundled one).
 *
 * --against compares extraction with another checkout of this project (a worktree of an older
 * commit), each in its own process, the two taking turns brief by brief: on a machine whose speed
 * drifts by a fifth from minute to minute, separate runs cannot tell a 5% change from noise, and
 * two extractors in one process slowed whichever ran second by up to 5%.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '50' }, 'no-db': { type: 'boolean' }, corpus: { type: 'string' }, against: { type: 'string' } },
});
const rounds = Number(values.rounds);
const corpus = values.corpus ? path.resolve(values.corpus) : fromRoot('seeds');
const files = listBriefFiles([corpus]);
const texts = files.map((f) => ({ f, text: fs.readFileSync(f, 'utf8') }));
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t.text), 0);

if (values.against) {
  const other = path.resolve(values.against);
  if (!fs.existsSync(path.join(other, 'server/import/pipeline.ts')))
    throw new Error(`--against ${values.against}: no server/import/pipeline.ts there; give the root of another checkout of this project`);
  const here: number[] = [];
  const there: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // New processes each round: every round is a first pass, as an import is.
    const sides = await Promise.all([fromRoot('.'), other].map((checkout) => startWorker(checkout, corpus)));
    // Brief by brief, alternating which goes first: a slow spell of the machine (it lasts seconds
    // here) falls on both alike. Whole rounds taken in turn differed by ±5% from run to run.
    const ms = [0, 0];
    for (let k = 0; k < texts.length; k++) for (const i of (k + r) % 2 ? [1, 0] : [0, 1]) ms[i]! += await sides[i]!.extract(k);
    for (const side of sides) side.stop();
    here.push(ms[0]!);
    there.push(ms[1]!);
    console.log(`round ${r + 1}/${rounds}: this checkout ${ms[0]!.toFixed(0)} ms, ${values.against} ${ms[1]!.toFixed(0)} ms`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const ratios = here.map((h, i) => h / there[i]!);
  console.log(
    `extraction time per round of ${files.length} briefs (${(bytes / 1048576).toFixed(2)} MB), ${rounds} rounds, each checkout in a new process per round, taking turns brief by brief: ` +
      `this checkout min ${Math.min(...here).toFixed(0)} ms, median ${median(here).toFixed(0)} ms; ` +
      `${values.against} min ${Math.min(...there).toFixed(0)} ms, median ${median(there).toFixed(0)} ms; ` +
      `ratio this/that per round: median ${median(ratios).toFixed(3)}, range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
  );
  process.exit(0);
}

/** A worker process extracting with `checkout`'s code: `extract(k)` extracts brief k there and gives its milliseconds. */
async function startWorker(checkout: string, corpus: string): Promise<{ extract: (k: number) => Promise<number>; stop: () => void }> {
  const child = fork(fromRoot('test/bench/extract-worker.ts'), [checkout, corpus], { execArgv: ['--import', 'tsx'] });
  // The parent ends with process.exit; the worker goes with its channel.
  child.on('disconnect', () => child.kill());
  let reply: ((ms: number) => void) | undefined;
  child.on('message', (m: number | 'ready') => reply?.(m as number));
  child.on('exit', (code, signal) => {
    if (code && !signal) {
      console.error(`bench:extract: the worker for ${checkout} exited with code ${code}`);
      process.exit(1);
    }
  });
  await new Promise<void>((resolve) => (reply = () => resolve()));
  return {
    extract: (k) =>
      new Promise<number>((resolve) => {
        reply = resolve;
        child.send(k);
      }),
    stop: () => child.kill(),
  };
}

for (const t of texts) extractText(t.text, t.f); // warm-up: registry load and JIT
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) for (const t of texts) extractText(t.text, t.f);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(
  `extraction: ${files.length} briefs × ${rounds} rounds, ${((bytes * rounds) / 1048576).toFixed(2)} MB in ${secs.toFixed(2)} s = ${((bytes * rounds) / 1048576 / secs).toFixed(2)} MB/s, ${((files.length * rounds) / secs).toFixed(0)} briefs/s`,
);
console.log(`memory: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);

if (!values['no-db']) {
  const { loadConfigOrExit } = await import('../../server/config.js');
  const { connectDatabase } = await import('../../server/db/connect.js');
  const { Executor } = await import('../../server/graph/executor.js');
  const { applySchema } = await import('../../server/graph/schema.js');
  const { importFiles } = await import('../../server/import/importer.js');
  const db = await connectDatabase(loadConfigOrExit());
  try {
    const executor = new Executor(db.driver, db.database);
    await applySchema(executor);
    for (const label of ['first (empty graph or replacing)', 'repeat (replacing the same facts)']) {
      const s = process.hrtime.bigint();
      const out = await importFiles(executor, files);
      const ms = Number(process.hrtime.bigint() - s) / 1e6;
      const rels = out.reduce((a, o) => a + o.relationships, 0);
      const nodes = out.reduce((a, o) => a + o.nodes, 0);
      console.log(
        `import ${label}: ${files.length} briefs in ${(ms / 1000).toFixed(2)} s = ${(files.length / (ms / 1000)).toFixed(1)} briefs/s, ${((nodes + rels) / (ms / 1000)).toFixed(0)} nodes+relationships/s (${db.uri})`,
      );
    }
  } finally {
    await db.close();
  }
}
