import { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { MAX_PAGE, savedViewSchema, viewSchema, viewSummarySchema, ViewStoreError, type ViewStore } from './store.js';
import { formatIssues } from '../../issues.js';
import { authorOf } from '../accounts/signIn.js';

export const viewListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE)
    .default(50)
    .meta({ description: `Views per page, 1–${MAX_PAGE}` }),
  cursor: z.coerce.number().int().min(0).optional().meta({ description: "The previous page's next" }),
});
export const viewListSchema = z.object({
  views: z.array(viewSummarySchema),
  /** Named views in the store. */
  total: z.number().int(),
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  next: z.number().int().optional(),
});
export const viewCreatedSchema = z.object({ id: z.string(), created: z.string(), author: z.string().optional() });

export function viewsRouter(store: ViewStore): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = viewListQuery.safeParse(req.query);
    if (!query.success) throw new HttpError(400, formatIssues(query.error.issues, { root: 'query' }));
    res.json(viewListSchema.parse(await store.list(query.data.limit, query.data.cursor)));
  });

  router.post('/', async (req, res) => {
    const parsed = viewSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, formatIssues(parsed.error.issues, { root: 'body', max: 5 }));
    try {
      const saved = await store.save(parsed.data, authorOf(req));
      res.locals.auditDetail = `view ${saved.id}`;
      res.status(201).json(viewCreatedSchema.parse({ id: saved.id, created: saved.created, ...(saved.author ? { author: saved.author } : {}) }));
    } catch (err) {
      if (err instanceof ViewStoreError) throw new HttpError(err.status, err.message);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new HttpError(507, `The disk holding ${store.dir} is full; an operator must free space there.`);
      throw err;
    }
  });

  router.get('/:id', async (req, res) => {
    const saved = await store.get(req.params.id);
    if (!saved) throw new HttpError(404, `No saved view "${req.params.id}".`);
    res.json(savedViewSchema.parse(saved));
  });

  return router;
}
