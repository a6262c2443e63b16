/** npm run digest -- --watch NAME [--since DATE] [--format md|html] [--out FILE] */
import fs from 'node:fs';
import { parseCli, usageError } from '../cliArgs.js';

const USAGE = 'usage: npm run digest -- --watch NAME [--since DATE] [--format md|html] [--limit N] [--out FILE]';
const HELP = `${USAGE}

Writes the digest of a watch-list: the new facts touching its agencies, companies, sectors and
policies (new policies issued, targeting or mentioning them; new news items), newest first, each
line citing the sentence and brief behind it. Watch-lists are made in the explorer ("Watch") or
with POST /api/watchlists, and kept in .data/watchlists/.

Options:
  --watch NAME   The watch-list's name or id.
  --since DATE   Only facts imported since this date (YYYY-MM-DD or ISO date-time).
  --format F     md (default) or html.
  --limit N      At most N lines (default 200).
  --out FILE     Write to FILE instead of stdout.
  -h, --help     Show this help and exit.

Exit codes:
  0  digest written (possibly "Nothing new")
  1  Neo4j unavailable
  2  usage or configuration error; no watch-list of that name`;

const { values } = parseCli({
  help: HELP,
  usage: USAGE,
  options: {
    watch: { type: 'string' },
    since: { type: 'string' },
    format: { type: 'string', default: 'md' },
    limit: { type: 'string', default: '200' },
    out: { type: 'string' },
  },
});
if (!values.watch) usageError('Name the watch-list: --watch NAME.', USAGE);
if (values.format !== 'md' && values.format !== 'html') usageError(`--format must be md or html (got "${values.format}").`, USAGE);
if (values.since && Number.isNaN(Date.parse(values.since))) usageError(`--since must be a date, YYYY-MM-DD or ISO date-time (got "${values.since}").`, USAGE);
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > 200) usageError('--limit must be a whole number from 1 to 200.', USAGE);

const [{ loadConfigOrExit }, { connectOrExit }, { Executor }, { ChangeLog }, { historyDir }, { WatchStore }, { watchFeed }, { renderDigest }, { watchDir }] =
  await Promise.all([
    import('../config.js'),
    import('../db/connect.js'),
    import('../graph/executor.js'),
    import('../changes/store.js'),
    import('../changes/history.js'),
    import('./store.js'),
    import('./feed.js'),
    import('./digest.js'),
    import('./paths.js'),
  ]);
const list = await new WatchStore(watchDir()).find(values.watch);
if (!list) {
  console.error(`No watch-list called "${values.watch}". GET /api/watchlists lists them; make one in the explorer ("Watch") or with POST /api/watchlists.`);
  process.exit(2);
}
const config = loadConfigOrExit();
const db = await connectOrExit(config);
try {
  const feed = await watchFeed(new Executor(db.driver, db.database), new ChangeLog(historyDir()), list, {
    ...(values.since ? { since: values.since } : {}),
    limit,
  });
  const body = renderDigest(feed, values.format, values.since);
  if (values.out) {
    fs.writeFileSync(values.out, body);
    console.error(`Wrote the digest of "${list.name}" (${feed.entries.length} line(s)) to ${values.out}.`);
  } else process.stdout.write(body);
} catch (err) {
  console.error(`Digest failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
