import { luceneFuzzy } from '../graph/lucene.js';
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
const NEAR = `CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: 50}) YIELD node, score
              WHERE $label IN labels(node)
              RETURN node.id AS id, coalesce(node.acronym, node.name) AS name LIMIT 5`;

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
        (await tx.run(NEAR, { lucene: luceneFuzzy(q), label: LABEL[kind] })).records.map((r) => ({ id: String(r.get('id')), name: String(r.get('name')) })),
      )
    : [];
  throw new UnknownEntityError(kind, q, near);
}
