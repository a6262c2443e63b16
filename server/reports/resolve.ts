import { luceneFuzzy, nameDistance } from '../graph/lucene.js';
import type { Executor } from '../graph/executor.js';
import { labelOfId, type NodeLabel } from '../graph/model.js';

export type EntityKind = 'agency' | 'company';
const LABEL = { agency: 'Agency', company: 'Company' } as const satisfies Record<EntityKind, NodeLabel>;

export class UnknownEntityError extends Error {
  constructor(
    readonly kind: EntityKind,
    readonly query: string,
    readonly candidates: { id: string; name: string }[],
    ambiguous = false,
  ) {
    super(
      `${ambiguous ? `"${query}" matches more than one ${kind}` : `No ${kind} named "${query}" in the graph`}.` +
        (candidates.length
          ? ` Closest: ${candidates.map((c) => `${c.name} (${c.id})`).join(', ')}.`
          : ' Nothing similar either; check the spelling or import the brief that names it.'),
    );
    this.name = 'UnknownEntityError';
  }
}

// Same names as search: acronym, name, any alias or Chinese name, case-insensitive and exact.
const EXACT = {
  agency: `MATCH (n:Agency) WHERE n.id = $q OR toLower(n.acronym) = $ql OR toLower(n.name) = $ql OR n.nameZh = $q
             OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $ql)
           RETURN n.id AS id, coalesce(n.acronym, n.name) AS name`,
  company: `MATCH (n:Company) WHERE n.id = $q OR toLower(n.name) = $ql OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $ql)
            RETURN n.id AS id, n.name AS name`,
};
const BY_ID = { agency: 'MATCH (n:Agency {id: $q}) RETURN n.id', company: 'MATCH (n:Company {id: $q}) RETURN n.id' };
// As search's typo pass: the names index, every word fuzzy, ranked by the same edit distance
// (the full-text index found nothing for "MIITT" while search offered MIIT).
const NEAR = `CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 50}) YIELD node, score
              WHERE $label IN labels(node)
              RETURN node.id AS id, coalesce(node.acronym, node.name) AS name,
                     [node.acronym, node.name, node.nameZh] + coalesce(node.aliases, []) AS names, score
              LIMIT 20`;

/** A name as an analyst types it ("MoF", "Ministry of Finance", "财政部", "agency:MOF") → node id. */
export async function resolveEntity(executor: Executor, kind: EntityKind, query: string): Promise<string> {
  const q = query.trim();
  // An id (what the explorer's Report link sends) is one index seek; names need the scan below.
  if (labelOfId(q) === LABEL[kind]) {
    const found = await executor.read(async (tx) => (await tx.run(BY_ID[kind], { q })).records.length > 0);
    if (found) return q;
  }
  const exact = await executor.read(async (tx) =>
    (await tx.run(EXACT[kind], { q, ql: q.toLowerCase() })).records.map((r) => ({ id: String(r.get('id')), name: String(r.get('name')) })),
  );
  if (exact.length === 1) return exact[0]!.id;
  if (exact.length > 1) throw new UnknownEntityError(kind, q, exact, true);
  const near = q
    ? await executor.read(async (tx) =>
        (await tx.run(NEAR, { lucene: luceneFuzzy(q, true), label: LABEL[kind] })).records.map((r) => ({
          id: String(r.get('id')),
          name: String(r.get('name')),
          distance: Math.min(...(r.get('names') as (string | null)[]).filter((n): n is string => !!n).map((n) => nameDistance(q, n))),
          score: Number(r.get('score')),
        })),
      )
    : [];
  near.sort((a, b) => a.distance - b.distance || b.score - a.score);
  throw new UnknownEntityError(
    kind,
    q,
    near.slice(0, 5).map(({ id, name }) => ({ id, name })),
  );
}
