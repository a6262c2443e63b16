import type { ManagedTransaction } from 'neo4j-driver';
import { labelOfId, type NodeLabel } from '../graph/model.js';
import * as Q from './cypher.js';
import { targetsOf, type CorrectionOf, type Fact } from './schema.js';
import type { CorrectionState } from './state.js';

export interface Outcome {
  id: string;
  /** What the graph shows of the correction: see STANDING in ./check.ts. */
  status: 'applied' | 'pending' | 'stale';
  /** For a pending or stale correction: what is missing. */
  detail?: string;
}

type Props = Record<string, unknown>;
const labelOf = (id: string) => labelOfId(id) as NodeLabel;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const uniq = <T>(xs: T[]) => [...new Set(xs)];
const num = async (tx: ManagedTransaction, q: string, params: Props, key: string) => Number((await tx.run(q, params)).records[0]?.get(key) ?? 0);

async function nodeProps(tx: ManagedTransaction, id: string): Promise<Props | undefined> {
  const row = (await tx.run(Q.NODE_PROPS[labelOf(id)], { id })).records[0];
  return row ? (row.get('p') as Props) : undefined;
}
async function hiddenProps(tx: ManagedTransaction, kind: 'Rejected' | 'Merged', id: string): Promise<Props | undefined> {
  const row = (await tx.run(Q.PLACEHOLDER[kind], { id })).records[0];
  return row ? (row.get('p') as Props) : undefined;
}
const setProps = (tx: ManagedTransaction, id: string, set: Props) => tx.run(Q.SET_PROPS[labelOf(id)], { id, set });

/** Every name a node answers to. */
export const namesOf = (p: Props) =>
  uniq([p.name, p.acronym, p.nameZh, ...strings(p.aliases), ...strings(p.curatedAliases)].filter((x): x is string => typeof x === 'string' && !!x));

/**
 * Names that corrections change (`name`, and the full-text `nameText`/`searchText`) keep the
 * import's value beside the corrected one, in the JSON property `curation`. A value that differs
 * from the corrected one was written by a re-import since, and becomes the new import value. With
 * no correction left, the import's values come back exactly. `name`: a string renames, null
 * reverts the rename, undefined keeps it.
 */
async function refreshNames(tx: ManagedTransaction, id: string, opts: { name?: string | null } = {}): Promise<void> {
  const p = await nodeProps(tx, id);
  if (!p) return;
  const book = (typeof p.curation === 'string' ? JSON.parse(p.curation) : {}) as Record<string, { extracted: unknown; curated: unknown }>;
  const imported = (prop: string) => (book[prop] && p[prop] === book[prop].curated ? book[prop].extracted : p[prop]) ?? null;
  const curatedName =
    opts.name === undefined ? (book.name && p.name === book.name.curated ? (book.name.curated as string) : undefined) : (opts.name ?? undefined);
  const extra = uniq([curatedName, ...strings(p.curatedAliases)].filter((x): x is string => !!x));
  const set: Props = {};
  const next: Record<string, { extracted: unknown; curated: unknown }> = {};
  const put = (prop: string, curated: string | undefined) => {
    set[prop] = curated ?? imported(prop);
    if (curated !== undefined) next[prop] = { extracted: imported(prop), curated };
  };
  put('name', curatedName);
  for (const prop of ['nameText', 'searchText']) put(prop, extra.length ? `${String(imported(prop) ?? '')} | ${extra.join(' | ')}` : undefined);
  set.curation = Object.keys(next).length ? JSON.stringify(next) : null;
  await setProps(tx, id, set);
}

const stale = (c: Fact, detail: string): Outcome => ({ id: c.id, status: 'stale', detail });
const applied = (c: Fact): Outcome => ({ id: c.id, status: 'applied' });

/**
 * Applies one correction inside `tx`. Idempotent: applying it again (after a re-import recreated
 * what it changed, or in a replay) gives the same graph. Nothing is written for a stale one.
 */
export async function applyCorrection(tx: ManagedTransaction, c: Fact): Promise<Outcome> {
  switch (c.kind) {
    case 'merge':
      return applyMerge(tx, c);
    case 'rename': {
      if (!(await nodeProps(tx, c.node))) return stale(c, `no node ${c.node}`);
      await refreshNames(tx, c.node, { name: c.name });
      return applied(c);
    }
    case 'alias': {
      const p = await nodeProps(tx, c.node);
      if (!p) return stale(c, `no node ${c.node}`);
      // Idempotent: a name the node has already (from the import, or this correction applied before) is not added twice.
      if (!namesOf(p).includes(c.name)) await setProps(tx, c.node, { curatedAliases: uniq([...strings(p.curatedAliases), c.name]) });
      await refreshNames(tx, c.node);
      return applied(c);
    }
    case 'reject': {
      const L = labelOf(c.node);
      const fresh = await nodeProps(tx, c.node);
      const hidden = await hiddenProps(tx, 'Rejected', c.node);
      if (!fresh) return hidden ? applied(c) : stale(c, `no node ${c.node}`);
      await tx.run(Q.REJECT_RELS[L], { id: c.node, cid: c.id });
      if (hidden) await tx.run(Q.FOLD_NODE[L], { id: c.node, hidden: 'Rejected' });
      else await tx.run(Q.HIDE_NODE[L], { id: c.node, hidden: 'Rejected', set: { rejectedBy: c.id, rejectedLabel: L } });
      return applied(c);
    }
    case 'reject-rel': {
      const params = { from: c.from, to: c.to, type: c.type, brief: c.brief ?? null, cid: c.id };
      if (await num(tx, Q.REJECT_REL[labelOf(c.from)], params, 'hidden')) return applied(c);
      return (await num(tx, Q.REJECTED_REL_EXISTS[labelOf(c.from)], params, 'c'))
        ? applied(c)
        : stale(c, `no ${c.type} from ${c.from} to ${c.to}${c.brief ? ` in brief ${c.brief}` : ''}`);
    }
    case 'link': {
      const linked = await num(
        tx,
        Q.LINK(labelOf(c.from), labelOf(c.to)),
        { from: c.from, to: c.to, type: c.type, cid: c.id, note: c.note, at: c.at, author: c.author ?? null },
        'linked',
      );
      return linked ? applied(c) : stale(c, `no node ${c.from} or ${c.to}`);
    }
    case 'distinct':
      // Nothing in the graph changes: the log remembers the pair, and the duplicates queue reads it.
      return (await nodeProps(tx, c.a)) && (await nodeProps(tx, c.b)) ? applied(c) : stale(c, `no node ${c.a} or ${c.b}`);
  }
}

async function applyMerge(tx: ManagedTransaction, c: CorrectionOf<'merge'>): Promise<Outcome> {
  const L = labelOf(c.keep);
  const keep = await nodeProps(tx, c.keep);
  if (!keep) return stale(c, `no node ${c.keep} to keep`);
  const fresh = await nodeProps(tx, c.drop);
  const hidden = await hiddenProps(tx, 'Merged', c.drop);
  if (hidden && hidden.mergedBy !== c.id) return stale(c, `${c.drop} was merged by ${String(hidden.mergedBy)}`);
  const drop = fresh ?? hidden;
  if (!drop) return stale(c, `no node ${c.drop} to merge`);
  const keepNames = namesOf(keep);
  const added = namesOf(drop).filter((n) => !keepNames.includes(n));
  if (fresh) {
    await tx.run(Q.MERGE_MOVE[L], { keep: c.keep, drop: c.drop, cid: c.id });
    const book = {
      mergedBy: c.id,
      mergedInto: c.keep,
      mergedLabel: L,
      addedAliases: uniq([...strings(hidden?.addedAliases), ...added]),
    };
    if (hidden) {
      await tx.run(Q.FOLD_NODE[L], { id: c.drop, hidden: 'Merged' });
      await tx.run(Q.SET_PLACEHOLDER.Merged, { id: c.drop, set: book });
    } else await tx.run(Q.HIDE_NODE[L], { id: c.drop, hidden: 'Merged', set: book });
  }
  if (added.length) await setProps(tx, c.keep, { curatedAliases: [...strings(keep.curatedAliases), ...added] });
  await refreshNames(tx, c.keep);
  return applied(c);
}

/**
 * Why `c` cannot be undone yet, or undefined. A node it names (other than the one it hid itself)
 * was merged away or rejected by a later correction: taking `c` back then would change the hidden
 * node, which the later correction's undo restores as it found it, so `c` would come back (A stayed
 * hidden after undoing A→B once B→C was made). The later one is undone first.
 */
export async function undoBlocker(tx: ManagedTransaction, c: Fact): Promise<string | undefined> {
  const own = c.kind === 'merge' ? c.drop : c.kind === 'reject' ? c.node : undefined;
  for (const id of targetsOf(c)) {
    if (id === own || (await nodeProps(tx, id))) continue;
    const merged = await hiddenProps(tx, 'Merged', id);
    const rejected = merged ? undefined : await hiddenProps(tx, 'Rejected', id);
    const by = String((merged ?? rejected)?.[merged ? 'mergedBy' : 'rejectedBy'] ?? '');
    if (!by || by === c.id) continue;
    const what = merged ? `${id} was merged into ${String(merged.mergedInto)} by ${by} since` : `${id} was rejected by ${by} since`;
    return `Cannot undo ${c.id} yet: ${what}. Undo ${by} first, then ${c.id}.`;
  }
  return undefined;
}

/**
 * Takes one correction back inside `tx`, then applies again the corrections that still hold on
 * the same nodes (`state` no longer counts `c`), so undoing one of several corrections of a node
 * leaves the others in place.
 */
export async function undoCorrection(tx: ManagedTransaction, c: Fact, state: CorrectionState): Promise<void> {
  switch (c.kind) {
    case 'merge': {
      const keep = await nodeProps(tx, c.keep);
      const hidden = await hiddenProps(tx, 'Merged', c.drop);
      if (!keep || hidden?.mergedBy !== c.id) break;
      const L = labelOf(c.keep);
      await tx.run(Q.MERGE_UNDO[L], { keep: c.keep, drop: c.drop, cid: c.id, label: L });
      const addedAliases = strings(hidden.addedAliases);
      const curated = strings(keep.curatedAliases).filter((a) => !addedAliases.includes(a));
      await setProps(tx, c.keep, { curatedAliases: curated.length ? curated : null });
      await refreshNames(tx, c.keep);
      break;
    }
    case 'rename':
      await refreshNames(tx, c.node, { name: null });
      break;
    case 'alias': {
      const p = await nodeProps(tx, c.node);
      if (!p) break;
      const curated = strings(p.curatedAliases).filter((a) => a !== c.name);
      await setProps(tx, c.node, { curatedAliases: curated.length ? curated : null });
      await refreshNames(tx, c.node);
      break;
    }
    case 'reject':
      await tx.run(Q.UNREJECT_NODE, { id: c.node, cid: c.id, label: labelOf(c.node) });
      break;
    case 'reject-rel':
      await tx.run(Q.UNREJECT_REL[labelOf(c.from)], { from: c.from, cid: c.id });
      break;
    case 'link':
      await tx.run(Q.UNLINK[labelOf(c.from)], { from: c.from, cid: c.id });
      break;
    case 'distinct':
      // Wrote nothing to the graph; once undone, the pair may be suggested again.
      break;
  }
  for (const other of state.forTargets(targetsOf(c))) if (other.id !== c.id) await applyCorrection(tx, other);
}

/** The importer's step after writing briefs: the corrections touching their nodes, in log order. */
export async function applyForNodes(tx: ManagedTransaction, state: CorrectionState, nodeIds: Iterable<string>): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const c of state.forTargets(nodeIds)) out.push(await applyCorrection(tx, c));
  return out;
}
