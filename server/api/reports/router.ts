import { Router } from 'express';
import { z } from 'zod';
import type { Executor } from '../../graph/executor.js';
import { ResponseCache } from '../cache.js';
import { resolveEntity, UnknownEntityError } from '../../reports/resolve.js';
import { renderReport, reportFormat } from '../../reports/service.js';
import { HttpError } from '../errors.js';
import { query } from '../params.js';

const paramsSchema = z.object({ kind: z.enum(['agency', 'company']), id: z.string().trim().min(1).max(300) });
const reportQuery = z.object({ format: reportFormat.default('html') });

/** GET /api/reports/:kind/:id?format=md|html|json — :id is a node id or a name ("MoF", "Tesla"). */
export function reportsRouter(executor: Executor): Router {
  const router = Router();
  const cache = new ResponseCache(executor);
  router.get('/:kind/:id', async (req, res) => {
    const p = paramsSchema.safeParse(req.params);
    if (!p.success) throw new HttpError(400, p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { format } = query(req, reportQuery);
    const { kind } = p.data;
    try {
      const id = await resolveEntity(executor, kind, p.data.id);
      const out = await cache.get(`${kind}|${id}|${format}`, async () => {
        const { contentType, body } = await renderReport(executor, kind, id, format);
        return { contentType, body };
      });
      res.type(out.contentType).send(out.body);
    } catch (err) {
      if (err instanceof UnknownEntityError) throw new HttpError(404, err.message, { candidates: err.candidates });
      throw err;
    }
  });
  return router;
}
