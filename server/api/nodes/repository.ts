import neo4j, { type ManagedTransaction, type Node, type Relationship } from 'neo4j-driver';
import { IN_BRIEF, labelOfId, nodeId, REL_SHAPES, type NodeLabel, type RelType } from '../../graph/model.js';
import { perLabel } from '../../graph/perLabel.js';
import { plainProps, toJson } from '../../graph/values.js';
import { canvasNodeRow, canvasProjection, ElementCollector, type Elements } from '../elements.js';
import { domainRel } from '../../graph/visible.js';

/** The relationship types a label takes part in, and in which direction (from the import's table). */
const shapesOf = (l: NodeLabel) => {
  const out = new Map<string, { type: RelType; out: boolean }>();
  for (const [type, from, to] of REL_SHAPES) {
    if (from === l) out.set(`${type}>`, { type, out: true });
    if (to === l) out.set(`${type}<`, { type, out: false });
  }
  return [...out.values()];
};
const arrow = (type: RelType, out: boolean) => (out ? `-[r:${type}]->` : `<-[r:${type}]-`);

// The briefs that state a node (a Brief is its own): followed one by one up to $seekUpTo of them;
// for a hub in more, all briefs are walked newest first through the date index until enough of its
// own are found (a hub is in most of them), each checked from the brief's side.
const SOURCES = `WITH n
        WITH n WHERE COUNT { (n)-[:${IN_BRIEF}]->() } <= $seekUpTo
        MATCH (n)-[:${IN_BRIEF}]->(b:Brief)
        RETURN b
        UNION
        WITH n
        WITH n WHERE COUNT { (n)-[:${IN_BRIEF}]->() } > $seekUpTo
        MATCH (b:Brief) WHERE b.date IS NOT NULL
        WITH n, b ORDER BY b.date DESC
        WITH n, b WHERE EXISTS { (n)-[:${IN_BRIEF}]->(b) }
        RETURN b LIMIT $maxBriefs`;

// One statement per node. Degrees by type and direction come from Neo4j's degree counts (COUNT
// of a one-hop pattern), not from reading every relationship of a hub. Evidence is grouped by
// brief, newest brief first: the newest $maxBriefs of the briefs that state the node, and each brief's
// relationships come from the relationship indexes on \`brief\`, so a hub in thousands of briefs
// costs what its newest briefs cost. At most $perBrief sentences per brief; totals say how
// much more there is.
export const NODE_DETAIL = perLabel((l) => {
  const shapes = shapesOf(l);
  const degree = shapes.map(
    // Neighbours, not relationships: two merged companies named in one news item leave two links
    // to it (issue 30). Only a merge target can have such twins, and a merge leaves the dropped
    // node's names in `curatedAliases`; every other node keeps the count store's constant-time
    // count (a hub's tens of thousands of links are not read for its details).
    ({ type, out }) => {
      const arrow = out ? `-[:${type}]->` : `<-[:${type}]-`;
      return `{type: '${type}', direction: '${out ? 'out' : 'in'}', count: CASE WHEN n.curatedAliases IS NULL THEN COUNT { (n)${arrow}() } ELSE COUNT { MATCH (n)${arrow}(x) RETURN DISTINCT x } END}`;
    },
  );
  const byBrief = shapes.map(
    ({ type, out }) => `WITH n, brief MATCH (n)${arrow(type, out)}(m) USING INDEX r:${type}(brief) WHERE r.brief = brief RETURN r, m, ${out} AS out`,
  );
  return `MATCH (n:${l} {id: $id})
    CALL {
      WITH n
      CALL {
        ${l === 'Brief' ? `WITH n RETURN n AS b` : SOURCES}
      }
      WITH n, b, substring(b.id, ${nodeId('Brief', '').length}) AS brief
      WITH n, brief, b ORDER BY b.date DESC, brief LIMIT $maxBriefs
      CALL {
        WITH n, brief
        ${byBrief.length ? `CALL { ${byBrief.join(' UNION ALL ')} }` : 'WITH n, brief, null AS r, null AS m, false AS out WHERE false'}
        // One sentence per neighbour and line: a merge can leave two links stating the same one.
        WITH r, m, out ORDER BY r.line
        WITH type(r) AS t, out, m, r.line AS line, collect(r)[0] AS r
        WITH r, m, out ORDER BY line
        WITH collect({type: type(r), direction: CASE WHEN out THEN 'out' ELSE 'in' END, other: m.id,
                      otherName: coalesce(m.name, m.title), evidence: r.evidence, line: r.line, page: r.page}) AS items
        RETURN size(items) AS total, items[..$perBrief] AS evidence
      }
      RETURN collect({brief: brief, title: b.title, date: b.date, source: b.source, total: total, evidence: evidence}) AS provenance
    }
    RETURN labels(n) AS labels, properties(n) AS properties, ${l === 'Brief' ? '1' : `COUNT { (n)-[:${IN_BRIEF}]->() }`} AS briefTotal,
           [x IN [${degree.join(', ')}] WHERE x.count > 0] AS degree, provenance`;
});

// The newest neighbours first. Only their dates are read to rank them; the relationships and
// the canvas properties are fetched for the page that is returned (a hub has thousands).
export const NEIGHBORS = perLabel(
  (l) => `MATCH (n:${l} {id: $id})
          CALL {
            WITH n
            MATCH (n)-${domainRel('r')}-(m)
            WHERE (size($types) = 0 OR type(r) IN $types)
              AND (size($labels) = 0 OR labels(m)[0] IN $labels)
            WITH DISTINCT m, m.date AS date
            WHERE ($from IS NULL AND $to IS NULL) OR date IS NULL OR (($from IS NULL OR date >= date($from)) AND ($to IS NULL OR date <= date($to)))
            ORDER BY date IS NULL, date DESC, elementId(m)
            LIMIT $limit + 1
            RETURN collect(m) AS page
          }
          WITH n, page[..$limit] AS shown, size(page) > $limit AS truncated
          RETURN ${canvasProjection('n')} AS center, truncated,
                 [m IN shown | {node: ${canvasProjection('m')}, rels: [(n)-${domainRel('r')}-(m) WHERE size($types) = 0 OR type(r) IN $types | r]}] AS neighbours`,
);

/**
 * What a node's detail returns at most, whatever the node's degree: a hub's detail is its counts
 * (degrees by type, briefs) plus a first page of evidence; the neighbours endpoint and the reports
 * page through the rest.
 */
export const NODE_DETAIL_LIMITS = Object.freeze({
  /** Newest briefs whose evidence is shown. */
  maxBriefs: 15,
  /** Up to this many briefs a node's are looked up one by one; beyond, found through the date index. */
  seekUpTo: 200,
  /** Sentences per brief (each brief says how many it has in all). */
  perBrief: 10,
  /** Entries kept of a list property (aliases); the rest are counted in `truncated`. */
  listProperty: 50,
});

export async function readNode(tx: ManagedTransaction, label: NodeLabel, id: string) {
  const L = NODE_DETAIL_LIMITS;
  const res = await tx.run(NODE_DETAIL[label], { id, perBrief: neo4j.int(L.perBrief), maxBriefs: neo4j.int(L.maxBriefs), seekUpTo: neo4j.int(L.seekUpTo) });
  const row = res.records[0];
  if (!row) return undefined;
  const labels = row.get('labels') as string[];
  const degree = (toJson(row.get('degree')) as { type: string; direction: 'in' | 'out'; count: number }[]).sort(
    (a, b) => b.count - a.count || a.type.localeCompare(b.type),
  );
  const provenance = toJson(row.get('provenance')) as Record<string, unknown>[];
  // The briefs that name a node (MIIT: thousands) are given as a count, with the newest briefs' evidence below.
  const rest = plainProps(row.get('properties') as Record<string, unknown>);
  const truncated: Record<string, number> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (Array.isArray(v) && v.length > L.listProperty) {
      truncated[k] = v.length;
      rest[k] = v.slice(0, L.listProperty);
    }
  }
  const briefTotal = Number(toJson(row.get('briefTotal')));
  return {
    node: { id, label: labels[0] ?? label, labels, properties: rest },
    degree,
    briefs: { total: briefTotal, shown: provenance.length },
    truncated,
    provenance,
  };
}

export interface NeighborFilter {
  types: RelType[];
  labels: NodeLabel[];
  from: string | null;
  to: string | null;
  limit: number;
}

export async function readNeighbors(
  tx: ManagedTransaction,
  label: NodeLabel,
  id: string,
  f: NeighborFilter,
): Promise<{ elements: Elements; truncated: boolean; found: boolean }> {
  const res = await tx.run(NEIGHBORS[label], { id, ...f, limit: neo4j.int(f.limit) });
  const row = res.records[0];
  const collector = new ElementCollector();
  if (!row) return { elements: collector.elements(), truncated: false, found: false };
  collector.addProjected(canvasNodeRow.parse(row.get('center')));
  for (const { node, rels } of row.get('neighbours') as { node: unknown; rels: Relationship[] }[]) {
    collector.addProjected(canvasNodeRow.parse(node));
    for (const rel of rels) collector.add(rel);
  }
  return { elements: collector.elements(), truncated: row.get('truncated') as boolean, found: true };
}

const NODES_BY_IDS = perLabel((l) => `MATCH (n:${l}) WHERE n.id IN $ids RETURN n`);
const RELS_AMONG = `
MATCH (a) WHERE elementId(a) IN $eids
MATCH (a)-${domainRel('r')}->(b) WHERE elementId(b) IN $eids
RETURN r`;

/** The given nodes and every relationship among them: what a shared view link restores. */
export async function readElements(tx: ManagedTransaction, ids: string[]): Promise<Elements> {
  const collector = new ElementCollector();
  const byLabel = new Map<NodeLabel, string[]>();
  for (const id of ids) {
    const label = labelOfId(id);
    if (label) byLabel.set(label, [...(byLabel.get(label) ?? []), id]);
  }
  const eids: string[] = [];
  for (const [label, list] of byLabel) {
    for (const r of (await tx.run(NODES_BY_IDS[label], { ids: list })).records) {
      const n = r.get('n') as Node;
      eids.push(n.elementId);
      collector.add(n);
    }
  }
  if (eids.length) for (const r of (await tx.run(RELS_AMONG, { eids })).records) collector.add(r.get('r'));
  return collector.elements();
}
