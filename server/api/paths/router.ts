import { Router } from 'express';
import type { Executor } from '../../graph/executor.js';
import { query } from '../params.js';
import { findPaths, pathsQuery } from './service.js';

export { pathsQuery, pathsResultSchema } from './service.js';

export function pathsRouter(executor: Executor): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await findPaths(executor, query(req, pathsQuery)));
  });
  return router;
}
