import { Router } from 'express';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { Executor } from '../../graph/executor.js';
import { toJson } from '../elements.js';
import { labelsParam, query } from '../params.js';
import { hasCjk } from '../../parse/text.js';

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'type at least one character').max(200),
  labels: labelsParam,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchResultSchema = z.object({
  query: z.string(),
  results: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      name: z.string(),
      acronym: z.string().nullable(),
      nameZh: z.string().nullable(),
      date: z.string().nullable(),
      score: z.number(),
    }),
  ),
});

// Exact acronym/name/Chinese name first, then alias, then prefix, then the index's own score.
// $index is one of the two full-text index names below, never input.
const searchCypher = `
CALL db.index.fulltext.queryNodes($index, $lucene, {limit: 100}) YIELD node, score
WITH node, score, labels(node)[0] AS label
WHERE size($labels) = 0 OR label IN $labels
WITH node, score, label,
     CASE
       WHEN toLower(coalesce(node.acronym, '')) = $ql OR toLower(coalesce(node.name, '')) = $ql
         OR node.nameZh = $q OR node.titleZh = $q THEN 0
       WHEN any(a IN coalesce(node.aliases, []) WHERE toLower(a) = $ql) THEN 1
       WHEN toLower(coalesce(node.acronym, '')) STARTS WITH $ql OR toLower(coalesce(node.name, '')) STARTS WITH $ql THEN 2
       ELSE 3
     END AS rank
ORDER BY rank, score DESC, node.id
LIMIT $limit
RETURN node.id AS id, label, coalesce(node.name, node.title, node.id) AS name, node.acronym AS acronym,
       coalesce(node.nameZh, node.titleZh) AS nameZh, node.date AS date, score`;

/** Names first; the full texts of news items and targets only fill what names leave empty. */
const SEARCH_INDEXES = ['entity_names', 'entity_search'] as const;

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** User text → Lucene query: every word as a prefix, plus the whole text as a phrase. Never raw syntax. */
export function luceneQuery(q: string): string {
  const words = q.split(/\s+/).filter(Boolean).map((w) => w.replace(LUCENE_SPECIAL, '\\$&'));
  const phrase = `"${q.replace(/["\\]/g, '\\$&')}"`;
  // The analyzer splits Chinese into single characters; a phrase query matches them in order.
  if (hasCjk(q)) return phrase;
  const prefixes = words.map((w) => `${w}*`).join(' AND ');
  return prefixes ? `(${prefixes}) OR ${phrase}` : phrase;
}

/** For "did you mean": every word fuzzy (one or two edits), any of them may match. */
export function luceneFuzzy(q: string): string {
  const words = q.split(/\s+/).filter((w) => w.length > 2).map((w) => `${w.replace(LUCENE_SPECIAL, '\\$&')}~`);
  return words.length ? words.join(' OR ') : luceneQuery(q);
}

function searchParams({ q, labels, limit }: z.infer<typeof searchQuery>, index: (typeof SEARCH_INDEXES)[number] = 'entity_names') {
  return { index, lucene: luceneQuery(q), q, ql: q.toLowerCase(), labels, limit: neo4j.int(limit) };
}

type SearchRow = z.infer<typeof searchResultSchema>['results'][number];

/** Ranked matches: by name, then, if fewer than asked for, by full text. */
export async function search(tx: ManagedTransaction, params: z.infer<typeof searchQuery>): Promise<SearchRow[]> {
  const rows: SearchRow[] = [];
  for (const index of SEARCH_INDEXES) {
    const res = await tx.run(searchCypher, searchParams(params, index));
    for (const r of res.records) {
      const row = toJson(r.toObject()) as SearchRow;
      if (!rows.some((x) => x.id === row.id)) rows.push(row);
    }
    if (rows.length >= params.limit) break;
  }
  return rows.slice(0, params.limit);
}

export function searchRouter(executor: Executor): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const params = query(req, searchQuery);
    const rows = await executor.read((tx) => search(tx, params), { timeoutMs: 5000, metadata: { feature: 'search' } });
    res.json(searchResultSchema.parse({ query: params.q, results: rows }));
  });
  return router;
}
