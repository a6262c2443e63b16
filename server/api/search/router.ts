import { Router } from 'express';
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import type { Executor } from '../../graph/executor.js';
import { toJson } from '../elements.js';
import { labelsParam, query } from '../params.js';

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
export const searchCypher = `
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: 300}) YIELD node, score
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

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const CJK = /[\u3400-\u9fff]/;

/** User text → Lucene query: every word as a prefix, plus the whole text as a phrase. Never raw syntax. */
export function luceneQuery(q: string): string {
  const words = q.split(/\s+/).filter(Boolean).map((w) => w.replace(LUCENE_SPECIAL, '\\$&'));
  const phrase = `"${q.replace(/["\\]/g, '\\$&')}"`;
  // The analyzer splits Chinese into single characters; a phrase query matches them in order.
  if (CJK.test(q)) return phrase;
  const prefixes = words.map((w) => `${w}*`).join(' AND ');
  return prefixes ? `(${prefixes}) OR ${phrase}` : phrase;
}

/** For "did you mean": every word fuzzy (one or two edits), any of them may match. */
export function luceneFuzzy(q: string): string {
  const words = q.split(/\s+/).filter((w) => w.length > 2).map((w) => `${w.replace(LUCENE_SPECIAL, '\\$&')}~`);
  return words.length ? words.join(' OR ') : luceneQuery(q);
}

export function searchParams({ q, labels, limit }: z.infer<typeof searchQuery>) {
  return { lucene: luceneQuery(q), q, ql: q.toLowerCase(), labels, limit: neo4j.int(limit) };
}

export function searchRouter(executor: Executor): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const params = query(req, searchQuery);
    const q = params.q;
    const rows = await executor.read(
      async (tx) => (await tx.run(searchCypher, searchParams(params))).records.map((r) => toJson(r.toObject())),
      { timeoutMs: 5000, metadata: { feature: 'search' } },
    );
    res.json(searchResultSchema.parse({ query: q, results: rows }));
  });
  return router;
}
