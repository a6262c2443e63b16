import { Router } from 'express';
import { z } from 'zod';
import type { Executor } from '../../graph/executor.js';
import { nodeIdsIn, ResponseCache } from '../cache.js';
import type { ImportedChanges } from '../touched.js';
import { resolveEntity, UnknownEntityError } from '../../reports/resolve.js';
import { assembleReport, renderAs, reportFormat } from '../../reports/service.js';
import type { Report } from '../../reports/model.js';
import { KeptReports } from './kept.js';
import { itemsToCsv, parseSection, readReportItems, reportItemsQuery, reportItemsSchema, UnknownSectionError } from '../../reports/items.js';
import { HttpError } from '../errors.js';
import type { Curator } from '../../curation/service.js';
import type { NoteStore } from '../../notes/store.js';
import { CORRECTIONS_WARNING_HEADER, headerSafe } from '../../curation/provenance.js';
import { query } from '../params.js';
import { formatIssues } from '../../issues.js';

const paramsSchema = z.object({ kind: z.enum(['agency', 'company']), id: z.string().trim().min(1).max(300) });
const reportQuery = z.object({ format: reportFormat.default('html') });

/**
 * GET /api/reports/:kind/:id?format=md|html|json — :id is a node id or a name ("MoF", "Tesla").
 * GET /api/reports/:kind/:id/items?section=…&offset=&limit=&format=json|csv — one report list in
 * full, a page at a time (the report shows each list's first items only).
 */
export function reportsRouter(executor: Executor, curator?: Curator, notes?: NoteStore, changes?: ImportedChanges, keptDir?: string): Router {
  const router = Router();
  // A new correction or note is in the next report at once.
  const also = () => `${curator?.log.version() ?? ''}|${notes?.version() ?? ''}`;
  const cache = new ResponseCache(executor, undefined, also, changes);
  // Reports kept across restarts (kept.ts): the first hub report of the day.
  const keptReports = keptDir ? new KeptReports(keptDir, executor, also, changes) : undefined;
  router.get('/:kind/:id/items', async (req, res) => {
    const p = paramsSchema.safeParse(req.params);
    if (!p.success) throw new HttpError(400, formatIssues(p.error.issues));
    const q = query(req, reportItemsQuery);
    const { kind } = p.data;
    try {
      parseSection(kind, q.section);
      const id = await resolveEntity(executor, kind, p.data.id);
      const out = await cache.get(`items|${kind}|${id}|${q.section}|${q.offset}|${q.limit}|${q.format}`, async () => {
        const page = reportItemsSchema.parse(await readReportItems(executor, kind, id, q.section, q.offset, q.limit));
        const dependsOn = nodeIdsIn(page).add(id);
        if (q.format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(page), dependsOn };
        return { contentType: 'text/csv; charset=utf-8', body: itemsToCsv(page.items), dependsOn };
      });
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
      // One build of a report serves every format: the warm-up's HTML of a hub and an analyst's
      // JSON of it asked meanwhile share the build under way (a hub's report is seconds of
      // queries), and a format asked later renders the kept report instead of querying again.
      const built = async () => {
        const kept = await cache.get(`${kind}|${id}|report`, async () => {
          const build = () => assembleReport(executor, kind, id, curator?.state(), notes && ((t) => notes.of(t)));
          const report = keptReports ? await keptReports.get(kind, id, build) : await build();
          return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(report), value: report, dependsOn: nodeIdsIn(report).add(id) };
        });
        return kept.value as Report;
      };
      const out = await cache.get(`${kind}|${id}|${format}`, async () => {
        const report = await built();
        return { ...renderAs(report, format), dependsOn: nodeIdsIn(report).add(id) };
      });
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
