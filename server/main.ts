/** `npm start`: database (configured or bundled), schema, seed import when empty, HTTP app. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCli } from './cliArgs.js';
import { loadConfigOrExit } from './config.js';
import { createApp } from './api/app.js';
import { connectOrExit } from './db/connect.js';
import { consoleFromConfig } from './api/cypher/fromConfig.js';
import { Executor } from './graph/executor.js';
import { applySchema } from './graph/schema.js';
import { migrateProvenance } from './graph/migrateProvenance.js';
import { removeDuplicateLineage } from './lineage/backfill.js';
import { importSeedsIfEmpty } from './import/seeds.js';
import { fromRoot, fromState } from './paths.js';
import { CorrectionLog } from './curation/log.js';
import { CorrectionState } from './curation/state.js';
import { cutIdsWarning, oldIdsWarning } from './curation/migrateIds.js';
import { askOverHttp, selfBase, warmUp } from './warmup.js';
import { onImports } from './api/onImports.js';
import { ChangeLog } from './changes/store.js';

parseCli({
  usage: 'usage: npm start',
  help: `usage: npm start   (in the Docker image: node server/main.js)

Starts the app: connects to Neo4j (NEO4J_URI, or the bundled Neo4j, started if it is not running),
applies the schema, imports the sample briefs if the graph is empty, and serves the explorer and
the API on HOST:PORT (default http://127.0.0.1:3000). Ctrl-C or SIGTERM stops it.
npm start builds the explorer first (prestart).

Options:
  -h, --help    Show this help and exit.

Settings come from the environment or .env: see docs/configuration.md.

Exit codes:
  0  stopped by Ctrl-C or SIGTERM
  1  the port is taken, or Neo4j failed
  2  configuration error; Java or Maven missing for the bundled Neo4j
  3  the bundled Neo4j's data folder is locked by another process`,
  options: {},
});
const config = loadConfigOrExit();

const db = await connectOrExit(config);
console.error(
  `Neo4j: ${db.uri} (${db.origin === 'configured' ? 'NEO4J_URI' : db.origin === 'running-local' ? 'bundled, already running' : 'bundled, started by this app'})`,
);

const executor = new Executor(db.driver, db.database, db.availability, db.memberDriver);
await applySchema(executor);
await migrateProvenance(executor);
// Once per server start, not with the schema: every CLI import applies the schema (issue 28).
await removeDuplicateLineage(executor);
const correctionLog = new CorrectionLog(fromRoot(config.CORRECTIONS_FILE));
// Bad lines (a hand edit, a merge conflict) are skipped; the server starts and says which.
const correctionsWarning = correctionLog.warning();
if (correctionsWarning) console.error(`warning: ${correctionsWarning}`);
const oldIds = oldIdsWarning(correctionLog) ?? (await cutIdsWarning(executor));
if (oldIds) console.error(`warning: ${oldIds}`);
const corrections = new CorrectionState(correctionLog.read().corrections);
await importSeedsIfEmpty(executor, corrections);

const { worker: consoleWorker, limits: consoleLimits } = consoleFromConfig(db, config);
const app = createApp({
  executor,
  consoleBackend: consoleWorker,
  options: {
    ...(config.API_TOKEN ? { apiToken: config.API_TOKEN } : {}),
    cypher: consoleLimits,
    allowedHosts: [...config.ALLOWED_HOSTS, ...(config.HOST === '0.0.0.0' || config.HOST === '::' ? [] : [config.HOST])],
    allowedOrigins: config.ALLOWED_ORIGINS,
    clientDir: fromRoot('dist/client'),
    logLevel: config.LOG_LEVEL,
    correctionLog,
    trustProxyUser: config.TRUST_PROXY_USER,
    // The first hub report after a restart is read from here, not built (issue 28).
    reportsDir: fromState('reports'),
  },
});
const server: Server = app.listen(config.PORT, config.HOST, () => {
  console.log(`Policy Graph is running at http://${config.HOST}:${config.PORT}`);
  // In the background: what an analyst asks first, then the hub reports (server/warmup.ts).
  const ask = askOverHttp(selfBase(config.HOST, (server.address() as AddressInfo).port), config.API_TOKEN);
  const warm = () =>
    warmUp(executor, ask).then(({ status, warmed }) => {
      const slow = warmed.filter((w) => w.status !== 200);
      console.error(
        `Warmed ${status.done} of ${status.of} first requests and hub reports in ${warmed.reduce((s, w) => s + w.ms, 0)} ms${slow.length ? ` (${slow.map((w) => `${w.path}: ${w.status || 'no answer'}`).join(', ')})` : ''}.`,
      );
      if (status.state === 'failed') console.error(`warm-up stopped: ${status.error}`);
    });
  // After each import (the CLI's too), the same requests again: the answers it touched are
  // rebuilt before an analyst asks, the others are cache hits.
  void warm().then(() => onImports(new ChangeLog(fromState('changes')), warm));
});
server.on('error', async (err) => {
  console.error(`Cannot listen on ${config.HOST}:${config.PORT}: ${err.message}. Set PORT to a free port.`);
  await db.close();
  process.exit(1);
});

/** How long shutdown waits for requests in flight (a console query has CYPHER_TIMEOUT_MS at most). */
const SHUTDOWN_GRACE_MS = Math.min(config.CYPHER_TIMEOUT_MS + 5_000, 30_000);
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.error('Stopping…');
  // Requests in flight finish (a correction half-written would be pending); new ones are refused.
  // What still runs after the grace is cut.
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  await drained;
  clearTimeout(cut);
  await consoleWorker.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
