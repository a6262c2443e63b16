import { Router } from 'express';
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { Executor } from '../../graph/executor.js';
import { domainRel } from '../../graph/visible.js';
import type { Curator } from '../../curation/service.js';
import { ResponseCache } from '../../cache/responses.js';
import { query } from '../params.js';
import { candidatePairs, defaultBlockLimits, pairKey, withEvidence, type Entity, type Scored } from './candidates.js';

/** The labels reviewed, in the order the queue shows them (companies are where duplicates are). */
export const DUPLICATE_LABELS = ['Company', 'Agency', 'Policy'] as const;
type DupLabel = (typeof DUPLICATE_LABELS)[number];

export const duplicatesQuery = z.object({
  label: z.enum(DUPLICATE_LABELS).optional(),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const sideSchema = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  /** Companies: known to the gazetteer; agencies: resolved to the registry; policies: null. */
  registry: z.boolean().nullable(),
  date: z.string().nullable(),
  news: z.number().int(),
  /** The newest news items naming it, with the sentence. */
  examples: z.array(z.object({ id: z.string(), date: z.string().nullable(), evidence: z.string().nullable() })),
});
export const duplicatesSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  candidates: z.array(
    z.object({ label: z.enum(DUPLICATE_LABELS), score: z.number(), reasons: z.array(z.string()), sharedNews: z.number().int(), a: sideSchema, b: sideSchema }),
  ),
});

const D = domainRel();
const ENTITIES: Record<DupLabel, string> = {
  Company: `MATCH (n:Company) RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) + coalesce(n.curatedAliases, []) AS aliases,
    n.registry AS registry, null AS date, COUNT { MATCH (n)-${D}-(x:NewsItem) RETURN DISTINCT x } AS news`,
  Agency: `MATCH (n:Agency) RETURN n.id AS id, coalesce(n.name, n.acronym) AS name,
    [x IN [n.acronym, n.nameZh] WHERE x IS NOT NULL] + coalesce(n.aliases, []) + coalesce(n.curatedAliases, []) AS aliases,
    coalesce(n.resolved, false) AS registry, null AS date, COUNT { MATCH (n)-${D}-(x:NewsItem) RETURN DISTINCT x } AS news`,
  Policy: `MATCH (n:Policy) RETURN n.id AS id, n.title AS name, [x IN [n.titleZh] WHERE x IS NOT NULL] + coalesce(n.curatedAliases, []) AS aliases,
    null AS registry, toString(n.date) AS date, COUNT { MATCH (n)-${D}-(x:NewsItem) RETURN DISTINCT x } AS news`,
};
const SHARED_NEWS = (l: DupLabel) => `UNWIND $pairs AS p
MATCH (a:${l} {id: p[0]}) MATCH (b:${l} {id: p[1]})
RETURN p[0] AS a, p[1] AS b, COUNT { MATCH (a)-${D}-(x:NewsItem)-${D}-(b) RETURN DISTINCT x } AS shared`;
const EXAMPLES = (l: DupLabel) => `UNWIND $ids AS id
MATCH (n:${l} {id: id})
CALL { WITH n MATCH (n)-[r${D.slice(1, -1)}]-(x:NewsItem) WITH r, x ORDER BY x.date DESC, x.id LIMIT 2
       RETURN collect({id: x.id, date: toString(x.date), evidence: r.evidence}) AS examples }
RETURN n.id AS id, examples`;

/** Pairs whose shared news are counted, per label: the best by name; the rest keep their name score. */
const RESCORED = 500;

interface Candidate {
  label: DupLabel;
  pair: Scored;
  sharedNews: number;
}

async function readCandidates(tx: ManagedTransaction, skip: Set<string>): Promise<{ all: Candidate[]; entities: Map<string, Entity> }> {
  const all: Candidate[] = [];
  const entities = new Map<string, Entity>();
  for (const label of DUPLICATE_LABELS) {
    const rows = (await tx.run(ENTITIES[label])).records.map((r) => ({
      id: r.get('id') as string,
      name: String(r.get('name') ?? r.get('id')),
      aliases: ((r.get('aliases') as unknown[] | null) ?? []).filter((x): x is string => typeof x === 'string'),
      news: Number(r.get('news')),
      date: (r.get('date') as string | null) ?? null,
      ...(typeof r.get('registry') === 'boolean' ? { registry: r.get('registry') as boolean } : {}),
    }));
    rows.forEach((e) => entities.set(e.id, e));
    const pairs = candidatePairs(rows, skip, defaultBlockLimits);
    const head = pairs.slice(0, RESCORED);
    const shared = new Map<string, number>();
    if (head.length)
      for (const r of (await tx.run(SHARED_NEWS(label), { pairs: head.map((p) => [p.a, p.b]) })).records)
        shared.set(pairKey(r.get('a') as string, r.get('b') as string), Number(r.get('shared')));
    const scored = pairs.map((p) => {
      const n = shared.get(pairKey(p.a, p.b)) ?? 0;
      return { label, pair: withEvidence(p, entities.get(p.a)!, entities.get(p.b)!, n), sharedNews: n };
    });
    scored.sort((x, y) => y.pair.score - x.pair.score || x.pair.a.localeCompare(y.pair.a) || x.pair.b.localeCompare(y.pair.b));
    all.push(...scored);
  }
  return { all, entities };
}

/**
 * GET /api/duplicates?label=&offset=&limit= — likely duplicates to review, companies first, then
 * agencies and policies, each best first, with the evidence for both sides. Pairs an analyst
 * marked "not the same" (a `distinct` correction) are never listed.
 */
export function duplicatesRouter(executor: Executor, curator: Curator): Router {
  const router = Router();
  const cache = new ResponseCache(executor, undefined, () => curator.log.version());
  router.get('/', async (req, res) => {
    const q = query(req, duplicatesQuery);
    const out = await cache.get(`${q.label ?? ''}|${q.offset}|${q.limit}`, async () => {
      const skip = new Set(
        curator
          .state()
          .active()
          .flatMap((c) => (c.kind === 'distinct' ? [pairKey(c.a, c.b)] : [])),
      );
      const body = await executor.read(
        async (tx) => {
          const { all, entities } = await readCandidates(tx, skip);
          const list = q.label ? all.filter((c) => c.label === q.label) : all;
          const page = list.slice(q.offset, q.offset + q.limit);
          const examples = new Map<string, unknown[]>();
          for (const label of DUPLICATE_LABELS) {
            const ids = [...new Set(page.filter((c) => c.label === label).flatMap((c) => [c.pair.a, c.pair.b]))];
            if (ids.length)
              for (const r of (await tx.run(EXAMPLES(label), { ids })).records) examples.set(r.get('id') as string, r.get('examples') as unknown[]);
          }
          const side = (id: string) => {
            const e = entities.get(id)!;
            return { id, name: e.name, aliases: e.aliases, registry: e.registry ?? null, date: e.date ?? null, news: e.news, examples: examples.get(id) ?? [] };
          };
          return duplicatesSchema.parse({
            total: list.length,
            offset: q.offset,
            limit: q.limit,
            candidates: page.map((c) => ({
              label: c.label,
              score: c.pair.score,
              reasons: c.pair.reasons,
              sharedNews: c.sharedNews,
              a: side(c.pair.a),
              b: side(c.pair.b),
            })),
          });
        },
        { timeoutMs: 30_000, metadata: { feature: 'duplicates' } },
      );
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
    });
    res.type(out.contentType).send(out.body);
  });
  return router;
}
