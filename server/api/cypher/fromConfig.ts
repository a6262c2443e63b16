import type { Config } from '../../config.js';
import { consolePool, type Database } from '../../db/connect.js';
import { ConsoleWorker } from './backend.js';
import type { RunLimits } from './runner.js';

/**
 * The console as configured, for `npm start` and `npm run mcp` alike: its own driver and pool on
 * a worker thread (a heavy query never holds up the app's other requests or tools) and the limits
 * from CYPHER_*.
 */
export function consoleFromConfig(db: Database, config: Config): { worker: ConsoleWorker; limits: Omit<RunLimits, 'queueMs'> } {
  const worker = new ConsoleWorker({
    uri: db.uri,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: db.database,
    pool: consolePool(config.CYPHER_MAX_CONCURRENT),
  });
  const limits = {
    timeoutMs: config.CYPHER_TIMEOUT_MS,
    maxRows: config.CYPHER_MAX_ROWS,
    maxBytes: config.CYPHER_MAX_BYTES,
    maxConcurrent: config.CYPHER_MAX_CONCURRENT,
  };
  return { worker, limits };
}
