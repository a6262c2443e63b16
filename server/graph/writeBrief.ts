import fs from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import { fromRoot } from '../paths.js';
import { relType, type ExtractedGraph, type NodeLabel, type RelType } from '../extract/schema.js';
import type { Executor } from './executor.js';
import { perLabel } from './perLabel.js';

const removeBriefCypher = fs.readFileSync(fromRoot('cypher/import/remove-brief.cypher'), 'utf8');

// Labels and types come from the zod enums (never from input), so one statement per label/type
// can name them literally; values always travel as parameters.
const mergeNodes = perLabel(
  (label) => `UNWIND $rows AS row
     MERGE (n:${label} {id: row.id})
     SET n += row.props,
         n.briefs = CASE WHEN $brief IN coalesce(n.briefs, []) THEN n.briefs ELSE coalesce(n.briefs, []) + $brief END`,
);

const mergeRels = (type: RelType, from: NodeLabel, to: NodeLabel) =>
  `UNWIND $rows AS row
   MATCH (a:${from} {id: row.source})
   MATCH (b:${to} {id: row.target})
   MERGE (a)-[r:${relType.parse(type)} {brief: $brief}]->(b)
   SET r += row.props`;

export interface WriteResult {
  nodes: number;
  relationships: number;
}

/** Replaces one brief's facts in one transaction: nothing of it is half-written. */
export async function writeBrief(executor: Executor, graph: ExtractedGraph): Promise<WriteResult> {
  return executor.write((tx) => writeBriefTx(tx, graph), { metadata: { app: 'policy-graph', feature: 'import', brief: graph.brief } });
}

export async function writeBriefTx(tx: ManagedTransaction, graph: ExtractedGraph): Promise<WriteResult> {
  const brief = graph.brief;
  await tx.run(removeBriefCypher, { brief });
  const labelOf = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const byLabel = new Map<NodeLabel, { id: string; props: Record<string, unknown> }[]>();
  for (const n of graph.nodes) {
    const rows = byLabel.get(n.label) ?? [];
    rows.push({ id: n.id, props: n.properties });
    byLabel.set(n.label, rows);
  }
  for (const [label, rows] of byLabel) await tx.run(mergeNodes[label], { rows, brief });

  const byShape = new Map<string, { type: RelType; from: NodeLabel; to: NodeLabel; rows: { source: string; target: string; props: Record<string, unknown> }[] }>();
  for (const r of graph.relationships) {
    const from = labelOf.get(r.source);
    const to = labelOf.get(r.target);
    if (!from || !to) throw new Error(`${brief}: relationship ${r.type} ${r.source} → ${r.target} points to a node that was not extracted`);
    const key = `${r.type}|${from}|${to}`;
    const shape = byShape.get(key) ?? { type: r.type, from, to, rows: [] };
    shape.rows.push({ source: r.source, target: r.target, props: r.properties });
    byShape.set(key, shape);
  }
  for (const s of byShape.values()) await tx.run(mergeRels(s.type, s.from, s.to), { rows: s.rows, brief });
  return { nodes: graph.nodes.length, relationships: graph.relationships.length };
}
