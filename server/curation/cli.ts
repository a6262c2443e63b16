/**
 * npm run curate -- list [--json] | merge KEEP DROP | rename ID NAME | alias ID NAME | reject ID |
 * reject-rel FROM TYPE TO [--brief B] | link FROM TYPE TO --note N | distinct A B | undo ID | apply | check | export-aliases | migrate-ids
 */
import fs from 'node:fs';
import { parseCli, usageError } from '../cliArgs.js';
import { formatIssues } from '../issues.js';

const USAGE =
  'usage: npm run curate -- <list|merge|rename|alias|reject|reject-rel|link|distinct|undo|apply|check|export-aliases|migrate-ids> [arguments] [--reason R] [--author A]';
const HELP = `${USAGE}

Corrects the graph. Each correction is appended to CORRECTIONS_FILE (JSON Lines, default
curation/corrections.jsonl) and applied to the graph at once, in one transaction; every import
applies it again, so a re-import keeps it. See docs/curation.md.

Commands:
  list [--json]                    Every correction with its status (applied, pending, stale, undone).
  merge KEEP DROP                  DROP's relationships and evidence move to KEEP; its names become aliases.
  rename ID NAME                   A new display name (the old one stays searchable as the import's).
  alias ID NAME                    One more name the node is found by.
  reject ID                        Not a fact ("not a company"): hidden from search, canvas, paths, reports.
  reject-rel FROM TYPE TO          A wrong relationship ("wrong sector"); --brief B rejects one brief's only.
  link FROM TYPE TO --note N       A relationship the extractor missed; the note is its evidence.
  distinct A B                     Not the same: the likely-duplicates queue never suggests the pair again.
  undo CORRECTION_ID               Appends a reversal; the graph is as it was before the correction.
  apply                            Applies every correction again (after restoring a dump, say), in file order.
  check                            Checks the corrections file (no database): each bad line with its
                                   number, what is wrong and how to fix it. No correction is added
                                   while the file has one.
  export-aliases [--out FILE]      Merges and aliases of agencies and companies as a patch to the
                                   registry files (git apply FILE), so the extractor learns them.
  migrate-ids                      Once, with the app stopped: rewrites ids of the old scheme (dates and
                                   positions) to ids of what each fact is, in the graph, the
                                   corrections file (backup kept) and the saved views (docs/curation.md).

Options:
  --reason R     Why (recommended; shown with the correction everywhere).
  --author A     Who (default: $USER).
  --note N       For link: the evidence.
  --brief B      For reject-rel: only the relationship stated in brief B.
  --json         For list: JSON instead of a table.
  -h, --help     Show this help and exit.

Exit codes:
  0  done
  1  failed (e.g. Neo4j unavailable)
  2  usage error, an invalid correction or a bad line in the corrections file (named by line)
  4  nothing to correct: no such node, relationship or correction; already undone; or an undo
     that must wait for the undo of a later correction (named)`;

const { values, positionals } = parseCli({
  help: HELP,
  usage: USAGE,
  allowPositionals: true,
  options: {
    reason: { type: 'string' },
    author: { type: 'string' },
    note: { type: 'string' },
    brief: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
  },
});
const [command, ...rest] = positionals;
const ARITY: Record<string, number> = {
  list: 0,
  merge: 2,
  rename: 2,
  alias: 2,
  reject: 1,
  'reject-rel': 3,
  link: 3,
  distinct: 2,
  undo: 1,
  apply: 0,
  check: 0,
  'export-aliases': 0,
  'migrate-ids': 0,
};
if (!command || !(command in ARITY)) usageError(command ? `Unknown command "${command}".` : 'Name a command.', USAGE);
if (rest.length !== ARITY[command]) usageError(`${command} takes ${ARITY[command]} argument(s), got ${rest.length}.`, USAGE);

const [
  { loadConfigOrExit },
  { connectOrExit },
  { Executor },
  { applySchema },
  { fromRoot, fromState },
  { CorrectionLog, CorrectionLogError },
  { correctionRequest },
  { Curator, CorrectionError },
  { exportAliases },
] = await Promise.all([
  import('../config.js'),
  import('../db/connect.js'),
  import('../graph/executor.js'),
  import('../graph/schema.js'),
  import('../paths.js'),
  import('./log.js'),
  import('./schema.js'),
  import('./service.js'),
  import('./exportAliases.js'),
]);

const common = { ...(values.reason ? { reason: values.reason } : {}), author: values.author ?? process.env.USER ?? undefined };
const [a, b, c] = rest as [string, string, string];
const REQUESTS: Record<string, () => unknown> = {
  merge: () => ({ kind: 'merge', keep: a, drop: b }),
  rename: () => ({ kind: 'rename', node: a, name: b }),
  alias: () => ({ kind: 'alias', node: a, name: b }),
  reject: () => ({ kind: 'reject', node: a }),
  'reject-rel': () => ({ kind: 'reject-rel', from: a, type: b, to: c, ...(values.brief ? { brief: values.brief } : {}) }),
  link: () => ({ kind: 'link', from: a, type: b, to: c, note: values.note }),
  distinct: () => ({ kind: 'distinct', a, b }),
};
let request: ReturnType<typeof correctionRequest.parse> | undefined;
if (REQUESTS[command]) {
  const r = correctionRequest.safeParse({ ...(REQUESTS[command]!() as object), ...common });
  if (!r.success) usageError(`Not a valid correction: ${formatIssues(r.error.issues, { root: command })}`, USAGE);
  request = r.data;
}

const config = loadConfigOrExit();
const log = new CorrectionLog(fromRoot(config.CORRECTIONS_FILE));
// Bad lines are skipped by every reader; check says what each is and how to fix it.
const { corrections, problems } = log.read();
if (command === 'check') {
  for (const p of problems) console.error(`${log.file}:${p.line}: ${p.problem}: ${p.text}\n  fix: ${p.fix}`);
  if (problems.length) {
    console.error(
      `${problems.length} bad line(s) in ${log.file}: they are ignored, and no correction is added until they are fixed. Fix them, then run check again.`,
    );
    process.exit(2);
  }
  console.log(`${log.file}: ${corrections.length} correction(s), no bad lines.`);
  process.exit(0);
}
const warning = log.warning();
if (warning) console.error(`warning: ${warning}`);
if (command !== 'migrate-ids') {
  const old = (await import('./migrateIds.js')).oldIdsWarning(log);
  if (old) console.error(`warning: ${old}`);
}

const db = await connectOrExit(config);
try {
  const executor = new Executor(db.driver, db.database);
  await applySchema(executor);
  await (await import('../graph/migrateProvenance.js')).migrateProvenance(executor);
  const curator = new Curator(log, executor);
  const torn = curator.log.read().torn;
  if (torn)
    console.error(
      `warning: ${config.CORRECTIONS_FILE}:${torn.line}: an unfinished last line (a crash while writing?) is ignored and removed at the next correction: ${torn.text}`,
    );
  if (request) {
    const { correction } = await curator.add(request);
    console.log(`${correction.id}  ${correction.kind} applied and recorded in ${config.CORRECTIONS_FILE}`);
    (await import('../accounts/audit.js')).auditCommand(fromRoot(config.STATE_DIR), 'curate', `${correction.kind} ${correction.id}`);
  } else if (command === 'undo') {
    const { correction } = await curator.undo(a, common);
    console.log(`${correction.id}  undo of ${a} applied and recorded in ${config.CORRECTIONS_FILE}`);
    (await import('../accounts/audit.js')).auditCommand(fromRoot(config.STATE_DIR), 'curate', `undo ${a}`);
  } else if (command === 'list') {
    const list = await curator.list();
    if (values.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    else {
      for (const l of list)
        console.log(
          `${l.correction.id}  ${l.correction.at.slice(0, 16)}  ${l.status.padEnd(7)}  ${describe(l.correction)}${l.detail ? `  [${l.detail}]` : ''}${l.undoneBy ? `  [undone by ${l.undoneBy}]` : ''}`,
        );
      if (!list.length) console.log(`No corrections in ${config.CORRECTIONS_FILE}.`);
    }
  } else if (command === 'apply') {
    const out = await curator.applyAll();
    for (const o of out.filter((x) => x.status === 'stale')) console.error(`stale   ${o.id}: ${o.detail}`);
    console.log(`${out.filter((o) => o.status === 'applied').length} correction(s) applied, ${out.filter((o) => o.status === 'stale').length} stale.`);
  } else if (command === 'migrate-ids') {
    const { migrateIds } = await import('./migrateIds.js');
    const { notesFile } = await import('../notes/store.js');
    const { watchDir } = await import('../watch/paths.js');
    const { progressBar } = await import('../import/progress.js');
    // Made at each call with 0 done (after the plan read, and again if the driver retries the
    // transaction), so its rate and time left are this attempt's rewrite's.
    let bar: ReturnType<typeof progressBar> | undefined;
    // The app's own folders under STATE_DIR (server/api/views/store.ts keeps views in views/).
    const state = { views: fromState('views'), watchlists: watchDir(), notes: notesFile() };
    const r = await migrateIds(executor, curator.log, state, new Date(), (done, total) => {
      if (!done || !bar) {
        bar?.clear();
        bar = progressBar('Migrating ids', Date.now, 'ids');
      }
      bar.update(done, total, '');
    }).finally(() => bar?.clear());
    console.log(
      `${r.mapped} node id(s) of the old scheme in the graph: ${r.renamed} renamed, ${r.folded} folded into a node that is the same fact (mapping in ${r.mapFile}).`,
    );
    console.log(`${r.corrections.changed} correction line(s) rewritten${r.corrections.backup ? ` (the old file is ${r.corrections.backup})` : ''}.`);
    console.log(`${r.views.changed} saved view(s) rewritten${r.views.backup ? ` (the old files are in ${r.views.backup})` : ''}.`);
    console.log(`${r.watchlists.changed} watch-list(s) rewritten${r.watchlists.backup ? ` (the old files are in ${r.watchlists.backup})` : ''}.`);
    console.log(`${r.notes.changed ? 'The notes file rewritten' : 'No note named an old id'}${r.notes.backup ? ` (the old file is ${r.notes.backup})` : ''}.`);
    if (r.unmapped.length) console.error(`${r.unmapped.length} old id(s) in corrections name no node (listed stale): ${r.unmapped.slice(0, 5).join(', ')}`);
  } else if (command === 'export-aliases') {
    const { patch, unplaced } = await executor.read((tx) => exportAliases(tx, curator.state()));
    for (const u of unplaced) console.error(`not exported: ${u}`);
    if (values.out) {
      fs.writeFileSync(values.out, patch);
      console.error(patch ? `Wrote the patch to ${values.out}; review it, then: git apply ${values.out}` : 'No new aliases for the registries.');
    } else process.stdout.write(patch);
  }
} catch (err) {
  if (err instanceof CorrectionError) {
    console.error(err.message);
    process.exitCode = err.status === 400 ? 2 : err.status >= 500 ? 1 : 4;
  } else if (err instanceof CorrectionLogError) {
    console.error(err.message);
    process.exitCode = 2;
  } else {
    console.error(`curate failed: ${(err as Error).message}`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}

function describe(c: { kind: string } & Record<string, unknown>): string {
  const why = `${c.author ? ` by ${String(c.author)}` : ''}${c.reason ? `: ${String(c.reason)}` : ''}`;
  const what: Record<string, string> = {
    merge: `merge ${String(c.drop)} into ${String(c.keep)}`,
    rename: `rename ${String(c.node)} to "${String(c.name)}"`,
    alias: `alias "${String(c.name)}" for ${String(c.node)}`,
    reject: `reject ${String(c.node)}`,
    'reject-rel': `reject ${String(c.from)} -${String(c.type)}-> ${String(c.to)}${c.brief ? ` (brief ${String(c.brief)})` : ''}`,
    link: `link ${String(c.from)} -${String(c.type)}-> ${String(c.to)}: "${String(c.note)}"`,
    distinct: `${String(c.a)} and ${String(c.b)} are not the same`,
    undo: `undo ${String(c.target)}`,
  };
  return `${what[c.kind] ?? c.kind}${why}`;
}
