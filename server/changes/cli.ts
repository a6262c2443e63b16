/** npm run changes -- [--since IMPORT_ID|DATE] [--type LABEL] [--limit N] [--json] */
import { parseCli, usageError } from '../cliArgs.js';

const USAGE = 'usage: npm run changes -- [--since IMPORT_ID|DATE] [--type LABEL] [--limit N] [--json]';
const HELP = `${USAGE}

Lists what imports added to the graph and removed from it, by label: new policies, news items,
companies, agencies… and the facts (relationships) that came and went. Every import (npm run
import, the start-up seed import) is recorded in .data/changes/imports.jsonl.

Options:
  --since S     An import id (the imports after it) or a date, YYYY-MM-DD or ISO date-time
                (the imports from then on). Default: the last import alone.
  --type LABEL  Only this label (Policy, NewsItem, Company, Agency, …).
  --limit N     Ids listed per label (default 20, at most 200).
  --json        Print the answer of GET /api/changes instead of text.
  -h, --help    Show this help and exit.

Exit codes:
  0  listed (possibly nothing)
  1  Neo4j unavailable (names are read from the graph)
  2  usage or configuration error; --since names no import and is no date`;

const { values } = parseCli({
  help: HELP,
  usage: USAGE,
  options: { since: { type: 'string' }, type: { type: 'string' }, limit: { type: 'string', default: '20' }, json: { type: 'boolean' } },
});
const [
  { nodeLabel },
  { loadConfigOrExit },
  { connectOrExit },
  { Executor },
  { changesSince, UnknownSinceError, MAX_CHANGES_PAGE },
  { ChangeLog },
  { historyDir },
] = await Promise.all([
  import('../graph/model.js'),
  import('../config.js'),
  import('../db/connect.js'),
  import('../graph/executor.js'),
  import('./service.js'),
  import('./store.js'),
  import('./history.js'),
]);
const type = values.type === undefined ? undefined : nodeLabel.safeParse(values.type).data;
if (values.type !== undefined && !type) usageError(`--type must be one of ${nodeLabel.options.join(', ')} (got "${values.type}").`, USAGE);
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHANGES_PAGE) usageError(`--limit must be a whole number from 1 to ${MAX_CHANGES_PAGE}.`, USAGE);

const config = loadConfigOrExit();
const db = await connectOrExit(config);
try {
  const changes = await changesSince(new Executor(db.driver, db.database), new ChangeLog(historyDir()), {
    ...(values.since ? { since: values.since } : {}),
    ...(type ? { type } : {}),
    limit,
  });
  if (values.json) process.stdout.write(`${JSON.stringify(changes, null, 2)}\n`);
  else {
    const { printChanges } = await import('./text.js');
    process.stdout.write(printChanges(changes));
  }
} catch (err) {
  console.error(err instanceof UnknownSinceError ? err.message : `changes failed: ${(err as Error).message}`);
  process.exitCode = err instanceof UnknownSinceError ? 2 : 1;
} finally {
  await db.close();
}
