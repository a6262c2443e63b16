import fs from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import { fromRoot } from '../paths.js';
import type { ExtractedGraph } from '../extract/schema.js';
import { idKey, IN_BRIEF, nodeId, nodeLabel, REL_SHAPES } from './model.js';
import type { Executor } from './executor.js';
import { typedProps } from './typed.js';
import { after, before, type BriefDiff } from './diff.js';

const removeBriefCypher = fs.readFileSync(fromRoot('cypher/import/remove-brief.cypher'), 'utf8');

// Two statements write a whole transaction's worth of briefs: one for all nodes, one for all
// relationships, each a sequence of unit subqueries (one per label or shape, so every MERGE/MATCH
// uses its id index). Labels and types are the graph model's, never input; values travel
// as parameters, and every row carries the brief it comes from.
// Fewer round trips matter: each statement costs a network exchange, whatever its size.
// Lists travel inside one map parameter, `$batch`: Neo4j keys its plan cache on each parameter's
// type and, for a list, its size rounded to a power of ten (0, 1, 10, 100, …), so 9 + 16 list
// parameters of varying sizes made almost every transaction a new key and planned the statement
// again (hundreds of ms for these statements; most of a one-brief import). A map has no size.
// `extraction: 'prose'` (a policy read from a sentence of an earlier-layout brief) stays only while
// no other brief states the node in labelled lines: such a brief's write leaves it unmarked, and a
// node already unmarked with another brief behind it is not marked by a prose brief.
// Each node links to its brief (IN_BRIEF, see the model); the Brief node is MERGEd first (its label
// comes first). The link is CREATEd: the brief's links went with its earlier version
// (remove-brief.cypher, same transaction) and writeParams gives each node of a brief one row, so
// none exists yet. A MERGE looked for one from the brief's side, through the links made earlier in
// the same statement: quadratic in the brief's nodes (9,993 db hits for 101 nodes; issue 28).
export const MERGE_NODES = nodeLabel.options
  .map(
    (label, i) => `CALL {
  UNWIND $batch.n${i} AS row
  MERGE (n:${label} {id: row.id})
  WITH n, row, n.extraction IS NULL AND EXISTS { (n)-[:${IN_BRIEF}]->(o:Brief) WHERE o.id <> row.source } AS labelled
  SET n += row.props,
      n.extraction = CASE WHEN labelled THEN null ELSE row.props.extraction END${
        label === 'Brief'
          ? ''
          : `
  WITH n, row
  MATCH (b:Brief {id: row.source})
  CREATE (n)-[:${IN_BRIEF}]->(b)`
      }
}`,
  )
  .join('\n');

// CREATE, not MERGE: a brief's relationships are written after its earlier version's were removed
// (remove-brief.cypher, same transaction), so none with its `brief` exists, and writeParams gives
// each (type, source, target) of a brief once. A MERGE looked for one between the two ends first:
// a policy restated by 6,000 briefs has 6,000 ISSUED_BY links to its agency (issue 28).
export const CREATE_RELS = REL_SHAPES.map(
  ([type, from, to], i) => `CALL {
  UNWIND $batch.r${i} AS row
  MATCH (a:${from} {id: row.source})
  MATCH (b:${to} {id: row.target})
  CREATE (a)-[r:${type} {brief: row.brief}]->(b)
  SET r += row.props
}`,
).join('\n');

// The import time is the database's (one clock for every importing machine).
const STAMP_BRIEFS = 'UNWIND $batch.ids AS id MATCH (b:Brief {id: id}) SET b.importedAt = datetime.transaction()';

export interface WriteResult {
  nodes: number;
  relationships: number;
  /** What the write added to the graph and removed from it (the import history, server/changes). */
  diff: BriefDiff;
}

/** A statement's parameters: its lists in one map (see above). */
export type Batch = { batch: Record<string, unknown[]> };

/**
 * Parameters for MERGE_NODES and CREATE_RELS covering the given briefs, in order; throws on a
 * relationship the table does not know.
 */
export function writeParams(graphs: ExtractedGraph[]): { nodes: Batch; rels: Batch } {
  const nodes: Record<string, unknown[]> = Object.fromEntries(nodeLabel.options.map((_, i) => [`n${i}`, []]));
  const rels: Record<string, unknown[]> = Object.fromEntries(REL_SHAPES.map((_, i) => [`r${i}`, []]));
  const seen = new Map<string, { props: Record<string, unknown> }>();
  const seenNodes = new Map<string, { props: Record<string, unknown> }>();
  for (const graph of graphs) {
    const brief = graph.brief;
    const source = nodeId('Brief', brief);
    for (const n of graph.nodes) {
      // One row per node of a brief (its IN_BRIEF link is CREATEd once), properties merged in order.
      const key = `${source}|${n.id}`;
      const first = seenNodes.get(key);
      if (first) Object.assign(first.props, typedProps(n.properties));
      else {
        const row = { id: n.id, source, props: typedProps(n.properties) };
        seenNodes.set(key, row);
        nodes[`n${nodeLabel.options.indexOf(n.label)}`]!.push(row);
      }
    }
    const labelOf = new Map(graph.nodes.map((n) => [n.id, n.label]));
    for (const r of graph.relationships) {
      const from = labelOf.get(r.source);
      const to = labelOf.get(r.target);
      const shape = REL_SHAPES.findIndex(([t, f, x]) => t === r.type && f === from && x === to);
      if (shape < 0) throw new Error(`${brief}: relationship ${r.type} ${r.source} → ${r.target} has no known shape (${from} → ${to})`);
      // The same link stated twice by one brief is one relationship, its properties merged in
      // order (what MERGE … SET r += props made of it).
      const key = `${shape}|${r.source}|${r.target}|${brief}`;
      const props = typedProps(r.properties);
      const first = seen.get(key);
      if (first) Object.assign(first.props, props);
      else {
        const row = { source: r.source, target: r.target, brief, props: { ...props } };
        seen.set(key, row);
        rels[`r${shape}`]!.push(row);
      }
    }
  }
  return { nodes: { batch: nodes }, rels: { batch: rels } };
}

/** Replaces one brief's facts in one transaction: nothing of it is half-written. */
export async function writeBrief(executor: Executor, graph: ExtractedGraph): Promise<WriteResult> {
  return (await writeBriefs(executor, [graph]))[0]!;
}

/**
 * Replaces several briefs' facts in one transaction: all of them are written, or none. A brief id
 * may appear only once (a second version of a brief belongs in the next transaction).
 */
/** Runs in the briefs' transaction after they are written (the importer applies corrections here). */
export type AfterWrite = (tx: ManagedTransaction, graphs: ExtractedGraph[]) => Promise<void>;

export async function writeBriefs(executor: Executor, graphs: ExtractedGraph[], afterWrite?: AfterWrite): Promise<WriteResult[]> {
  const ids = graphs.map((g) => g.brief);
  if (new Set(ids).size !== ids.length) throw new Error(`one transaction cannot write the same brief twice (${ids.join(', ')})`);
  const briefs = ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
  return executor.write((tx) => writeBriefsTx(tx, graphs, afterWrite), { metadata: { app: 'policy-graph', feature: 'import', briefs } });
}

async function writeBriefsTx(tx: ManagedTransaction, graphs: ExtractedGraph[], afterWrite?: AfterWrite): Promise<WriteResult[]> {
  const params = writeParams(graphs);
  // Only a brief imported before has facts to replace; skipping the removal for new briefs
  // halves the cost of a first import. The lookup of the briefs' nodes says which are known.
  const was = await before(tx, graphs);
  for (const id of was.known) await tx.run(removeBriefCypher, { brief: idKey('Brief', id), briefId: id });
  await tx.run(MERGE_NODES, params.nodes);
  await tx.run(CREATE_RELS, params.rels);
  await tx.run(STAMP_BRIEFS, { batch: { ids: graphs.map((g) => nodeId('Brief', g.brief)) } });
  await afterWrite?.(tx, graphs);
  const diffs = await after(tx, graphs, was);
  return graphs.map((g, i) => ({ nodes: g.nodes.length, relationships: g.relationships.length, diff: diffs[i]! }));
}
