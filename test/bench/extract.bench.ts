/**
 * npm run bench:extract [-- --rounds N] [--corpus DIR] [--against CHECKOUT] — extraction throughput
 * (MB/s of brief text, no database) and, unless --no-db, the time to import the seeds into Neo4j
 * (the configured or bundled one).
 *
 * --against compares extraction with another checkout of this project (a worktree of an older
 * commit) in this one process, alternating rounds and timing CPU: on a machine whose speed drifts
 * by a fifth from minute to minute, separate runs cannot tell a 5% change from noise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '50' }, 'no-db': { type: 'boolean' }, corpus: { type: 'string' }, against: { type: 'string' } },
});
const rounds = Number(values.rounds);
const files = listBriefFiles([values.corpus ? path.resolve(values.corpus) : fromRoot('seeds')]);
const texts = files.map((f) => ({ f, text: fs.readFileSync(f, 'utf8') }));
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t.text), 0);

if (values.against) {
  const entry = path.resolve(values.against, 'server/import/pipeline.ts');
  if (!fs.existsSync(entry)) throw new Error(`--against ${values.against}: no ${entry}; give the root of another checkout of this project`);
  const other = (await import(pathToFileURL(entry).href)) as { extractText: typeof extractText };
  const cpuMs = (extract: typeof extractText) => {
    const start = process.cpuUsage();
    for (const t of texts) extract(t.text, t.f);
    const d = process.cpuUsage(start);
    return (d.user + d.system) / 1000;
  };
  // Warm-up: registry load and JIT.
  for (const t of texts) {
    extractText(t.text, t.f);
    other.extractText(t.text, t.f);
  }
  const here: number[] = [];
  const there: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so a slow spell of the machine falls on both alike.
    if (r % 2) {
      here.push(cpuMs(extractText));
      there.push(cpuMs(other.extractText));
    } else {
      there.push(cpuMs(other.extractText));
      here.push(cpuMs(extractText));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const ratios = here.map((h, i) => h / there[i]!);
  console.log(
    `extraction CPU per round of ${files.length} briefs (${(bytes / 1048576).toFixed(2)} MB), ${rounds} alternating rounds: ` +
      `this checkout min ${Math.min(...here).toFixed(0)} ms, median ${median(here).toFixed(0)} ms; ` +
      `${values.against} min ${Math.min(...there).toFixed(0)} ms, median ${median(there).toFixed(0)} ms; ` +
      `ratio this/that: median ${median(ratios).toFixed(3)}, of the minima ${(Math.min(...here) / Math.min(...there)).toFixed(3)}`,
  );
  process.exit(0);
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
