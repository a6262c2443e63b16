import type { ChangeLog } from '../changes/store.js';
import type { ImportRecord } from '../changes/schema.js';
import { targetsOf } from '../curation/schema.js';
import type { CorrectionState } from '../curation/state.js';
import type { Executor } from '../graph/executor.js';
import { labelOfId, nodeId, type NodeLabel } from '../graph/model.js';

/** Node ids whose answers an import may have changed, or 'all' when the history cannot say. */
export type Touched = ReadonlySet<string> | 'all';

// A re-imported brief can change a node's properties (a title, a date) while every fact stays, and
// the record lists facts only; a cut record lists only some. Such imports touch everything.
const EXACT: ReadonlySet<string> = new Set(['added', 'kept', 'failed', 'skipped', 'unknown']);

/** The ids the imports' records name: nodes added and removed, both ends of every fact, the briefs. */
export function namedBy(records: readonly ImportRecord[]): Touched {
  const ids = new Set<string>();
  for (const r of records) {
    if (r.truncated || r.briefs.some((b) => !EXACT.has(b.status))) return 'all';
    for (const b of r.briefs) if (b.brief && b.status === 'added') ids.add(nodeId('Brief', b.brief));
    for (const facts of [r.added, r.removed]) {
      for (const list of Object.values(facts.nodes)) for (const id of list ?? []) ids.add(id);
      for (const [, source, target] of facts.rels) ids.add(source).add(target);
    }
  }
  return ids;
}

// Answers about an agency, company or sector count the policies and news items linked to it (a
// report's co-issuers and sectors, a trend's quarters). A fact added to a policy changes the figures
// of every entity linked to that policy, though neither end of the fact is the entity.
const DOCUMENTS: NodeLabel[] = ['Policy', 'NewsItem', 'Target'];
const LINKED = `${DOCUMENTS.map((label, i) => `CALL { UNWIND $d${i} AS id MATCH (:${label} {id: id})--(n) RETURN collect(DISTINCT n.id) AS l${i} }`).join('\n')}
RETURN ${DOCUMENTS.map((_, i) => `l${i}`).join(' + ')} AS linked`;

/**
 * What the imports recorded since a cache last looked touched, for the response caches: each
 * drops only the answers that name a touched node (see ResponseCache). The importer (CLI or
 * start-up) records every import in the history when it ends; the server reads the history again
 * when the file changed, so an import by another process is attributed on the next request.
 */
export class ImportedChanges {
  #last?: { key: string; touched: Promise<Touched> };

  constructor(
    private readonly executor: Executor,
    readonly log: ChangeLog,
    private readonly corrections: () => CorrectionState | undefined = () => undefined,
  ) {}

  /** What `records` (imports a cache has not seen yet) touched; the caches ask in turn, so the last answer is kept. */
  touchedBy(records: readonly ImportRecord[]): Promise<Touched> {
    const key = records.map((r) => r.id).join(',');
    if (this.#last?.key !== key) this.#last = { key, touched: this.#widen(namedBy(records)) };
    return this.#last.touched;
  }

  /**
   * What the imports recorded after `seen` touched: `seen` is the newest record an answer was
   * built after (undefined: the history was empty then). 'all' when that record was trimmed from
   * the history, or when the graph changed and no record since accounts for it (an import still
   * running, a restored dump, another writer).
   */
  since(seen: string | undefined, graphChanged: boolean, records: readonly ImportRecord[]): Promise<Touched> {
    const from = seen === undefined ? 0 : records.findIndex((r) => r.id === seen) + 1;
    if (from === 0 && seen !== undefined) return Promise.resolve('all');
    const fresh = records.slice(from);
    if (graphChanged && !fresh.length) return Promise.resolve('all');
    return this.touchedBy(fresh).catch(() => 'all' as const);
  }

  async #widen(named: Touched): Promise<Touched> {
    if (named === 'all') return named;
    const ids = new Set(named);
    const params = Object.fromEntries(DOCUMENTS.map((label, i) => [`d${i}`, [...named].filter((id) => labelOfId(id) === label)]));
    if (DOCUMENTS.some((_, i) => (params[`d${i}`] as string[]).length)) {
      const row = await this.executor.read(async (tx) => (await tx.run(LINKED, params)).records[0], { metadata: { feature: 'cache-invalidation' } });
      for (const id of (row?.get('linked') ?? []) as string[]) ids.add(id);
    }
    // A correction applied in the import's transaction moves facts to nodes the brief never named
    // (a merge's kept node): every node of a correction on a touched node is touched.
    for (const c of this.corrections()?.forTargets(named) ?? []) for (const id of targetsOf(c)) ids.add(id);
    return ids;
  }
}
