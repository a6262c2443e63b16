import neo4j, { type Node, type Path, type Relationship } from 'neo4j-driver';
import { z } from 'zod';
import { nodeKey, plainProps } from '../graph/values.js';

/**
 * Driver values → JSON. Nodes are keyed by their `id` property (stable across imports), never by
 * Neo4j's internal element id; Cytoscape elements use the same keys.
 */

export const cyNodeSchema = z.object({
  data: z.object({ id: z.string(), label: z.string(), name: z.string() }).catchall(z.unknown()),
});
export const cyEdgeSchema = z.object({
  data: z.object({ id: z.string(), source: z.string(), target: z.string(), type: z.string() }).catchall(z.unknown()),
});
export const elementsSchema = z.object({ nodes: z.array(cyNodeSchema), edges: z.array(cyEdgeSchema) });
export type Elements = z.infer<typeof elementsSchema>;
export type CyNode = z.infer<typeof cyNodeSchema>;
export type CyEdge = z.infer<typeof cyEdgeSchema>;

/**
 * What the canvas needs of a node: enough to label, colour, filter and size it. The rest
 * (summaries, key points, aliases) comes from GET /api/nodes/:id when the analyst opens it, which
 * keeps neighbourhoods of hubs small on the wire.
 */
const CANVAS_PROPS = ['id', 'name', 'title', 'titleZh', 'acronym', 'nameZh', 'date', 'kind', 'status', 'type', 'year', 'resolved', 'extraction'];

export function toCyNode(n: Node): CyNode {
  return canvasNode(nodeKey(n), n.labels, n.properties);
}

function canvasNode(key: string, labels: string[], properties: Record<string, unknown>): CyNode {
  const props = plainProps(
    Object.fromEntries(CANVAS_PROPS.filter((k) => properties[k] !== undefined && properties[k] !== null).map((k) => [k, properties[k]])),
  );
  const label = labels[0] ?? 'Node';
  return { data: { ...props, id: key, label, labels, name: String(props.name ?? props.title ?? props.id ?? label) } };
}

/**
 * Cypher map projection of what the canvas needs of node variable `v`: a query that returns this
 * instead of the node leaves summaries and key points in the database. `v` is a variable name
 * from the query's own text, never input.
 */
export const canvasProjection = (v: string) => `${v} {${CANVAS_PROPS.map((p) => `.${p}`).join(', ')}, labels: labels(${v}), elementId: elementId(${v})}`;

export const canvasNodeRow = z.object({ elementId: z.string(), labels: z.array(z.string()), id: z.unknown() }).catchall(z.unknown());

/** An edge needs its end nodes' keys; `keys` maps element ids to them. */
export function toCyEdge(r: Relationship, keys: Map<string, string>): CyEdge | undefined {
  const source = keys.get(r.startNodeElementId);
  const target = keys.get(r.endNodeElementId);
  if (!source || !target) return undefined;
  return { data: { ...plainProps(r.properties), id: r.elementId, source, target, type: r.type } };
}

/** Collects graph values found anywhere in result rows into Cytoscape elements. */
export class ElementCollector {
  readonly #nodes = new Map<string, CyNode>();
  readonly #keys = new Map<string, string>();
  readonly #rels = new Map<string, Relationship>();

  add(v: unknown): void {
    if (v === null || v === undefined) return;
    if (neo4j.isNode(v)) {
      const n = v as Node;
      this.#keys.set(n.elementId, nodeKey(n));
      this.#nodes.set(nodeKey(n), toCyNode(n));
    } else if (neo4j.isRelationship(v)) this.#rels.set((v as Relationship).elementId, v as Relationship);
    else if (neo4j.isPath(v)) {
      const p = v as Path;
      this.add(p.start);
      for (const s of p.segments) {
        this.add(s.relationship);
        this.add(s.end);
      }
    } else if (Array.isArray(v)) v.forEach((x) => this.add(x));
    else if (typeof v === 'object' && !neo4j.isInt(v) && v.constructor === Object) Object.values(v).forEach((x) => this.add(x));
  }

  /** A node as returned by canvasProjection(). */
  addProjected(row: z.infer<typeof canvasNodeRow>): void {
    const { elementId, labels, ...props } = row;
    const key = typeof props.id === 'string' ? props.id : elementId;
    this.#keys.set(elementId, key);
    this.#nodes.set(key, canvasNode(key, labels, props));
  }

  get hasGraph(): boolean {
    return this.#nodes.size > 0 || this.#rels.size > 0;
  }

  /** Element ids of every node collected so far. */
  nodeElementIds(): string[] {
    return [...this.#keys.keys()];
  }

  /** Element ids of relationship ends that the rows did not include. */
  missingEnds(): string[] {
    const out = new Set<string>();
    for (const r of this.#rels.values()) for (const e of [r.startNodeElementId, r.endNodeElementId]) if (!this.#keys.has(e)) out.add(e);
    return [...out];
  }

  elements(): Elements {
    const edges = [...this.#rels.values()].map((r) => toCyEdge(r, this.#keys)).filter((e): e is CyEdge => !!e);
    return { nodes: [...this.#nodes.values()], edges };
  }
}
