/**
 * npm run import -- <files or folders…> [--dry-run --json OUT]
 * Writes briefs to Neo4j (each brief all or nothing) or, with --dry-run, writes the extracted graph
 * as JSON without touching a database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { connectOrExit } from '../db/connect.js';
import type { ExtractedGraph } from '../extract/schema.js';
import { graphCounts } from '../graph/counts.js';
import { Executor } from '../graph/executor.js';
import { applySchema } from '../graph/schema.js';
import { BriefError } from '../parse/schema.js';
import { importFiles } from './importer.js';
import { extractFile, listBriefFiles } from './pipeline.js';
import { progressBar } from './progress.js';

const USAGE = 'usage: npm run import -- <files or folders…> [--dry-run] [--json OUT]';
let args;
try {
  args = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help || !args.positionals.length) {
  console.error(USAGE);
  process.exit(args.values.help ? 0 : 2);
}

let files: string[];
try {
  files = listBriefFiles(args.positionals);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
if (!files.length) {
  console.error(`No brief files (.txt, .md) in ${args.positionals.join(', ')}.`);
  process.exit(2);
}

const config = loadConfigOrExit();
const budget = { budgetMs: config.BRIEF_TIME_BUDGET_MS };

if (args.values['dry-run']) {
  const merged: { nodes: Map<string, ExtractedGraph['nodes'][number]>; relationships: ExtractedGraph['relationships']; briefs: { brief: string; warnings: ExtractedGraph['warnings'] }[] } = { nodes: new Map(), relationships: [], briefs: [] };
  let failed = 0;
  for (const file of files) {
    try {
      const g = extractFile(file, budget);
      for (const n of g.nodes) if (!merged.nodes.has(n.id)) merged.nodes.set(n.id, n);
      merged.relationships.push(...g.relationships);
      merged.briefs.push({ brief: g.brief, warnings: g.warnings });
      console.error(`${path.basename(file)}: ${g.nodes.length} nodes, ${g.relationships.length} relationships${g.warnings.length ? `, ${g.warnings.length} warning(s)` : ''}`);
      for (const w of g.warnings) console.error(`  warning: ${w.line ? `line ${w.line}: ` : ''}${w.message}`);
    } catch (err) {
      failed++;
      console.error(err instanceof BriefError ? `error: ${err.message}` : `error: ${file}: ${(err as Error).message}`);
    }
  }
  const json = JSON.stringify({ nodes: [...merged.nodes.values()], relationships: merged.relationships, briefs: merged.briefs }, null, 2);
  if (args.values.json) fs.writeFileSync(args.values.json, json);
  else process.stdout.write(`${json}\n`);
  process.exit(failed ? 1 : 0);
}

const db = await connectOrExit(config);
try {
  const executor = new Executor(db.driver, db.database);
  await applySchema(executor);
  const before = await counts(executor);
  const bar = progressBar('Importing');
  const outcomes = await importFiles(executor, files, bar.update, { briefBudgetMs: config.BRIEF_TIME_BUDGET_MS });
  bar.done();
  for (const o of outcomes) {
    if (o.status === 'skipped') continue;
    if (o.ok) {
      console.error(`ok      ${path.basename(o.file)}: ${o.nodes} nodes, ${o.relationships} relationships`);
      for (const w of o.warnings) console.error(`        warning: ${w}`);
    } else console.error(`${o.status === 'unknown' ? 'UNKNOWN' : 'FAILED '} ${o.error}`);
  }
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  const [imported, failed, skipped, unknown] = [count('ok'), count('failed'), count('skipped'), count('unknown')];
  if (skipped || unknown || outcomes.some((o) => o.unavailable)) {
    console.error(
      `Neo4j became unavailable: ${imported} brief(s) were imported and committed, ${failed} failed, ${unknown ? `${unknown} unknown (the connection died while their transaction was committing), ` : ''}${skipped} not attempted. Start Neo4j again and re-run the same command; briefs already imported are replaced, not duplicated.`,
    );
    process.exitCode = 1;
  } else {
    const after = await counts(executor);
    console.log(
      `${imported} brief(s) imported, ${failed} failed. Graph: ${after.nodes} nodes (${signed(after.nodes - before.nodes)}), ${after.relationships} relationships (${signed(after.relationships - before.relationships)}).`,
    );
    if (failed) console.error('Fix the failed files (the message names file and line) and run the import again; the others are already in the graph.');
    process.exitCode = failed ? 1 : 0;
  }
} catch (err) {
  console.error(`Import stopped: ${(err as Error).message}. Briefs already reported as ok are committed; run the same command again to complete the rest.`);
  process.exitCode = 1;
} finally {
  await db.close();
}

function counts(executor: Executor) {
  return executor.read(graphCounts);
}

function signed(n: number) {
  return n >= 0 ? `+${n}` : String(n);
}
