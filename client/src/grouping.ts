/**
 * Big neighbourhoods arrive grouped by type: "27 news items" is one node until opened. Pure:
 * decides which new neighbours go straight onto the canvas and which wait in a group.
 */
import type { CyEdge, CyNode, Elements } from '../../server/api/elements.js';
import { LABELS, type NodeLabel } from '../../server/graph/model.js';

export interface Group {
  /** Client-only id, never sent to the API. */
  id: string;
  parent: string;
  label: string;
  /** The relationship type(s) joining the members to the parent. */
  types: string[];
  nodes: CyNode[];
  edges: CyEdge[];
  /** "27 news items" */
  title: string;
}

export const countLabel = (label: string, n: number) => {
  const spec = LABELS[label as NodeLabel] as (typeof LABELS)[NodeLabel] | undefined;
  return `${n} ${n === 1 ? (spec?.display.toLowerCase() ?? label) : (spec?.plural ?? `${label}s`)}`;
};

/**
 * Splits an expansion: neighbours already on the canvas, and labels with at most `threshold` new
 * members, come directly; larger label sets become groups.
 */
export function groupNeighbours(
  parent: string,
  elements: Elements,
  onCanvas: (id: string) => boolean,
  threshold: number,
): { direct: Elements; groups: Group[] } {
  const byLabel = new Map<string, CyNode[]>();
  for (const n of elements.nodes) {
    if (n.data.id === parent || onCanvas(n.data.id)) continue;
    byLabel.set(n.data.label, [...(byLabel.get(n.data.label) ?? []), n]);
  }
  const grouped = new Set<string>();
  const groups: Group[] = [];
  for (const [label, nodes] of byLabel) {
    if (nodes.length <= threshold) continue;
    const ids = new Set(nodes.map((n) => n.data.id));
    nodes.forEach((n) => grouped.add(n.data.id));
    const edges = elements.edges.filter((e) => ids.has(e.data.source) || ids.has(e.data.target));
    const types = [...new Set(edges.filter((e) => e.data.source === parent || e.data.target === parent).map((e) => e.data.type))].sort();
    groups.push({ id: `group:${parent}:${label}`, parent, label, types, nodes, edges, title: countLabel(label, nodes.length) });
  }
  const direct: Elements = {
    nodes: elements.nodes.filter((n) => !grouped.has(n.data.id)),
    edges: elements.edges.filter((e) => !grouped.has(e.data.source) && !grouped.has(e.data.target)),
  };
  return { direct, groups };
}
