import { nodeLabel, type NodeLabel } from '../graph/model.js';
import type { ImportRecord } from './schema.js';

export type FactRel = ImportRecord['added']['rels'][number];

/** Net changes over a run of imports: a node added and later removed is neither. */
export interface NetChanges {
  imports: ImportRecord[];
  added: Map<NodeLabel, string[]>;
  removed: Map<NodeLabel, string[]>;
  addedRels: { rel: FactRel; import: string; at: string }[];
  removedRels: FactRel[];
}

/**
 * The imports after `since`: an import id (those after it), an ISO date or date-time (those at or
 * after it), or nothing (the last import alone). Undefined when `since` names no import.
 */
export function importsSince(all: readonly ImportRecord[], since?: string): ImportRecord[] | undefined {
  if (!since) return all.slice(-1);
  const at = all.findIndex((r) => r.id === since);
  if (at >= 0) return all.slice(at + 1);
  if (/^\d{4}-\d{2}-\d{2}/.test(since)) {
    const t = Date.parse(since);
    if (Number.isNaN(t)) return undefined;
    return all.filter((r) => Date.parse(r.at) >= t);
  }
  return undefined;
}

export function netChanges(imports: ImportRecord[]): NetChanges {
  const added = new Map<string, NodeLabel>();
  const removed = new Map<string, NodeLabel>();
  const addedRels = new Map<string, NetChanges['addedRels'][number]>();
  const removedRels = new Map<string, FactRel>();
  for (const imp of imports) {
    for (const label of nodeLabel.options) {
      for (const id of imp.removed.nodes[label] ?? []) if (!added.delete(id)) removed.set(id, label);
      for (const id of imp.added.nodes[label] ?? []) if (!removed.delete(id)) added.set(id, label);
    }
    for (const r of imp.removed.rels) {
      const k = r.join('\u0000');
      if (!addedRels.delete(k)) removedRels.set(k, r);
    }
    for (const r of imp.added.rels) {
      const k = r.join('\u0000');
      if (!removedRels.delete(k)) addedRels.set(k, { rel: r, import: imp.id, at: imp.at });
    }
  }
  const byLabel = (m: Map<string, NodeLabel>) => {
    const out = new Map<NodeLabel, string[]>();
    for (const [id, label] of m) {
      const list = out.get(label) ?? [];
      if (!list.length) out.set(label, list);
      list.push(id);
    }
    return out;
  };
  return { imports, added: byLabel(added), removed: byLabel(removed), addedRels: [...addedRels.values()], removedRels: [...removedRels.values()] };
}
