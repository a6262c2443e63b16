import type { ManagedTransaction } from 'neo4j-driver';
import { labelOfId, type NodeLabel } from '../graph/model.js';
import { checkCorrection } from './check.js';
import * as Q from './cypher.js';
import type { Fact } from './schema.js';
import type { CorrectionState } from './state.js';

/**
 * The response header of answers built with the corrections (node details, reports) while the
 * corrections file has a bad line: the answer is right for the lines that could be read.
 */
export const CORRECTIONS_WARNING_HEADER = 'X-Corrections-Warning';
/** A header value is printable ASCII (Node refuses the rest, which would turn the answer into a 500). */
export const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');

/** One correction as the details panel and reports show it: "corrected: merged from … by … on …: reason". */
export interface CorrectionNote {
  id: string;
  kind: Fact['kind'];
  at: string;
  author?: string;
  reason?: string;
  text: string;
  /** What is gone, when the correction is stale: it is listed, never applied to another fact. */
  stale?: string;
}

async function nameOf(tx: ManagedTransaction, id: string): Promise<string> {
  const label = labelOfId(id) as NodeLabel;
  for (const q of [Q.NODE_PROPS[label], Q.PLACEHOLDER.Merged, Q.PLACEHOLDER.Rejected]) {
    const p = (await tx.run(q, { id })).records[0]?.get('p') as Record<string, unknown> | undefined;
    if (p) return String(p.acronym ?? p.name ?? p.title ?? id);
  }
  return id;
}

/** What a correction did, said from the side of node `id`. */
async function describe(tx: ManagedTransaction, c: Fact, id: string): Promise<string> {
  switch (c.kind) {
    case 'merge':
      return c.keep === id ? `merged from ${await nameOf(tx, c.drop)} (${c.drop})` : `merged into ${await nameOf(tx, c.keep)} (${c.keep})`;
    case 'rename':
      return `renamed to "${c.name}"`;
    case 'alias':
      return `alias "${c.name}" added`;
    case 'reject':
      return 'rejected';
    case 'reject-rel':
      return c.from === id ? `${c.type} → ${await nameOf(tx, c.to)} rejected` : `${c.type} ← ${await nameOf(tx, c.from)} rejected`;
    case 'link':
      return `${c.type} ${c.from === id ? '→' : '←'} ${await nameOf(tx, c.from === id ? c.to : c.from)} added: "${c.note}"`;
    case 'distinct': {
      const other = c.a === id ? c.b : c.a;
      return `not the same as ${await nameOf(tx, other)} (${other})`;
    }
  }
}

/** The corrections that hold on node `id`, in the order they were made (found through the log's index, not a scan). */
export async function correctionNotes(tx: ManagedTransaction, state: CorrectionState, id: string): Promise<CorrectionNote[]> {
  const out: CorrectionNote[] = [];
  for (const c of state.forTargets([id])) {
    out.push({
      id: c.id,
      kind: c.kind,
      at: c.at,
      ...(c.author ? { author: c.author } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
      text: await describe(tx, c, id),
    });
    const outcome = await checkCorrection(tx, c, state);
    if (outcome.status === 'stale') out[out.length - 1]!.stale = outcome.detail ?? 'its fact is gone';
  }
  return out;
}

/** "corrected: merged from BMW Brilliance (company:bmw-brilliance) by ana on 2026-11-27: the same joint venture" */
export const noteLine = (n: CorrectionNote) =>
  `${n.stale ? `stale, not applied (${n.stale})` : 'corrected'}: ${n.text}${n.author ? ` by ${n.author}` : ''} on ${n.at.slice(0, 10)}${n.reason ? `: ${n.reason}` : ''}`;

/** Why a node id answers nothing: it was rejected or merged away by a correction that still holds. */
export function hiddenBy(state: CorrectionState, id: string): string | undefined {
  for (const c of state.forTargets([id]).reverse()) {
    if (c.kind === 'reject' && c.node === id) return `${id} was rejected by correction ${c.id}${c.reason ? ` (${c.reason})` : ''}.`;
    if (c.kind === 'merge' && c.drop === id) return `${id} was merged into ${c.keep} by correction ${c.id}${c.reason ? ` (${c.reason})` : ''}.`;
  }
  return undefined;
}
