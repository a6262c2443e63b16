import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { BriefOutcome } from '../import/importer.js';
import type { Facts, ImportRecord, BriefStatus } from './schema.js';

/** Ids kept per label (and relationships) in one record; a 10,000-brief first import is cut here. */
export const MAX_IDS_PER_LIST = 20_000;

export function importId(at: Date): string {
  return `${at.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex').slice(0, 4)}`;
}

function statusOf(o: BriefOutcome): BriefStatus {
  if (o.status !== 'ok') return o.status;
  if (o.kept) return 'kept';
  const d = o.diff;
  if (!d?.known) return 'added';
  const changed = d.added.nodes.length + d.added.rels.length + d.removed.nodes.length + d.removed.rels.length;
  return changed ? 'replaced' : 'unchanged';
}

/**
 * The history's record of one run of the importer. A node two briefs of the run both introduced
 * counts once; one a brief added and a later brief of the run removed is neither.
 */
export function importRecord(outcomes: BriefOutcome[], origin: ImportRecord['origin'], at = new Date()): ImportRecord {
  const added = new Map<string, string>();
  const removed = new Map<string, string>();
  const addedRels = new Map<string, ImportRecord['added']['rels'][number]>();
  const removedRels = new Map<string, ImportRecord['added']['rels'][number]>();
  for (const o of outcomes) {
    if (o.status !== 'ok' || !o.diff) continue;
    for (const n of o.diff.removed.nodes) {
      if (added.delete(n.id)) continue;
      removed.set(n.id, n.label);
    }
    for (const n of o.diff.added.nodes) {
      if (removed.delete(n.id)) continue;
      if (!added.has(n.id)) added.set(n.id, n.label);
    }
    for (const r of o.diff.removed.rels) {
      const k = r.join('\u0000');
      if (!addedRels.delete(k)) removedRels.set(k, [...r]);
    }
    for (const r of o.diff.added.rels) {
      const k = r.join('\u0000');
      if (!removedRels.delete(k)) addedRels.set(k, [...r]);
    }
  }
  let truncated = false;
  const facts = (nodes: Map<string, string>, rels: Map<string, ImportRecord['added']['rels'][number]>): Facts => {
    const byLabel: Record<string, string[]> = {};
    for (const [id, label] of nodes) {
      const list = (byLabel[label] ??= []);
      if (list.length < MAX_IDS_PER_LIST) list.push(id);
      else truncated = true;
    }
    if (rels.size > MAX_IDS_PER_LIST) truncated = true;
    return { nodes: byLabel, rels: [...rels.values()].slice(0, MAX_IDS_PER_LIST) };
  };
  return {
    id: importId(at),
    at: at.toISOString(),
    origin,
    files: outcomes.map((o) => path.basename(o.file)),
    briefs: outcomes.map((o) => ({ file: path.basename(o.file), ...(o.brief ? { brief: o.brief } : {}), status: statusOf(o) })),
    added: facts(added, addedRels),
    removed: facts(removed, removedRels),
    ...(truncated ? { truncated } : {}),
  };
}
