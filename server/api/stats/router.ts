import { Router, type Response } from 'express';
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { nodeLabel, relType, type NodeLabel } from '../../graph/model.js';
import type { Executor } from '../../graph/executor.js';
import { perLabel } from '../../graph/perLabel.js';
import { toJson } from '../../graph/values.js';
import { ResponseCache } from '../../cache/responses.js';
import { domainRel } from '../../graph/visible.js';

export const statsSchema = z.object({
  labels: z.record(z.string(), z.number().int()),
  relationships: z.record(z.string(), z.number().int()),
  briefs: z.number().int(),
  dates: z.object({
    policies: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    news: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  }),
});

// Count-store lookups, one per label and type (both from the enums), so this stays O(1).
const LABEL_COUNT = perLabel((l) => `MATCH (n:${l}) RETURN count(n) AS c`);
const TYPE_COUNT = Object.fromEntries(relType.options.map((t) => [t, `MATCH ()-[r:${t}]->() RETURN count(r) AS c`]));
// First and last dates read from the date indexes (ORDER BY … LIMIT 1 on an indexed property):
// four index ends instead of a scan of every policy and news item. Each subquery aggregates, so
// it yields one row (null on an empty graph) and never drops the others.
const DATE_RANGE = `
CALL { MATCH (p:Policy) WHERE p.date IS NOT NULL WITH p.date AS d ORDER BY d LIMIT 1 RETURN collect(d)[0] AS pFrom }
CALL { MATCH (p:Policy) WHERE p.date IS NOT NULL WITH p.date AS d ORDER BY d DESC LIMIT 1 RETURN collect(d)[0] AS pTo }
CALL { MATCH (n:NewsItem) WHERE n.date IS NOT NULL WITH n.date AS d ORDER BY d LIMIT 1 RETURN collect(d)[0] AS nFrom }
CALL { MATCH (n:NewsItem) WHERE n.date IS NOT NULL WITH n.date AS d ORDER BY d DESC LIMIT 1 RETURN collect(d)[0] AS nTo }
RETURN pFrom, pTo, nFrom, nTo`;

const startNode = z.object({ id: z.string(), label: z.string(), name: z.string(), acronym: z.string().nullable(), degree: z.number().int() });
export const overviewSchema = z.object({
  top: z.object({ Agency: z.array(startNode), Sector: z.array(startNode), Company: z.array(startNode) }),
  newestBriefs: z.array(z.object({ id: z.string(), title: z.string(), date: z.string().nullable(), topics: z.array(z.string()) })),
});
export const timelineSchema = z.object({
  months: z.array(z.object({ month: z.string(), policies: z.number().int(), news: z.number().int() })),
});

const TOP = (l: NodeLabel) => `
MATCH (n:${l}) WITH n, COUNT { (n)-${domainRel()}-() } AS degree ORDER BY degree DESC, n.id LIMIT $limit
RETURN n.id AS id, n.name AS name, n.acronym AS acronym, degree`;
const NEWEST_BRIEFS = `
MATCH (b:Brief) RETURN b.id AS id, b.title AS title, toString(b.date) AS date, coalesce(b.topics, []) AS topics
ORDER BY b.date DESC LIMIT $limit`;
// Months as text from whatever the date property holds (ISO string or Neo4j date): toString()
// of either starts with YYYY-MM. No date is compared here.
const MONTHS = `
CALL { MATCH (p:Policy) WHERE p.date IS NOT NULL RETURN substring(toString(p.date), 0, 7) AS month, 'policies' AS kind
       UNION ALL
       MATCH (n:NewsItem) WHERE n.date IS NOT NULL RETURN substring(toString(n.date), 0, 7) AS month, 'news' AS kind }
RETURN month, kind, count(*) AS c ORDER BY month`;

const json = (body: unknown) => ({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });

/** `alsoVersion`: what else changes the answers besides imports (the corrections log). */
export function statsRouter(executor: Executor, alsoVersion?: () => string): Router {
  const router = Router();
  // The timeline and the top nodes read every policy, news item and hub of the graph; the
  // explorer asks for them on every start, and only an import changes them.
  const cache = new ResponseCache(executor, 4 * 1024 * 1024, alsoVersion);
  const send = async (res: Response, key: string, build: () => Promise<unknown>) => {
    const out = await cache.get(key, async () => json(await build()));
    res.type(out.contentType).send(out.body);
  };

  router.get('/', async (_req, res) => {
    await send(res, 'stats', async () => {
      const stats = await executor.read(
        async (tx) => {
          const count = async (q: string) => Number((await tx.run(q)).records[0]?.get('c'));
          const labels: Record<string, number> = {};
          for (const l of nodeLabel.options) labels[l] = await count(LABEL_COUNT[l]);
          const relationships: Record<string, number> = {};
          for (const t of relType.options) relationships[t] = await count(TYPE_COUNT[t]!);
          const d = (await tx.run(DATE_RANGE)).records[0]!;
          return {
            labels,
            relationships,
            briefs: labels.Brief ?? 0,
            // Neo4j dates → ISO strings, as everywhere in the API.
            dates: toJson({ policies: { from: d.get('pFrom'), to: d.get('pTo') }, news: { from: d.get('nFrom'), to: d.get('nTo') } }),
          };
        },
        { timeoutMs: 10_000, metadata: { feature: 'stats' } },
      );
      return statsSchema.parse(stats);
    });
  });

  // Starting points for the first view: the most connected agencies, sectors and companies, and
  // the newest briefs.
  router.get('/overview', async (_req, res) => {
    await send(res, 'overview', async () => {
      const out = await executor.read(
        async (tx) => {
          const top = async (l: NodeLabel) =>
            (await tx.run(TOP(l), { limit: neo4j.int(6) })).records.map((r) => ({
              id: r.get('id') as string,
              label: l,
              name: String(r.get('name') ?? r.get('id')),
              acronym: (r.get('acronym') as string | null) ?? null,
              degree: Number(r.get('degree')),
            }));
          const briefs = (await tx.run(NEWEST_BRIEFS, { limit: neo4j.int(5) })).records.map((r) => ({
            id: r.get('id') as string,
            title: String(r.get('title')),
            date: (r.get('date') as string | null) ?? null,
            topics: (r.get('topics') as string[]).map(String),
          }));
          return { top: { Agency: await top('Agency'), Sector: await top('Sector'), Company: await top('Company') }, newestBriefs: briefs };
        },
        { timeoutMs: 10_000, metadata: { feature: 'stats-overview' } },
      );
      return overviewSchema.parse(out);
    });
  });

  // Policies and news per month, for the timeline's whole-graph histogram.
  router.get('/timeline', async (_req, res) => {
    await send(res, 'timeline', async () => {
      const rows = await executor.read(
        async (tx) => (await tx.run(MONTHS)).records.map((r) => ({ month: String(r.get('month')), kind: r.get('kind') as string, c: Number(r.get('c')) })),
        {
          timeoutMs: 10_000,
          metadata: { feature: 'stats-timeline' },
        },
      );
      const months = new Map<string, { month: string; policies: number; news: number }>();
      for (const r of rows) {
        const m = months.get(r.month) ?? { month: r.month, policies: 0, news: 0 };
        if (r.kind === 'policies') m.policies += r.c;
        else m.news += r.c;
        months.set(r.month, m);
      }
      return timelineSchema.parse({ months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)) });
    });
  });
  return router;
}
