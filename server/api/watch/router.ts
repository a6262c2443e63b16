import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Executor } from '../../graph/executor.js';
import type { ChangeLog } from '../../changes/store.js';
import { feedSchema, MAX_FEED_PAGE, watchFeed } from '../../watch/feed.js';
import { renderAtom } from '../../watch/atom.js';
import { renderDigest } from '../../watch/digest.js';
import { watchListInput, watchListSchema, type WatchList } from '../../watch/schema.js';
import { WatchStoreError, type WatchStore } from '../../watch/store.js';
import { HttpError } from '../errors.js';
import { body, query } from '../params.js';

export const watchListsSchema = z.object({ lists: z.array(watchListSchema) });
export const watchIdPath = z.object({ id: z.string().meta({ example: 'Ab3_x9-kQ2mN' }) });
export const feedQuery = z.object({
  since: z
    .string()
    .max(40)
    .refine((s) => !Number.isNaN(Date.parse(s)), 'expected a date, YYYY-MM-DD or an ISO date-time')
    .optional()
    .meta({ description: 'Only facts imported from then on' }),
  limit: z.coerce.number().int().min(1).max(MAX_FEED_PAGE).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  format: z.enum(['json', 'atom', 'md', 'html']).default('json').meta({ description: 'json, atom (a feed for feed readers), or a digest in md or html' }),
});

const CONTENT_TYPE = { atom: 'application/atom+xml; charset=utf-8', md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

export function watchRouter(executor: Executor, store: WatchStore, log: ChangeLog): Router {
  const router = Router();
  const found = async (req: Request): Promise<WatchList> => {
    const list = await store.get(String(req.params.id));
    if (!list) throw new HttpError(404, `No watch-list "${String(req.params.id)}"; GET /api/watchlists lists them.`);
    return list;
  };
  const refused = (err: unknown): never => {
    if (err instanceof WatchStoreError) throw new HttpError(err.status, err.message);
    throw err;
  };

  router.get('/', async (_req, res) => {
    res.json(watchListsSchema.parse({ lists: await store.list() }));
  });
  router.post('/', async (req, res) => {
    const input = body(req, watchListInput);
    res.status(201).json(watchListSchema.parse(await store.create(input).catch(refused)));
  });
  router.get('/:id', async (req, res) => {
    res.json(watchListSchema.parse(await found(req)));
  });
  router.put('/:id', async (req, res) => {
    const input = body(req, watchListInput);
    res.json(watchListSchema.parse(await store.update(String(req.params.id), input).catch(refused)));
  });
  router.delete('/:id', async (req, res) => {
    if (!(await store.remove(String(req.params.id)))) throw new HttpError(404, `No watch-list "${String(req.params.id)}".`);
    res.status(204).end();
  });
  router.get('/:id/feed', async (req, res) => {
    const list = await found(req);
    const q = query(req, feedQuery);
    const feed = await watchFeed(executor, log, list, q);
    // The Host header passed the host guard, so it names this app.
    const base = `${req.protocol}://${req.get('host')}`;
    if (q.format === 'json') res.json(feedSchema.parse(feed));
    else if (q.format === 'atom') res.type(CONTENT_TYPE.atom).send(renderAtom(feed, base, `${base}${req.originalUrl}`));
    else res.type(CONTENT_TYPE[q.format]).send(renderDigest(feed, q.format, q.since, base));
  });
  return router;
}
