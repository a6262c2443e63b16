/**
 * `npm run db`: the bundled Neo4j in the foreground. Ctrl-C or SIGTERM stops it cleanly.
 * `npm run db:fetch`: only fetch the jars (used by CI and the Dockerless quick start).
 */
import { loadConfigOrExit } from '../config.js';
import { ensureJars, findRunning, LocalNeo4jError, startLocalNeo4j } from './local.js';

const config = loadConfigOrExit();

try {
  if (process.argv.includes('--fetch-only')) {
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
