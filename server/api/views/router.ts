import { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { savedViewSchema, viewSchema, viewSummarySchema, type ViewStore } from './store.js';
import { formatIssues } from '../../issues.js';

export const viewListSchema = z.object({ views: z.array(viewSummarySchema) });
export const viewCreatedSchema = z.object({ id: z.string(), created: z.string() });

export function viewsRouter(store: ViewStore): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json(viewListSchema.parse({ views: store.list() }));
  });

  router.post('/', (req, res) => {
    const parsed = viewSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, formatIssues(parsed.error.issues, { root: 'body', max: 5 }));
    let saved;
    try {
      saved = store.save(parsed.data);
    } catch (err) {
      throw new HttpError(507, (err as Error).message);
    }
    res.status(201).json(viewCreatedSchema.parse({ id: saved.id, created: saved.created }));
  });

  router.get('/:id', (req, res) => {
    const saved = store.get(req.params.id);
    if (!saved) throw new HttpError(404, `No saved view "${req.params.id}".`);
    res.json(savedViewSchema.parse(saved));
  });

  return router;
}
