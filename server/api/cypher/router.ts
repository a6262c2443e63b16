import { Router } from 'express';
import { z } from 'zod';
import { body } from '../params.js';
import type { ConsoleRunner } from './runner.js';

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const cypherBody = z.object({
  query: z.string().trim().min(1, 'a Cypher query is required').max(20_000),
  params: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'parameter names are identifiers'), jsonValue).default({}),
});

export function cypherRouter(runner: ConsoleRunner): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { query, params } = body(req, cypherBody);
    res.type('json').send(await runner.run(query, params));
  });
  return router;
}
