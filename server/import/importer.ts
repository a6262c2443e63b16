import { DatabaseUnavailableError, type Executor } from '../graph/executor.js';
import { writeBriefs } from '../graph/writeBrief.js';
import type { ExtractedGraph } from '../extract/schema.js';
import { BriefError } from '../parse/schema.js';
import { extractFile } from './pipeline.js';

export interface BriefOutcome {
  file: string;
  brief?: string;
  /** `skipped`: not attempted because the database went away earlier in the run. */
  status: 'ok' | 'failed' | 'skipped';
  ok: boolean;
  /** Failed because Neo4j went away while its transaction was in flight. */
  unavailable?: boolean;
  error?: string;
  warnings: string[];
  nodes: number;
  relationships: number;
}

export interface ImportProgress {
  (done: number, total: number, current: string): void;
}

export interface ImportOptions {
  /** At most this many briefs per transaction (default 20). */
  briefsPerTransaction?: number;
}

// Briefs are written in transactions of up to 20 briefs or about 5,000 rows: each transaction has a
// fixed cost in Neo4j (statement set-up, commit, log flush) that dominates a single brief's writes.
// A 1,000-brief import takes a third of the time it takes one brief at a time.
export const BRIEFS_PER_TRANSACTION = 20;
export const ROWS_PER_TRANSACTION = 5000;

interface Pending {
  index: number;
  file: string;
  graph: ExtractedGraph;
}

/**
 * Imports briefs so that each is all-or-nothing: a brief that fails to parse or to write leaves
 * nothing behind and does not stop the others. Briefs share transactions; if the database refuses
 * one, its transaction's briefs are written again one by one, so only the bad brief fails. If the
 * database itself goes away, the run stops: the briefs committed before are whole, those of the
 * transaction in flight are reported as failed, the rest as skipped, and re-running completes them.
 * While a transaction is in flight, the next briefs are extracted.
 */
export async function importFiles(executor: Executor, files: string[], onProgress?: ImportProgress, opts: ImportOptions = {}): Promise<BriefOutcome[]> {
  const maxBriefs = Math.max(1, opts.briefsPerTransaction ?? BRIEFS_PER_TRANSACTION);
  const outcomes: BriefOutcome[] = [];
  let down: string | undefined;
  let done = 0;
  let pending: Pending[] = [];
  let rows = 0;

  const failed = (file: string, error: string): BriefOutcome => ({ file, status: 'failed', ok: false, error, warnings: [], nodes: 0, relationships: 0 });

  const write = async (group: Pending[]): Promise<void> => {
    if (down) {
      for (const p of group) outcomes[p.index] = { ...failed(p.file, `${p.file}: not imported, ${down}`), status: 'skipped' };
      return;
    }
    try {
      const written = await writeBriefs(executor, group.map((p) => p.graph));
      group.forEach(({ index, file, graph }, k) => {
        outcomes[index] = { file, brief: graph.brief, status: 'ok', ok: true, warnings: graph.warnings.map((w) => (w.line ? `line ${w.line}: ${w.message}` : w.message)), ...written[k]! };
      });
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) {
        down = 'Neo4j became unavailable during the import';
        for (const p of group) outcomes[p.index] = { ...failed(p.file, `${p.file}: ${err.message}`), unavailable: true };
      } else if (group.length > 1) {
        for (const p of group) await write([p]);
      } else outcomes[group[0]!.index] = failed(group[0]!.file, `${group[0]!.file}: ${(err as Error).message}`);
    }
  };
  // One transaction in flight at a time, in order; the next briefs are extracted meanwhile.
  let inflight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const group = pending;
    pending = [];
    rows = 0;
    if (!group.length) return;
    await inflight;
    inflight = write(group).then(() => {
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
    let graph: ExtractedGraph;
    try {
      // Let the driver move the transaction in flight along between two extractions.
      await new Promise((resolve) => setImmediate(resolve));
      graph = extractFile(file);
    } catch (err) {
      outcomes[index] = failed(file, err instanceof BriefError ? err.message : `${file}: ${(err as Error).message}`);
      done++;
      continue;
    }
    const size = graph.nodes.length + graph.relationships.length;
    // A second version of a brief replaces the first, so it goes in a later transaction.
    if (pending.some((p) => p.graph.brief === graph.brief) || (pending.length && rows + size > ROWS_PER_TRANSACTION)) await flush();
    pending.push({ index, file, graph });
    rows += size;
    if (pending.length >= maxBriefs) await flush();
  }
  await flush();
  await inflight;
  onProgress?.(files.length, files.length, '');
  return outcomes;
}
