import { Router } from 'express';
import { z } from 'zod';
import type { ConsoleRunner } from '../cypher/runner.js';
import { HttpError } from '../errors.js';
import { loadSavedQueries, paramsSchema, savedQuerySchema } from './catalog.js';
import { formatIssues } from '../../issues.js';

export const savedQueryListSchema = z.object({ queries: z.array(savedQuerySchema) });

export function queriesRouter(runner: ConsoleRunner): Router {
  const queries = loadSavedQueries();
  const byName = new Map(queries.map((q) => [q.name, q]));
  const router = Router();

  router.get('/', (_req, res) => {
    res.json(savedQueryListSchema.parse({ queries }));
  });

  router.post('/:name/run', async (req, res) => {
    const q = byName.get(req.params.name);
    if (!q) throw new HttpError(404, `No saved query "${req.params.name}". GET /api/queries lists them.`);
    const parsed = paramsSchema(q).safeParse((req.body as { params?: unknown } | undefined)?.params ?? {});
    if (!parsed.success) throw new HttpError(400, formatIssues(parsed.error.issues, { prefix: 'params.' }));
    res.type('json').send(await runner.run(q.cypher, parsed.data, `saved:${q.name}`));
  });

  return router;
}
