import type { ManagedTransaction } from 'neo4j-driver';
import type { ExtractedGraph } from '../extract/schema.js';
import { nodeLabel, nodeId, REL_SHAPES, type NodeLabel, type RelType } from '../graph/model.js';

/**
 * What one brief's write added to the graph and took from it, found inside the importer's
 * transaction from the brief's own ids: its extracted nodes looked up by id before the write, its
 * previous relationships read through the `brief` index. Nothing scans the graph.
 */
export interface FactNode {
  id: string;
  label: NodeLabel;
}
/** A relationship as [type, source, target, brief]; its labels follow from the model's shapes. */
export type FactRel = readonly [type: RelType, source: string, target: string, brief: string];

export interface BriefDiff {
  /** The brief was in the graph before this write. */
  known: boolean;
  added: { nodes: FactNode[]; rels: FactRel[] };
  removed: { nodes: FactNode[]; rels: FactRel[] };
}

const relKey = (r: FactRel) => r.join('\u0000');

// One statement per question, a unit subquery per label or shape, so each lookup uses its index.
// Lists travel in one map parameter, `$batch`, so the plan is cached whatever their sizes (see
// server/graph/writeBrief.ts).
export const EXISTING = nodeLabel.options
  .map((label, i) => `CALL { UNWIND $batch.n${i} AS id MATCH (n:${label} {id: id}) RETURN collect(n.id) AS e${i} }`)
  .join('\n');
export const EXISTING_RETURN = `RETURN ${nodeLabel.options.map((_, i) => `e${i}`).join(', ')}`;
export const PREVIOUS_RELS = REL_SHAPES.map(
  ([type, from, to], i) =>
    `CALL { UNWIND $batch.briefs AS brief MATCH (a:${from})-[r:${type} {brief: brief}]->(b:${to}) USING INDEX r:${type}(brief) RETURN collect([${i}, a.id, b.id, brief]) AS p${i} }`,
).join('\n');
export const PREVIOUS_RETURN = `RETURN ${REL_SHAPES.map((_, i) => `p${i}`).join(' + ')} AS rels`;

async function existing(tx: ManagedTransaction, ids: FactNode[]): Promise<Set<string>> {
  // Each id once: a transaction's briefs share their hubs.
  const batch = Object.fromEntries(nodeLabel.options.map((l, i) => [`n${i}`, [...new Set(ids.filter((n) => n.label === l).map((n) => n.id))]]));
  const row = (await tx.run(`${EXISTING}\n${EXISTING_RETURN}`, { batch })).records[0];
  return new Set(row ? nodeLabel.options.flatMap((_, i) => row.get(`e${i}`) as string[]) : []);
}

/** Nodes and relationships of the briefs about to be written, as the graph holds them now. */
export interface Before {
  present: Set<string>;
  previous: FactRel[];
  /** The label of every node a previous relationship joins, from its shape. */
  labelOf: Map<string, NodeLabel>;
  /** The Brief node ids of the briefs imported before (their Brief node is present). */
  known: Set<string>;
}

/** Run in the write's transaction before the briefs' old facts are removed. */
export async function before(tx: ManagedTransaction, graphs: ExtractedGraph[]): Promise<Before> {
  const nodes = graphs.flatMap((g) => g.nodes.map((n) => ({ id: n.id, label: n.label })));
  // The briefs' own ids go into the same lookup: it says which were imported before.
  const present = await existing(tx, [...nodes, ...graphs.map((g) => ({ id: nodeId('Brief', g.brief), label: 'Brief' as const }))]);
  const known = new Set(graphs.map((g) => nodeId('Brief', g.brief)).filter((id) => present.has(id)));
  const briefs = graphs.map((g) => g.brief).filter((b) => known.has(nodeId('Brief', b)));
  const previous: FactRel[] = [];
  const labelOf = new Map<string, NodeLabel>();
  if (briefs.length) {
    const rows = ((await tx.run(`${PREVIOUS_RELS}\n${PREVIOUS_RETURN}`, { batch: { briefs } })).records[0]?.get('rels') ?? []) as [
      unknown,
      string,
      string,
      string,
    ][];
    for (const [i, s, t, b] of rows) {
      const [type, from, to] = REL_SHAPES[Number(i)]!;
      previous.push([type, s, t, b]);
      labelOf.set(s, from).set(t, to);
    }
  }
  return { present, previous, labelOf, known };
}

/** Run after the briefs are written: each brief's added and removed facts. */
export async function after(tx: ManagedTransaction, graphs: ExtractedGraph[], was: Before): Promise<BriefDiff[]> {
  // Nodes the old versions touched that no brief now supports are gone: asked of the graph by id.
  const newIds = new Set(graphs.flatMap((g) => g.nodes.map((n) => n.id)));
  const candidates = [...was.labelOf].filter(([id]) => !newIds.has(id)).map(([id, label]) => ({ id, label }));
  const survived = candidates.length ? await existing(tx, candidates) : new Set<string>();
  return graphs.map((g) => {
    const previous = was.previous.filter((r) => r[3] === g.brief);
    const labels = new Map(g.nodes.map((n) => [n.id, n.label]));
    const rels: FactRel[] = g.relationships
      .filter((r) => labels.has(r.source) && labels.has(r.target))
      .map((r) => [r.type, r.source, r.target, g.brief] as const);
    const had = new Set(previous.map(relKey));
    const has = new Set(rels.map(relKey));
    const touched = new Set(previous.flatMap((r) => [r[1], r[2]]));
    return {
      known: was.known.has(nodeId('Brief', g.brief)),
      added: { nodes: g.nodes.filter((n) => !was.present.has(n.id)).map((n) => ({ id: n.id, label: n.label })), rels: rels.filter((r) => !had.has(relKey(r))) },
      removed: {
        nodes: candidates.filter((n) => touched.has(n.id) && !survived.has(n.id)),
        rels: previous.filter((r) => !has.has(relKey(r))),
      },
    };
  });
}
