/**
 * `npm run db`: the bundled Neo4j in the foreground. Ctrl-C or SIGTERM stops it cleanly.
 * `npm run db:fetch`: only fetch the jars (used by CI and the Dockerless quick start).
 * `npm run db:dump -- --out FILE`, `npm run db:load -- --from FILE [--force]`: backups (stopped store;
 * a load replaces the live store only once the loaded one opened).
 */
import { parseCli, usageError } from '../cliArgs.js';

const ENV = `Environment (or .env): NEO4J_LOCAL_DATA (data folder, default .data/neo4j), NEO4J_LOCAL_PORT,
NEO4J_LOCAL_HEAP, NEO4J_LOCAL_PAGECACHE. See docs/configuration.md.`;

const COMMANDS = {
  run: {
    usage: 'usage: npm run db [-- --fetch-only]',
    help: `Runs the bundled Neo4j (Community, Bolt on 127.0.0.1 only, no auth) in the foreground until
Ctrl-C. The first run fetches its jars with Maven (Java 17 and Maven needed).

Options:
  --fetch-only  Only fetch the jars (same as npm run db:fetch), then exit.
  -h, --help    Show this help and exit.

Backups: npm run db:dump -- --help, npm run db:load -- --help.

${ENV}

Exit codes:
  0  stopped cleanly (or jars in place, with --fetch-only)
  1  Neo4j failed to start or the jars could not be fetched
  2  usage or configuration error; Java or Maven missing
  3  the data folder is in use by another Neo4j (already running: use it, or stop it)`,
    options: { 'fetch-only': { type: 'boolean' } },
  },
  dump: {
    usage: 'usage: npm run db:dump -- --out FILE',
    help: `Writes the bundled Neo4j's database to a dump file with neo4j-admin. The store must be stopped:
while \`npm run db\` or \`npm start\` serves it, the command refuses and says how to stop it.

Options:
  --out FILE    The dump file to write (replaced if it exists), e.g. backups/graph-2026-06-01.dump.
  -h, --help    Show this help and exit.

${ENV}

Exit codes:
  0  dump written
  1  neo4j-admin failed (its message is shown)
  2  usage or configuration error; no database in the data folder; Java missing
  3  Neo4j is running on the data folder: stop it first`,
    options: { out: { type: 'string' } },
  },
  load: {
    usage: 'usage: npm run db:load -- --from FILE [--force]',
    help: `Loads a dump file (from npm run db:dump or neo4j-admin database dump) into the bundled Neo4j's
data folder. The store must be stopped. Start it again afterwards with npm run db or npm start.

The dump is loaded into a new store beside the live one, which is opened and counted; only then
does it replace the live store. A corrupt, truncated or foreign dump, a full disk or an
interrupted load leave the graph that is there unchanged. The replaced store is kept in the data
folder's replaced/ until the next restore.

Options:
  --from FILE   The dump file to load.
  --force       Replace the database that the data folder already holds.
  -h, --help    Show this help and exit.

${ENV}

Exit codes:
  0  loaded
  1  the dump could not be loaded or opened (what was wrong is shown); the graph is unchanged
  2  usage or configuration error; no such file; a database exists and --force was not given
  3  Neo4j or another restore is using the data folder: stop it or wait, then run again`,
    options: { from: { type: 'string' }, force: { type: 'boolean' } },
  },
} as const;

const command = process.argv[2] === 'dump' || process.argv[2] === 'load' ? process.argv[2] : 'run';
const spec = COMMANDS[command];
const { values } = parseCli({
  help: `${spec.usage}\n\n${spec.help}`,
  usage: spec.usage,
  options: spec.options,
  args: process.argv.slice(command === 'run' ? 2 : 3),
}) as { values: { 'fetch-only'?: boolean; out?: string; from?: string; force?: boolean } };
if (command === 'dump' && !values.out) usageError('--out FILE is required.', spec.usage);
if (command === 'load' && !values.from) usageError('--from FILE is required.', spec.usage);

// Loaded after the arguments, so --help answers at once.
const { loadConfigOrExit } = await import('../config.js');
const { ensureJars, findRunning, LocalNeo4jError, startLocalNeo4j } = await import('./local.js');
const config = loadConfigOrExit();

try {
  if (command === 'dump') {
    const { dumpDatabase } = await import('./backup.js');
    const { bytes } = dumpDatabase({ dataDir: config.NEO4J_LOCAL_DATA, out: values.out! });
    console.log(`Dumped ${config.NEO4J_LOCAL_DATA} to ${values.out} (${(bytes / 1024 / 1024).toFixed(1)} MiB).`);
    (await import('../accounts/audit.js')).auditCommand((await import('../paths.js')).fromRoot(config.STATE_DIR), 'db dump', `to ${values.out}`);
    process.exit(0);
  }
  if (command === 'load') {
    const { loadDatabase } = await import('./backup.js');
    const { counts, replaced } = await loadDatabase({ dataDir: config.NEO4J_LOCAL_DATA, from: values.from!, force: !!values.force });
    console.log(`Loaded ${values.from} into ${config.NEO4J_LOCAL_DATA}: ${counts.nodes} nodes, ${counts.relationships} relationships.`);
    (await import('../accounts/audit.js')).auditCommand((await import('../paths.js')).fromRoot(config.STATE_DIR), 'db load', `from ${values.from}`);
    if (replaced) console.log(`The graph it replaced is in ${replaced} until the next restore; delete it when you no longer need it.`);
    console.log('Start it with npm run db or npm start.');
    process.exit(0);
  }
  if (values['fetch-only']) {
    ensureJars();
    console.log('Neo4j jars are in place.');
    process.exit(0);
  }
  const running = findRunning(config.NEO4J_LOCAL_DATA);
  if (running) {
    console.error(`The bundled Neo4j is already running on this data folder (${config.NEO4J_LOCAL_DATA}): ${running.uri}, pid ${running.pid}.`);
    console.error('Use that instance (npm start and npm run import connect to it by themselves), stop it, or set NEO4J_LOCAL_DATA to another folder.');
    process.exit(3);
  }
  const local = await startLocalNeo4j({
    port: config.NEO4J_LOCAL_PORT,
    dataDir: config.NEO4J_LOCAL_DATA,
    heap: config.NEO4J_LOCAL_HEAP,
    pagecache: config.NEO4J_LOCAL_PAGECACHE,
    foreground: true,
  });
  // The terminal's Ctrl-C reaches Java too (same process group); SIGTERM to us is forwarded.
  const shutdown = () => void local.stop();
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const code = await local.exited;
  process.exit(code ?? 0);
} catch (err) {
  if (err instanceof LocalNeo4jError) {
    console.error(err.message);
    process.exit(err.exitCode);
  }
  throw err;
}
