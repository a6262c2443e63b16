import { Router } from 'express';
import { z } from 'zod';
import { nodeLabel } from '../../graph/model.js';
import type { Executor } from '../../graph/executor.js';
import { changesSchema, changesSince, MAX_CHANGES_PAGE, UnknownSinceError } from '../../changes/service.js';
import type { ChangeLog } from '../../changes/store.js';
import { HttpError } from '../errors.js';
import { query } from '../params.js';

export const changesQuery = z.object({
  since: z
    .string()
    .max(60)
    .optional()
    .meta({ description: 'An import id (the imports after it) or an ISO date or date-time (the imports from then on); unset: the last import alone' }),
  type: nodeLabel.optional().meta({ description: 'Only this label, paged with limit and offset' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_CHANGES_PAGE)
    .default(20)
    .meta({ description: `Ids per list, 1–${MAX_CHANGES_PAGE}` }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function changesRouter(executor: Executor, log: ChangeLog): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const q = query(req, changesQuery);
    try {
      res.json(changesSchema.parse(await changesSince(executor, log, q)));
    } catch (err) {
      if (err instanceof UnknownSinceError) throw new HttpError(400, err.message);
      throw err;
    }
  });
  return router;
}
