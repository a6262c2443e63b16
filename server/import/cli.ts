/**
 * npm run import -- <files or folders…> [--dry-run --json OUT]
 * Writes briefs to Neo4j (each brief all or nothing) or, with --dry-run, writes the extracted graph
 * as JSON without touching a database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCli, usageError } from '../cliArgs.js';
import { auditCommand } from '../accounts/audit.js';
import type { ExtractedGraph } from '../extract/schema.js';
import type { BriefOutcome } from './importer.js';
import type { Executor } from '../graph/executor.js';

const USAGE = 'usage: npm run import -- <files or folders…> [--dry-run] [--json OUT]';
const HELP = `${USAGE}

Imports MERICS China Industries briefs (.pdf, saved web pages .html/.htm, .txt, .md; folders
are searched) into Neo4j: a brief is imported whole or not at all. The format is read from the
content. Re-importing a brief replaces it, also under another file name or format.

Options:
  --dry-run     Parse and extract only; print the extracted graph as JSON. No database is used.
  --json OUT    With --dry-run: write the JSON to OUT instead of stdout.
  -h, --help    Show this help and exit.

Neo4j: NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) or, when unset, the bundled Neo4j
(started for the import when it is not running). See docs/configuration.md.

Analysts' corrections (CORRECTIONS_FILE, see docs/curation.md) are applied to every brief
written, in its transaction; corrections whose target is gone are listed as stale.

Exit codes:
  0  every brief was imported (or extracted, with --dry-run)
  1  some briefs failed (the others are committed), or Neo4j became unavailable
  2  usage or configuration error; no brief files found; Java/Maven missing
  3  the bundled Neo4j's data folder is locked by another process`;

const args = parseCli({ help: HELP, usage: USAGE, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, json: { type: 'string' } } });
if (!args.positionals.length) usageError('Name at least one brief file or folder.', USAGE);
if (args.values.json && !args.values['dry-run']) usageError('--json needs --dry-run.', USAGE);

// Loaded after the arguments, so --help and usage errors answer at once.
const [
  { loadConfigOrExit },
  { connectOrExit },
  { graphCounts },
  { Executor: ExecutorClass },
  { applySchema },
  { BriefError },
  { importFiles, settleUnknown },
  { renamed, listBriefFiles },
  { BriefReader },
  { RunIdentities },
  { progressBar },
  { printable },
  { outcomeLine, summariseWarnings, interruptedLines },
] = await Promise.all([
  import('../config.js'),
  import('../db/connect.js'),
  import('../graph/counts.js'),
  import('../graph/executor.js'),
  import('../graph/schema.js'),
  import('../parse/schema.js'),
  import('./importer.js'),
  import('./pipeline.js'),
  import('./briefReader.js'),
  import('./sameBriefs.js'),
  import('./progress.js'),
  import('./printable.js'),
  import('./outcomeLines.js'),
]);
const [{ CorrectionLog }, { Curator }, { fromRoot }, { recordImport }] = await Promise.all([
  import('../curation/log.js'),
  import('../curation/service.js'),
  import('../paths.js'),
  import('../changes/history.js'),
]);
type Curator = InstanceType<typeof Curator>;

let files: string[];
try {
  files = listBriefFiles(args.positionals);
} catch (err) {
  console.error(printable((err as Error).message));
  process.exit(2);
}
if (!files.length) {
  console.error(`No brief files (.pdf, .html, .htm, .txt, .md) in ${printable(args.positionals.join(', '))}.`);
  process.exit(2);
}

const config = loadConfigOrExit();

if (args.values['dry-run']) {
  // By brief id: a later copy of the same brief (another name or format) replaces the earlier one.
  const graphs = new Map<string, ExtractedGraph>();
  const run = new RunIdentities();
  let failed = 0;
  const reader = new BriefReader();
  for (const file of files) {
    try {
      let loaded = await reader.load(file, config.BRIEF_TIME_BUDGET_MS);
      const earlier = run.find(loaded.parsed.id, loaded.identity, loaded.parsed.date);
      if (earlier) loaded = renamed(loaded, earlier.id);
      run.add({
        id: loaded.parsed.id,
        source: path.basename(file),
        titleKey: loaded.identity.titleKey,
        ...(loaded.parsed.date ? { date: loaded.parsed.date } : {}),
        contentKeys: loaded.identity.contentKeys,
      });
      const g = loaded.graph;
      graphs.delete(g.brief);
      graphs.set(g.brief, g);
      const cut = loaded.parsed.truncatedAtLine ? `; TRUNCATED at line ${loaded.parsed.truncatedAtLine}` : '';
      console.error(
        printable(
          `${path.basename(file)}: ${g.nodes.length} nodes, ${g.relationships.length} relationships${g.warnings.length ? `, ${g.warnings.length} warning(s)` : ''}${cut}${earlier ? `; same brief as ${earlier.source} (replaces it)` : ''}`,
        ),
      );
      for (const w of g.warnings) console.error(`  warning: ${printable(`${w.line ? `line ${w.line}: ` : ''}${w.message}`)}`);
    } catch (err) {
      failed++;
      console.error(`error: ${printable(err instanceof BriefError ? err.message : `${file}: ${(err as Error).message}`)}`);
    }
  }
  const nodes = new Map<string, ExtractedGraph['nodes'][number]>();
  for (const g of graphs.values()) for (const n of g.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const all = [...graphs.values()];
  const json = JSON.stringify(
    { nodes: [...nodes.values()], relationships: all.flatMap((g) => g.relationships), briefs: all.map((g) => ({ brief: g.brief, warnings: g.warnings })) },
    null,
    2,
  );
  if (args.values.json) fs.writeFileSync(args.values.json, json);
  else process.stdout.write(`${json}\n`);
  process.exit(failed ? 1 : 0);
}

/** The graph needs a step before any import (the message says which); nothing was written. */
class Refused extends Error {}

// The reading thread loads its modules and registries while Neo4j connects and the schema is checked.
const reader = new BriefReader().start();
const db = await connectOrExit(config);
try {
  const executor = new ExecutorClass(db.driver, db.database);
  await applySchema(executor);
  await (await import('../graph/migrateProvenance.js')).migrateProvenance(executor);
  const before = await counts(executor);
  const bar = progressBar('Importing');
  const curator = new Curator(new CorrectionLog(fromRoot(config.CORRECTIONS_FILE)), executor);
  const migrateIds = await import('../curation/migrateIds.js');
  const oldIds = migrateIds.oldIdsWarning(curator.log);
  if (oldIds) console.error(`warning: ${oldIds}`);
  // An import would write those policies again under whole-title ids and drop the cut ones its
  // briefs no longer state; the corrections, notes and views naming them could then not be mapped.
  const cutIds = await migrateIds.cutIdsWarning(executor);
  if (cutIds) throw new Refused(`${cutIds} Nothing was imported.`);
  // Each transaction's briefs as it commits; what was committed if the run is stopped.
  const committed: BriefOutcome[] = [];
  const printed = new Set<string>();
  const onCommitted = (batch: BriefOutcome[]) => {
    bar.clear();
    for (const o of batch) {
      committed.push(o);
      printed.add(`${o.file}\0${o.status}`);
      console.error(outcomeLine(o));
    }
  };
  process.once('SIGINT', () => {
    bar.clear();
    for (const line of interruptedLines(committed, files.length)) console.error(line);
    process.exit(130);
  });
  const attempted = await importFiles(executor, files, bar.update, {
    briefBudgetMs: config.BRIEF_TIME_BUDGET_MS,
    corrections: curator.state(),
    onCommitted,
    reader,
  });
  bar.done();
  // After a crash, the summary says which briefs were committed, once Neo4j answers again.
  const outcomes = await settleUnknown(executor, attempted, {
    onWait: (ms) =>
      console.error(`Neo4j went away while briefs were being committed; waiting up to ${ms / 1000} s for it to answer again, to tell which were committed…`),
  });
  // Recorded before the summary, so `npm run changes` lists it even if printing fails.
  const history = await recordImport(outcomes, 'cli');
  if (history.warning) console.error(`warning: ${printable(history.warning)}`);
  for (const o of outcomes) if (o.status !== 'skipped' && !printed.has(`${o.file}\0${o.status}`)) console.error(outcomeLine(o));
  for (const line of summariseWarnings(outcomes)) console.error(line);
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  const [imported, failed, skipped, unknown] = [count('ok'), count('failed'), count('skipped'), count('unknown')];
  const truncated = outcomes.filter((o) => o.ok && o.truncatedAtLine && !o.kept).length;
  auditCommand(fromRoot(config.STATE_DIR), 'import', `${imported} brief(s) imported, ${failed} failed, ${skipped + unknown} not committed`);
  if (skipped || unknown || outcomes.some((o) => o.unavailable)) {
    console.error(
      `Neo4j became unavailable: ${imported} brief(s) were imported and committed, ${failed} failed, ${unknown ? `${unknown} unknown (the connection died while their transaction was committing), ` : ''}${skipped} not attempted. Start Neo4j again and re-run the same command; briefs already imported are replaced, not duplicated.`,
    );
    process.exitCode = 1;
  } else {
    const after = await counts(executor);
    console.log(
      `${imported} brief(s) imported${truncated ? ` (${truncated} truncated)` : ''}, ${failed} failed. Graph: ${after.nodes} nodes (${signed(after.nodes - before.nodes)}), ${after.relationships} relationships (${signed(after.relationships - before.relationships)}).`,
    );
    console.log(`Recorded as import ${history.record.id}: \`npm run changes\` lists what it added and removed.`);
    await reportStale(curator);
    if (failed) console.error('Fix the failed files (the message names file and line) and run the import again; the others are already in the graph.');
    process.exitCode = failed ? 1 : 0;
  }
} catch (err) {
  if (err instanceof Refused) {
    console.error(`error: ${err.message}`);
    process.exitCode = 2;
  } else {
    console.error(
      `Import stopped: ${printable((err as Error).message)}. Briefs already reported as ok are committed; run the same command again to complete the rest.`,
    );
    process.exitCode = 1;
  }
} finally {
  await reader.close();
  await db.close();
}

/** Corrections whose target the briefs no longer state: kept in the log, listed here so nobody loses them silently. */
async function reportStale(curator: Curator) {
  const stale = (await curator.list()).filter((c) => c.status === 'stale');
  for (const s of stale) console.error(`stale   correction ${printable(`${s.correction.id} (${s.correction.kind}): ${s.detail}`)}`);
  if (stale.length) console.error(`${stale.length} correction(s) are stale: \`npm run curate -- list\` shows them; undo them or correct again.`);
}

function counts(executor: Executor) {
  return executor.read(graphCounts);
}

function signed(n: number) {
  return n >= 0 ? `+${n}` : String(n);
}
