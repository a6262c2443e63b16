/** npm run report -- --agency MIIT | --company Tesla [--format md|html|json] [--out FILE] */
import fs from 'node:fs';
import { parseCli, usageError } from '../cliArgs.js';
import type { ReportFormat } from './service.js';

const USAGE = 'usage: npm run report -- (--agency NAME | --company NAME | --compare NAME NAME [NAME NAME]) [--format md|html|json] [--out FILE]';
const HELP = `${USAGE}

Writes the report on one agency or one company from the graph: its policies, targets, sectors,
news and the briefs behind them, each statement with its source brief.

Options:
  --agency NAME    An agency by acronym, name or node id (MIIT, "Ministry of Finance").
  --company NAME   A company by name or node id (Tesla).
  --compare A B …  Two to four agencies, companies or sectors side by side (names or node ids):
                   counts, trends on one chart, shared and distinct co-issuers, sectors and
                   companies, every figure citing its sentence.
  --format F       md (default), html or json.
  --out FILE       Write to FILE instead of stdout.
  -h, --help       Show this help and exit.

Neo4j: NEO4J_URI or the bundled Neo4j, as for npm start. See docs/configuration.md.

Exit codes:
  0  report written
  1  the report failed (e.g. Neo4j unavailable)
  2  usage or configuration error; no such agency or company (close names are listed)
  3  the bundled Neo4j's data folder is locked by another process`;

const FORMATS = ['md', 'html', 'json'] as const satisfies readonly ReportFormat[];
const parsed = parseCli({
  help: HELP,
  usage: USAGE,
  allowPositionals: true,
  options: {
    agency: { type: 'string' },
    company: { type: 'string' },
    compare: { type: 'boolean' },
    format: { type: 'string', default: 'md' },
    out: { type: 'string' },
  },
});
const { positionals, values } = parsed;
const format = FORMATS.find((f) => f === values.format);
if (!format) usageError(`--format must be md, html or json (got "${values.format}").`, USAGE);
if (values.compare) {
  if (values.agency || values.company) usageError('--compare takes names only: --compare MIIT NDRC.', USAGE);
  if (positionals.length < 2 || positionals.length > 4) usageError(`--compare needs 2 to 4 names (got ${positionals.length}).`, USAGE);
} else if (positionals.length) usageError(`Unexpected argument "${positionals[0]}".`, USAGE);
else if (!!values.agency === !!values.company) usageError('Give exactly one of --agency NAME and --company NAME.', USAGE);

// Loaded after the arguments, so --help and usage errors answer at once.
const [
  { loadConfigOrExit },
  { connectOrExit },
  { Executor },
  { UnknownEntityError },
  { generateReport },
  { CorrectionLog },
  { CorrectionState },
  { fromRoot },
  { NoteStore, notesFile },
] = await Promise.all([
  import('../config.js'),
  import('../db/connect.js'),
  import('../graph/executor.js'),
  import('./resolve.js'),
  import('./service.js'),
  import('../curation/log.js'),
  import('../curation/state.js'),
  import('../paths.js'),
  import('../notes/store.js'),
]);

const config = loadConfigOrExit();
const db = await connectOrExit(config);
try {
  if (values.compare) {
    const { compareReport } = await import('../compare/service.js');
    const out = await compareReport(new Executor(db.driver, db.database), positionals, format);
    if (values.out) {
      fs.writeFileSync(values.out, out.body);
      console.error(`Wrote the comparison of ${out.ids.join(', ')} to ${values.out}.`);
    } else process.stdout.write(out.body);
  } else {
    const kind = values.agency ? 'agency' : 'company';
    const corrections = new CorrectionState(new CorrectionLog(fromRoot(config.CORRECTIONS_FILE)).read().corrections);
    const out = await generateReport(new Executor(db.driver, db.database), kind, (values.agency ?? values.company)!, format, corrections, (t) =>
      new NoteStore(notesFile()).of(t),
    );
    if (values.out) {
      fs.writeFileSync(values.out, out.body);
      console.error(`Wrote the ${kind} report on ${out.id} to ${values.out}.`);
    } else process.stdout.write(out.body);
  }
} catch (err) {
  const { CompareError } = await import('../compare/compare.js');
  const known = err instanceof UnknownEntityError || err instanceof CompareError;
  console.error(known ? (err as Error).message : `Report failed: ${(err as Error).message}`);
  process.exitCode = known ? 2 : 1;
} finally {
  await db.close();
}
