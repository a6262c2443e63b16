import { Router } from 'express';
import type { Executor } from '../../graph/executor.js';
import { HttpError } from '../errors.js';
import { nodeIdParam } from '../params.js';
import { readRelated } from './service.js';

export { relatedSchema } from './service.js';

export function relatedRouter(executor: Executor): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    const parsed = nodeIdParam.safeParse(req.params.id);
    if (!parsed.success) throw new HttpError(400, `id: ${parsed.error.issues[0]!.message}`);
    res.json(await readRelated(executor, parsed.data));
  });
  return router;
}
