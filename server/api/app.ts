import express, { type Express } from 'express';
import type { Executor } from '../graph/executor.js';
import { errorHandler, notFound } from './errors.js';
import { healthRouter } from './health/router.js';

export interface AppDeps {
  executor: Executor;
}

/** Builds the HTTP app; `main.ts` only listens. Tests drive this directly with supertest. */
export function createApp({ executor }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));
  app.use('/api/health', healthRouter(executor));
  app.use('/api', notFound);
  app.use(errorHandler);
  return app;
}
