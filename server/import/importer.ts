import { DatabaseUnavailableError, type Executor } from '../graph/executor.js';
import { writeBriefs, type AfterWrite } from '../graph/writeBrief.js';
import type { BriefDiff } from '../graph/diff.js';
import { applyForNodes } from '../curation/apply.js';
import { linkLineage } from '../lineage/step.js';
import type { CorrectionState } from '../curation/state.js';
import type { ExtractedGraph } from '../extract/schema.js';
import { BriefError } from '../parse/schema.js';
import path from 'node:path';
import { committedSince, databaseNow } from './commitCheck.js';
import { BriefReader } from './briefReader.js';
import { renamed, type LoadedBrief } from './pipeline.js';
import { RunIdentities, sameBriefsInGraph } from './sameBriefs.js';

export interface BriefOutcome {
  file: string;
  brief?: string;
  /**
   * `skipped`: not attempted because the database went away earlier in the run.
   * `unknown`: Neo4j went away while the brief's transaction was in flight, and the commit may
   * have happened with its answer lost; resolveUnknown settles it once Neo4j answers again.
   */
  status: 'ok' | 'failed' | 'skipped' | 'unknown';
  ok: boolean;
  /** Neo4j went away while its transaction was in flight. */
  unavailable?: boolean;
  /** For `unknown`: the run's start on the database clock; a brief stamped since was committed by the run. */
  since?: string;
  error?: string;
  /** The file this brief was imported from before (another name or format): this import replaced it. */
  sameAs?: string;
  /** This file is a truncated copy of a brief already imported complete from `kept`; nothing was written. */
  kept?: string;
  /** The brief was cut off at this line of its text (see parse/brief.ts). */
  truncatedAtLine?: number;
  warnings: string[];
  nodes: number;
  relationships: number;
  /** What writing the brief added and removed (committed briefs only; see server/changes). */
  diff?: BriefDiff;
}

export interface ImportProgress {
  (done: number, total: number, current: string): void;
}

export interface ImportOptions {
  /** At most this many briefs per transaction (default 20). */
  briefsPerTransaction?: number;
  /** Time budget for reading (format, parsing, extraction) one brief (default 10 s, config BRIEF_TIME_BUDGET_MS); see BriefReader. */
  briefBudgetMs?: number;
  /** Analysts' corrections, applied in each brief's transaction so a re-import keeps them (see docs/curation.md). */
  corrections?: CorrectionState;
  /** The thread that reads briefs; by default one of the run's own, closed at its end. */
  reader?: BriefReader;
  /** Each transaction's briefs once it committed (and briefs kept as they were), as the run goes. */
  onCommitted?: (outcomes: BriefOutcome[]) => void;
}

/** After a transaction's briefs are written: the corrections that touch their nodes, found by node id. */
const correctionsStep =
  (state: CorrectionState): AfterWrite =>
  async (tx, graphs) => {
    await applyForNodes(
      tx,
      state,
      graphs.flatMap((g) => g.nodes.map((n) => n.id)),
    );
  };

// Briefs are written in transactions of up to 20 briefs or about 5,000 rows: each transaction has a
// fixed cost in Neo4j (statement set-up, commit, log flush) that dominates a single brief's writes.
// A 1,000-brief import takes a third of the time it takes one brief at a time.
const BRIEFS_PER_TRANSACTION = 20;
const ROWS_PER_TRANSACTION = 5000;

/** The briefs of the next transaction: at most maxBriefs, about ROWS_PER_TRANSACTION rows, each brief once. */
export class TransactionBatch<T extends { graph: ExtractedGraph }> {
  #items: T[] = [];
  #rows = 0;

  constructor(readonly maxBriefs = BRIEFS_PER_TRANSACTION) {}

  /** Whether `graph` has to wait for the next transaction (a second version of a brief replaces the first). */
  excludes(graph: ExtractedGraph): boolean {
    return this.#items.length > 0 && (this.#rows + rowsOf(graph) > ROWS_PER_TRANSACTION || this.#items.some((p) => p.graph.brief === graph.brief));
  }

  add(item: T): void {
    this.#items.push(item);
    this.#rows += rowsOf(item.graph);
  }

  get full(): boolean {
    return this.#items.length >= this.maxBriefs;
  }

  take(): T[] {
    const items = this.#items;
    this.#items = [];
    this.#rows = 0;
    return items;
  }
}
const rowsOf = (g: ExtractedGraph) => g.nodes.length + g.relationships.length;

interface Pending {
  index: number;
  file: string;
  graph: ExtractedGraph;
  loaded: LoadedBrief;
  sameAs?: string;
  /** A truncated copy of a complete brief known as this source: not written. */
  kept?: string;
}

const knownOf = (p: { loaded: LoadedBrief; file: string }) => ({
  id: p.loaded.parsed.id,
  source: path.basename(p.file),
  titleKey: p.loaded.identity.titleKey,
  ...(p.loaded.parsed.date ? { date: p.loaded.parsed.date } : {}),
  contentKeys: p.loaded.identity.contentKeys,
  truncated: p.loaded.parsed.truncatedAtLine !== undefined,
});

/** Whether `p`, a copy of `known`, must leave it alone: a truncated copy never replaces a complete brief. */
const keepsKnown = (p: { loaded: LoadedBrief }, known: { truncated?: boolean }) => p.loaded.parsed.truncatedAtLine !== undefined && !known.truncated;

/**
 * Imports briefs so that each is all-or-nothing: a brief that fails to parse or to write leaves
 * nothing behind and does not stop the others. Briefs share transactions; if the database refuses
 * one, its transaction's briefs are written again one by one, so only the bad brief fails. If the
 * database itself goes away, the run stops: the briefs committed before are whole, those of the
 * transaction in flight are reported as failed, the rest as skipped, and re-running completes them.
 * While a transaction is in flight, the next briefs are extracted, on a thread of their own
 * (BriefReader) that bounds each brief's time and memory.
 */
export async function importFiles(executor: Executor, files: string[], onProgress?: ImportProgress, opts: ImportOptions = {}): Promise<BriefOutcome[]> {
  const reader = opts.reader ?? new BriefReader();
  try {
    return await importWith(reader, executor, files, onProgress, opts);
  } finally {
    if (!opts.reader) await reader.close();
  }
}

async function importWith(
  reader: BriefReader,
  executor: Executor,
  files: string[],
  onProgress: ImportProgress | undefined,
  opts: ImportOptions,
): Promise<BriefOutcome[]> {
  const batch = new TransactionBatch<Pending>(Math.max(1, opts.briefsPerTransaction ?? BRIEFS_PER_TRANSACTION));
  const outcomes: BriefOutcome[] = [];
  let down: string | undefined;
  let done = 0;

  const failed = (file: string, error: string): BriefOutcome => ({ file, status: 'failed', ok: false, error, warnings: [], nodes: 0, relationships: 0 });
  const written = (p: Pending): BriefOutcome => ({
    file: p.file,
    brief: p.graph.brief,
    status: 'ok',
    ok: true,
    warnings: p.graph.warnings.map((w) => (w.line ? `line ${w.line}: ${w.message}` : w.message)),
    nodes: p.graph.nodes.length,
    relationships: p.graph.relationships.length,
    ...(p.sameAs ? { sameAs: p.sameAs } : {}),
    ...(p.loaded.parsed.truncatedAtLine ? { truncatedAtLine: p.loaded.parsed.truncatedAtLine } : {}),
  });
  const kept = (p: Pending, source: string): BriefOutcome => ({ ...written(p), kept: source, nodes: 0, relationships: 0 });
  const run = new RunIdentities();
  /** A brief already in the graph under another id becomes that brief again: same id, replaced. */
  const recognise = async (group: Pending[]) => {
    const open = group.filter((p) => !p.sameAs);
    if (!open.length) return;
    const same = await sameBriefsInGraph(
      executor,
      open.map((p) => ({ id: p.graph.brief, ...(p.loaded.parsed.date ? { date: p.loaded.parsed.date } : {}), identity: p.loaded.identity })),
    );
    for (const p of open) {
      const known = same.get(p.graph.brief);
      if (!known) continue;
      if (keepsKnown(p, known)) {
        p.kept = known.source;
        continue;
      }
      // Its own earlier version: replaced as always, nothing to rename.
      if (known.id === p.graph.brief) continue;
      const before = p.loaded.parsed.id;
      p.loaded = renamed(p.loaded, known.id);
      p.graph = p.loaded.graph;
      p.sameAs = known.source;
      run.add(knownOf(p), before);
    }
  };
  // Without the start time a lost commit cannot be told from a failed one; the run goes on
  // regardless (if Neo4j is away, the first write says so).
  const since = await databaseNow(executor).catch((err: unknown) => {
    if (err instanceof DatabaseUnavailableError) return undefined;
    throw err;
  });

  // `recognised`: the lookup of the group's earlier versions, started before the transaction in
  // flight ends (see flush).
  const write = async (group: Pending[], recognised?: Promise<void>): Promise<void> => {
    if (down) {
      for (const p of group) outcomes[p.index] = { ...failed(p.file, `${p.file}: not imported, ${down}`), status: 'skipped' };
      return;
    }
    try {
      await (recognised ?? recognise(group));
      const keptNow = group.filter((x) => x.kept);
      for (const p of keptNow) outcomes[p.index] = kept(p, p.kept!);
      if (keptNow.length) opts.onCommitted?.(keptNow.map((p) => outcomes[p.index]!));
      group = group.filter((p) => !p.kept);
      if (!group.length) return;
      // Two files of the group turned out to be one brief: each is written in turn, the last wins.
      if (group.length > 1 && new Set(group.map((p) => p.graph.brief)).size < group.length) {
        for (const p of group) await write([p]);
        return;
      }
      const corrected = opts.corrections && correctionsStep(opts.corrections);
      // Lineage first: a correction that merges or rejects a policy then takes its links along.
      const counts = await writeBriefs(
        executor,
        group.map((p) => p.graph),
        async (tx, graphs) => {
          await linkLineage(tx, graphs);
          await corrected?.(tx, graphs);
        },
      );
      group.forEach((p, k) => {
        outcomes[p.index] = { ...written(p), ...counts[k]! };
      });
      opts.onCommitted?.(group.map((p) => outcomes[p.index]!));
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) {
        down = 'Neo4j became unavailable during the import';
        // The connection may have died after the commit reached the database: not "failed" yet.
        for (const p of group) {
          outcomes[p.index] = {
            ...written(p),
            status: 'unknown',
            ok: false,
            unavailable: true,
            error: `${p.file}: ${err.message}. Neo4j went away while this brief's transaction was in flight; whether it was committed is unknown. Re-run the import to be sure.`,
            ...(since ? { since } : {}),
          };
        }
      } else if (group.length > 1) {
        for (const p of group) await write([p]);
      } else outcomes[group[0]!.index] = failed(group[0]!.file, `${group[0]!.file}: ${(err as Error).message}`);
    }
  };
  // One transaction in flight at a time, in order; the next briefs are extracted meanwhile.
  let inflight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const group = batch.take();
    if (!group.length) return;
    // The group's earlier versions are looked up while the transaction in flight writes: that
    // transaction cannot hold one of them, because a second copy within a run is recognised as it
    // is read (RunIdentities). At 20 briefs per transaction the lookup was a tenth of the import.
    const recognised = down ? undefined : recognise(group);
    recognised?.catch(() => undefined);
    await inflight;
    inflight = write(group, recognised).then(() => {
      done += group.length;
      onProgress?.(done, files.length, '');
    });
    // Observed at the next await; until then, not an unhandled rejection.
    inflight.catch(() => undefined);
  };

  for (const [index, file] of files.entries()) {
    if (down) {
      outcomes[index] = { ...failed(file, `${file}: not imported, ${down}`), status: 'skipped' };
      continue;
    }
    onProgress?.(done, files.length, file);
    let loaded: LoadedBrief;
    let sameAs: string | undefined;
    let keptBy: string | undefined;
    try {
      // Let the driver move the transaction in flight along between two extractions.
      await new Promise((resolve) => setImmediate(resolve));
      loaded = await reader.load(file, opts.briefBudgetMs);
      // A second copy of a brief in this run replaces the first under the first one's id.
      const earlier = run.find(loaded.parsed.id, loaded.identity, loaded.parsed.date);
      if (earlier && keepsKnown({ loaded }, earlier)) keptBy = earlier.source;
      else if (earlier) {
        loaded = renamed(loaded, earlier.id);
        sameAs = earlier.source;
      }
    } catch (err) {
      outcomes[index] = failed(file, err instanceof BriefError ? err.message : `${file}: ${(err as Error).message}`);
      done++;
      continue;
    }
    const pending: Pending = { index, file, graph: loaded.graph, loaded, ...(sameAs ? { sameAs } : {}) };
    if (keptBy) {
      outcomes[index] = kept(pending, keptBy);
      done++;
      continue;
    }
    run.add(knownOf(pending));
    if (batch.excludes(pending.graph)) await flush();
    batch.add(pending);
    if (batch.full) await flush();
  }
  await flush();
  await inflight;
  onProgress?.(files.length, files.length, '');
  // Neo4j may be back already (a restart, a failover): ask once which of those briefs it has.
  return outcomes.some((o) => o.status === 'unknown') ? resolveUnknown(executor, outcomes) : outcomes;
}

export interface SettleOptions {
  /** How long to wait for Neo4j to answer again; a supervised restart of the bundled Neo4j takes 20–40 s. */
  waitMs?: number;
  pollMs?: number;
  /** Told once before the first wait. */
  onWait?: (waitMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * resolveUnknown, retried while Neo4j is away (for at most `waitMs`): after a crash, the summary
 * then says which of the briefs in flight were committed instead of "unknown" (issue 32). Those
 * still unknown when the wait ends stay so.
 */
export async function settleUnknown(executor: Executor, outcomes: BriefOutcome[], opts: SettleOptions = {}): Promise<BriefOutcome[]> {
  const { waitMs = 90_000, pollMs = 1000, sleep = (ms) => new Promise<void>((r) => setTimeout(r, ms)), now = () => performance.now() } = opts;
  const open = (list: BriefOutcome[]) => list.some((o) => o.status === 'unknown');
  let settled = await resolveUnknown(executor, outcomes);
  if (!open(settled)) return settled;
  opts.onWait?.(waitMs);
  for (const start = now(); open(settled) && now() - start < waitMs;) {
    await sleep(pollMs);
    settled = await resolveUnknown(executor, settled);
  }
  return settled;
}

/**
 * Settles `unknown` outcomes once Neo4j answers again: the briefs the run committed become `ok`,
 * the others `failed`. While Neo4j is still away they stay `unknown`.
 */
export async function resolveUnknown(executor: Executor, outcomes: BriefOutcome[]): Promise<BriefOutcome[]> {
  const open = outcomes.filter((o) => o.status === 'unknown' && o.brief && o.since);
  const bySince = new Map<string, BriefOutcome[]>();
  for (const o of open) bySince.set(o.since!, [...(bySince.get(o.since!) ?? []), o]);
  const committed = new Set<BriefOutcome>();
  try {
    for (const [since, group] of bySince) {
      const found = await committedSince(
        executor,
        group.map((o) => o.brief!),
        since,
      );
      for (const o of group) if (found.has(o.brief!)) committed.add(o);
    }
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) return outcomes;
    throw err;
  }
  return outcomes.map((o) => {
    if (!open.includes(o)) return o;
    if (committed.has(o)) {
      const { error: _error, unavailable: _unavailable, since: _since, ...rest } = o;
      return { ...rest, status: 'ok', ok: true };
    }
    return {
      ...o,
      status: 'failed',
      error: `${o.file}: not imported: Neo4j went away before its transaction committed. Re-run the import.`,
      warnings: [],
      nodes: 0,
      relationships: 0,
    };
  });
}
