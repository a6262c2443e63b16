import { Router } from 'express';
import { z } from 'zod';
import type { Executor } from '../../graph/executor.js';
import { resolveEntity, UnknownEntityError } from '../../reports/resolve.js';
import { reportFormat } from '../../reports/service.js';
import type { CachedReports } from '../../reports/cached.js';
import { parseSection, reportItemsQuery, UnknownSectionError } from '../../reports/items.js';
import { HttpError } from '../errors.js';
import type { Curator } from '../../curation/service.js';
import { CORRECTIONS_WARNING_HEADER, headerSafe } from '../../curation/provenance.js';
import { query } from '../params.js';
import { formatIssues } from '../../issues.js';

const paramsSchema = z.object({ kind: z.enum(['agency', 'company']), id: z.string().trim().min(1).max(300) });
const reportQuery = z.object({ format: reportFormat.default('html') });

/**
 * GET /api/reports/:kind/:id?format=md|html|json — :id is a node id or a name ("MoF", "Tesla").
 * GET /api/reports/:kind/:id/items?section=…&offset=&limit=&format=json|csv — one report list in
 * full, a page at a time (the report shows each list's first items only).
 * `reports` is the app's one report cache, shared with MCP (server/reports/cached.ts).
 */
export function reportsRouter(executor: Executor, reports: CachedReports, curator?: Curator): Router {
  const router = Router();
  router.get('/:kind/:id/items', async (req, res) => {
    const p = paramsSchema.safeParse(req.params);
    if (!p.success) throw new HttpError(400, formatIssues(p.error.issues));
    const q = query(req, reportItemsQuery);
    const { kind } = p.data;
    try {
      parseSection(kind, q.section);
      const id = await resolveEntity(executor, kind, p.data.id);
      const out = await reports.items(kind, id, q);
      if (q.format === 'csv') res.attachment(`${id.replace(/[^\w.-]+/g, '_')}-${q.section}-${q.offset}.csv`);
      res.type(out.contentType).send(out.body);
    } catch (err) {
      if (err instanceof UnknownSectionError) throw new HttpError(400, err.message);
      if (err instanceof UnknownEntityError) throw new HttpError(404, err.message, { candidates: err.candidates });
      throw err;
    }
  });
  router.get('/:kind/:id', async (req, res) => {
    const p = paramsSchema.safeParse(req.params);
    if (!p.success) throw new HttpError(400, formatIssues(p.error.issues));
    const { format } = query(req, reportQuery);
    const { kind } = p.data;
    try {
      const id = await resolveEntity(executor, kind, p.data.id);
      const out = await reports.rendered(kind, id, format);
      const warning = curator?.log.warning();
      if (warning) res.set(CORRECTIONS_WARNING_HEADER, headerSafe(warning));
      res.type(out.contentType).send(out.body);
    } catch (err) {
      if (err instanceof UnknownEntityError) throw new HttpError(404, err.message, { candidates: err.candidates });
      throw err;
    }
  });
  return router;
}
