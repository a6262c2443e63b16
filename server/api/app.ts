import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Executor } from '../graph/executor.js';
import { bearerAuth } from './auth.js';
import type { RunLimits } from './cypher/runner.js';
import { cypherRouter } from './cypher/router.js';
import { errorHandler, notFound } from './errors.js';
import { healthRouter } from './health/router.js';
import { requestLogger, type LogLevel } from './logging.js';
import { nodesRouter } from './nodes/router.js';
import { openApiRouter } from './openapi/router.js';
import { pathsRouter } from './paths/router.js';
import { queriesRouter } from './queries/router.js';
import { reportsRouter } from './reports/router.js';
import { searchRouter } from './search/router.js';
import { statsRouter } from './stats/router.js';

export interface AppOptions {
  apiToken?: string;
  cypher: RunLimits;
  /** The built visual client (dist/client); served at / when present. */
  clientDir?: string;
  /** Request log level (LOG_LEVEL); unset: no request log, as in tests. */
  logLevel?: LogLevel;
}

export const defaultAppOptions: AppOptions = { cypher: { timeoutMs: 10_000, maxRows: 1000 } };

/** Builds the HTTP app; `main.ts` only listens. Tests drive this directly with supertest. */
export function createApp({ executor, options = defaultAppOptions }: { executor: Executor; options?: AppOptions }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger(options.logLevel ?? 'silent'));
  // Security headers; no CORS middleware, so browsers on other origins cannot read responses.
  app.use(helmet());
  app.use(express.json({ limit: '100kb' }));

  const api = express.Router();
  // The contract and its page are public: they describe the API, not the graph.
  api.use(openApiRouter());
  api.use(bearerAuth(options.apiToken));
  api.use('/health', healthRouter(executor));
  api.use('/search', searchRouter(executor));
  api.use('/nodes', nodesRouter(executor));
  api.use('/paths', pathsRouter(executor));
  api.use('/cypher', cypherRouter(executor, options.cypher));
  api.use('/queries', queriesRouter(executor, options.cypher));
  api.use('/stats', statsRouter(executor));
  api.use('/reports', reportsRouter(executor));
  api.use(notFound);
  app.use('/api', api);
  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    const index = path.join(options.clientDir, 'index.html');
    app.use(express.static(options.clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(index));
  }
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
