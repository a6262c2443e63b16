import { Router } from 'express';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { Executor } from '../../graph/executor.js';
import { toJson } from '../../graph/values.js';
import { labelsParam, query } from '../params.js';
import { luceneFuzzy, luceneQuery, nameDistance } from '../../graph/lucene.js';

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'type at least one character').max(200),
  labels: labelsParam,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** How a result matched: by name (exact or prefix), by a brief's title, topics or date, by full text, or only with typos allowed. */
export const matchKind = z.enum(['name', 'brief', 'text', 'fuzzy']);

/** One result; the MCP tool's results are these (without the score) with a citation. */
export const searchHitSchema = z.object({
  id: z.string(),
  label: z.string(),
  name: z.string(),
  acronym: z.string().nullable(),
  nameZh: z.string().nullable(),
  date: z.string().nullable(),
  score: z.number(),
  match: matchKind,
});

export const searchResultSchema = z.object({
  query: z.string(),
  results: z.array(searchHitSchema),
  /** The results by type, in order of each type's best result, with how many of the results are of it. */
  groups: z.array(z.object({ label: z.string(), count: z.number().int() })),
});

// Each index of the pass in its order; within one, exact acronym/name/Chinese name first, then
// alias, then prefix, then the index's own score. $indexes holds full-text index names from the
// passes below, never input.
const searchCypher = `
UNWIND range(0, size($indexes) - 1) AS pos
CALL db.index.fulltext.queryNodes($indexes[pos], $lucene, {limit: 100}) YIELD node, score
WITH pos, node, score, labels(node)[0] AS label
WHERE size($labels) = 0 OR label IN $labels
WITH pos, node, score, label,
     CASE
       WHEN toLower(coalesce(node.acronym, '')) = $ql OR toLower(coalesce(node.name, '')) = $ql
         OR node.nameZh = $q OR node.titleZh = $q THEN 0
       WHEN any(a IN coalesce(node.aliases, []) + coalesce(node.curatedAliases, []) WHERE toLower(a) = $ql) THEN 1
       WHEN toLower(coalesce(node.acronym, '')) STARTS WITH $ql OR toLower(coalesce(node.name, '')) STARTS WITH $ql THEN 2
       ELSE 3
     END AS rank
ORDER BY pos, rank, score DESC, node.id
LIMIT $limit
RETURN pos, node.id AS id, label, coalesce(node.name, node.title, node.id) AS name, node.acronym AS acronym,
       coalesce(node.nameZh, node.titleZh) AS nameZh, node.date AS date, score,
       [node.name, node.acronym] + coalesce(node.aliases, []) + coalesce(node.curatedAliases, []) AS names`;

/**
 * Passes, best first; a later pass only fills what earlier ones left. Names, then briefs by title,
 * topics and date (their own index, ranked after names so a brief never hides the entity it is
 * named after; one statement for both, since each statement costs a round trip); then the full
 * texts of news items; then, when the page is still nearly empty, names with one or
 * two typos per word (a fuzzy query visits many terms: it runs only when people need it).
 */
const PASSES = [
  { indexes: ['entity_names', 'brief_names'], lucene: luceneQuery },
  { indexes: ['entity_search'], lucene: luceneQuery },
  { indexes: ['entity_names'], lucene: (q: string) => luceneFuzzy(q, true), fuzzy: true, whenFewerThan: 3 },
] as const;

type SearchRow = z.infer<typeof searchResultSchema>['results'][number];
type Found = SearchRow & { names: (string | null)[] };

/** Ranked matches, each pass below the ones before it. */
export async function search(tx: ManagedTransaction, params: z.infer<typeof searchQuery>): Promise<SearchRow[]> {
  const { q, labels, limit } = params;
  const rows: SearchRow[] = [];
  for (const pass of PASSES) {
    if ('whenFewerThan' in pass && rows.length >= Math.min(limit, pass.whenFewerThan)) break;
    const res = await tx.run(searchCypher, { indexes: pass.indexes, lucene: pass.lucene(q), q, ql: q.toLowerCase(), labels, limit: neo4j.int(limit) });
    let found = res.records.map((r) => {
      const row = toJson(r.toObject()) as Omit<Found, 'match'> & { pos: number };
      const match = 'fuzzy' in pass ? 'fuzzy' : pass.indexes[row.pos] === 'brief_names' ? 'brief' : pass.indexes[0] === 'entity_search' ? 'text' : 'name';
      return { ...row, match } as Found;
    });
    // Lucene scores typo matches by term rarity; a person expects the name closest to what they typed.
    if ('fuzzy' in pass)
      found = found
        .map((f) => ({ f, d: Math.min(...f.names.filter((n): n is string => !!n).map((n) => nameDistance(q, n))) }))
        .sort((x, y) => x.d - y.d || y.f.score - x.f.score)
        .map((x) => x.f);
    for (const { names: _names, pos: _pos, ...row } of found as (Found & { pos?: number })[]) if (!rows.some((x) => x.id === row.id)) rows.push(row);
    if (rows.length >= limit) break;
  }
  return rows.slice(0, limit);
}

/** Counts by type, in the order each type first appears among the ranked results. */
export function groupsOf(rows: { label: string }[]): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count }));
}

export function searchRouter(executor: Executor): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const params = query(req, searchQuery);
    const rows = await executor.read((tx) => search(tx, params), { timeoutMs: 5000, metadata: { feature: 'search' } });
    res.json(searchResultSchema.parse({ query: params.q, results: rows, groups: groupsOf(rows) }));
  });
  return router;
}
