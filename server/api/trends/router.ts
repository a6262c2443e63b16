import { Router } from 'express';
import { z } from 'zod';
import type { Executor } from '../../graph/executor.js';
import { lineChartSvg } from '../../trends/chart.js';
import { NoTrendError, trendOf, trendSchema } from '../../trends/series.js';
import { alignedPrimary, compare, CompareError, comparisonSchema, MAX_COMPARED, MIN_COMPARED } from '../../compare/compare.js';
import { renderCompareHtml, renderCompareMarkdown } from '../../compare/render.js';
import { nodeIdsIn, ResponseCache } from '../../cache/responses.js';
import type { ImportedChanges } from '../../cache/touched.js';
import { HttpError } from '../errors.js';
import { nodeIdParam, query } from '../params.js';
import { formatIssues } from '../../issues.js';

export const trendQuery = z.object({ format: z.enum(['json', 'svg']).default('json').meta({ description: 'json (the series) or svg (a line chart)' }) });
export const compareQuery = z.object({
  ids: z
    .string()
    .max(1300)
    .transform((s) => s.split(',').map((x) => x.trim()))
    .pipe(z.array(nodeIdParam).min(MIN_COMPARED).max(MAX_COMPARED))
    .meta({ description: `${MIN_COMPARED} to ${MAX_COMPARED} agency, sector or company ids, comma-separated`, example: 'agency:MIIT,agency:NDRC' }),
  format: z.enum(['json', 'md', 'html', 'svg']).default('json'),
});
const CONTENT_TYPE = {
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

/** GET /api/trends/:id — counts per quarter; GET /api/trends/compare?ids=… — two to four side by side. Both cached until an import touches them. */
export function trendsRouter(executor: Executor, changes?: ImportedChanges): Router {
  const router = Router();
  const cache = new ResponseCache(executor, 16 * 1024 * 1024, undefined, changes);
  router.get('/compare', async (req, res) => {
    const q = query(req, compareQuery);
    try {
      const out = await cache.get(`compare|${q.ids.join(',')}|${q.format}`, async () => {
        const c = comparisonSchema.parse(await compare(executor, q.ids));
        const body =
          q.format === 'json'
            ? JSON.stringify(c)
            : q.format === 'md'
              ? renderCompareMarkdown(c)
              : q.format === 'html'
                ? renderCompareHtml(c)
                : lineChartSvg('Policies per quarter', c.quarters, alignedPrimary(c));
        return { contentType: CONTENT_TYPE[q.format], body, dependsOn: nodeIdsIn(c, new Set(q.ids)) };
      });
      res.type(out.contentType).send(out.body);
    } catch (err) {
      if (err instanceof CompareError) throw new HttpError(400, err.message);
      throw err;
    }
  });
  router.get('/:id', async (req, res) => {
    const id = nodeIdParam.safeParse(req.params.id);
    if (!id.success) throw new HttpError(400, formatIssues(id.error.issues, { root: 'id' }));
    const q = query(req, trendQuery);
    try {
      const out = await cache.get(`trend|${id.data}|${q.format}`, async () => {
        const t = trendSchema.parse(await trendOf(executor, id.data));
        const body = q.format === 'json' ? JSON.stringify(t) : lineChartSvg(`${t.name}: counts per quarter`, t.quarters, t.series);
        return { contentType: CONTENT_TYPE[q.format], body, dependsOn: nodeIdsIn(t).add(id.data) };
      });
      res.type(out.contentType).send(out.body);
    } catch (err) {
      if (err instanceof NoTrendError) throw new HttpError(err.message.startsWith('No ') ? 404 : 400, err.message);
      throw err;
    }
  });
  return router;
}
