import neo4j, { type ManagedTransaction, type Node, type Relationship } from 'neo4j-driver';
import { labelOfId, type NodeLabel, type RelType } from '../../extract/schema.js';
import { perLabel } from '../../graph/perLabel.js';
import { ElementCollector, plainProps, toJson, type Elements } from '../elements.js';

const NODE = perLabel((l) => `MATCH (n:${l} {id: $id}) RETURN n`);

const DEGREE = perLabel(
  (l) => `MATCH (n:${l} {id: $id})-[r]-()
          RETURN type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, count(*) AS count
          ORDER BY count DESC, type`,
);

// Evidence grouped by brief, newest brief first. Hubs (an agency in hundreds of briefs) are
// capped twice, to the newest $maxBriefs briefs and $perBrief sentences each; totals say how much
// more there is.
const PROVENANCE = perLabel(
  (l) => `MATCH (n:${l} {id: $id})-[r]-()
          WHERE r.brief IS NOT NULL
          WITH r.brief AS brief, count(*) AS total
          OPTIONAL MATCH (b:Brief {id: 'brief:' + brief})
          WITH brief, total, b ORDER BY b.date DESC, brief LIMIT $maxBriefs
          CALL {
            WITH brief
            MATCH (n:${l} {id: $id})-[r]-(m)
            WHERE r.brief = brief
            WITH r, m, startNode(r) = n AS out ORDER BY r.line LIMIT $perBrief
            RETURN collect({type: type(r), direction: CASE WHEN out THEN 'out' ELSE 'in' END, other: m.id,
                    otherName: coalesce(m.name, m.title), evidence: r.evidence, line: r.line}) AS evidence
          }
          RETURN brief, b.title AS title, b.date AS date, b.source AS source, total, evidence`,
);

const NEIGHBORS = perLabel(
  (l) => `MATCH (n:${l} {id: $id})-[r]-(m)
          WHERE (size($types) = 0 OR type(r) IN $types)
            AND (size($labels) = 0 OR labels(m)[0] IN $labels)
            AND (m.date IS NULL OR (($from IS NULL OR m.date >= $from) AND ($to IS NULL OR m.date <= $to)))
          WITH n, m, collect(r) AS rels
          ORDER BY coalesce(m.date, '') DESC, m.id
          LIMIT $limit + 1
          RETURN n, m, rels`,
);

export async function readNode(tx: ManagedTransaction, label: NodeLabel, id: string) {
  const res = await tx.run(NODE[label], { id });
  const n = res.records[0]?.get('n') as Node | undefined;
  if (!n) return undefined;
  const degree = (await tx.run(DEGREE[label], { id })).records.map((r) => r.toObject() as { type: string; direction: 'in' | 'out'; count: number });
  const provenance = (await tx.run(PROVENANCE[label], { id, perBrief: neo4j.int(20), maxBriefs: neo4j.int(25) })).records.map((r) => toJson(r.toObject()) as Record<string, unknown>);
  return { node: { id, label: n.labels[0] ?? label, labels: n.labels, properties: plainProps(n.properties) }, degree, provenance };
}

export interface NeighborFilter {
  types: RelType[];
  labels: NodeLabel[];
  from: string | null;
  to: string | null;
  limit: number;
}

export async function readNeighbors(tx: ManagedTransaction, label: NodeLabel, id: string, f: NeighborFilter): Promise<{ elements: Elements; truncated: boolean; found: boolean }> {
  const res = await tx.run(NEIGHBORS[label], { id, ...f, limit: neo4j.int(f.limit) });
  const collector = new ElementCollector();
  const rows = res.records.slice(0, f.limit);
  for (const r of rows) {
    collector.add(r.get('n'));
    collector.add(r.get('m'));
    for (const rel of r.get('rels') as Relationship[]) collector.add(rel);
  }
  let found = res.records.length > 0;
  if (!found) {
    // No neighbours in range: the node alone, or a 404 if it does not exist.
    const alone = (await tx.run(NODE[label], { id })).records[0];
    if (alone) collector.add(alone.get('n'));
    found = !!alone;
  }
  return { elements: collector.elements(), truncated: res.records.length > f.limit, found };
}

const NODES_BY_IDS = perLabel((l) => `MATCH (n:${l}) WHERE n.id IN $ids RETURN n`);
const RELS_AMONG = `
MATCH (a) WHERE elementId(a) IN $eids
MATCH (a)-[r]->(b) WHERE elementId(b) IN $eids
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
