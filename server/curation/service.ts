import type { ManagedTransaction } from 'neo4j-driver';
import { DatabaseUnavailableError, type Executor } from '../graph/executor.js';
import { applyCorrection, undoBlocker, undoCorrection, type Outcome } from './apply.js';
import { checkCorrection } from './check.js';
import * as Q from './cypher.js';
import { LockBusyError } from './lock.js';
import { newCorrection, type CorrectionLog } from './log.js';
import type { Correction, CorrectionRequest, Fact } from './schema.js';
import { CorrectionState } from './state.js';

/** A request that cannot become a correction, or one that did not reach the graph: `status` is the HTTP status it means. */
export class CorrectionError extends Error {
  override name = 'CorrectionError';
  constructor(
    readonly status: 400 | 404 | 409 | 500 | 503,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Every status a listed correction can have, and what it means (the API documents these). The
 * first three are the graph's answer (checkCorrection); the last two are the log's.
 */
export const CORRECTION_STATUS = {
  applied: 'the graph shows it',
  pending: 'in the log but not in the graph (applying it failed after it was recorded); `npm run curate -- apply` applies it',
  stale: 'what it corrects is no longer in the graph',
  undone: 'taken back by the undo `undoneBy`',
  undo: 'a reversal of another correction',
} as const;
export type CorrectionStatus = keyof typeof CORRECTION_STATUS;

export interface ListedCorrection {
  correction: Correction;
  status: CorrectionStatus;
  /** For a pending or stale correction: what is missing. */
  detail?: string;
  undoneBy?: string;
}

const META = { app: 'policy-graph', feature: 'curation' };
const causeOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Corrections end to end: the log is the source of truth, each correction is one transaction on
 * the live graph, and one correction is made at a time per corrections file (`log.exclusive`:
 * a queue in this process, a lock file across processes), so concurrent corrections reach the
 * graph in the order of the file and none is lost to another's read-modify-write.
 *
 * A correction's line is appended inside its transaction, after the graph accepted it and
 * before the commit; an undo's line after the commit. Either way a failure leaves at most an
 * active correction in the log that the graph lacks, never the reverse: it is listed as
 * `pending`, and `curate apply` (or the next import) applies it.
 */
export class Curator {
  constructor(
    readonly log: CorrectionLog,
    readonly executor: Executor,
  ) {}

  state(): CorrectionState {
    return new CorrectionState(this.log.read().corrections);
  }

  /** Runs `work` as the only writer of corrections. */
  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.log.exclusive(work);
    } catch (err) {
      if (err instanceof LockBusyError) throw new CorrectionError(503, err.message);
      throw err;
    }
  }

  /** What the graph shows of `c` now. */
  #check(c: Fact, state: CorrectionState): Promise<Outcome> {
    return this.executor.read((tx) => checkCorrection(tx, c, state), { metadata: META, timeoutMs: 30_000 });
  }

  /** Validates, applies and records one correction; a correction of nothing is refused (404), not stored. */
  async add(request: CorrectionRequest): Promise<{ correction: Correction; outcome: Outcome }> {
    if (request.kind === 'undo') return this.undo(request.target, request);
    return this.#exclusive(async () => {
      this.log.assertWritable();
      const correction = newCorrection(request) as Fact;
      let appended = false;
      try {
        const outcome = await this.executor.write(
          async (tx) => {
            const outcome = await applyCorrection(tx, correction);
            if (outcome.status !== 'applied') throw new CorrectionError(404, `Nothing to correct: ${outcome.detail}.`);
            // A retried transaction applies again (idempotent) but records once.
            if (!appended) await this.log.append(correction);
            appended = true;
            return outcome;
          },
          { metadata: { ...META, correction: correction.id } },
        );
        return { correction, outcome };
      } catch (err) {
        if (!appended) throw err;
        // Recorded, and the commit failed or its outcome is unknown: the graph says which.
        const seen = await this.#check(correction, this.state()).catch(() => undefined);
        if (seen?.status === 'applied') return { correction, outcome: seen };
        throw new CorrectionError(
          err instanceof DatabaseUnavailableError ? 503 : 500,
          `Correction ${correction.id} is recorded in ${this.log.file} but is not in the graph (${causeOf(err)}). ` +
            '`npm run curate -- apply` applies it; until then it is listed as pending.',
        );
      }
    });
  }

  /**
   * Appends a reversal of `id` and takes it back in the graph; the original line stays in the log.
   * Refused (409, nothing recorded) while a node it names was merged away or rejected since.
   */
  async undo(id: string, extra: { reason?: string; author?: string } = {}): Promise<{ correction: Correction; outcome: Outcome }> {
    return this.#exclusive(async () => {
      this.log.assertWritable();
      const before = this.state();
      const target = before.byId.get(id);
      if (!target) throw new CorrectionError(404, `No correction with id "${id}".`);
      if (target.kind === 'undo') throw new CorrectionError(400, `${id} is an undo; make the correction again instead.`);
      const undone = before.undoneBy.get(id);
      if (undone) throw new CorrectionError(409, `${id} was already undone by ${undone.id}.`);
      const correction = newCorrection({
        kind: 'undo',
        target: id,
        ...(extra.reason ? { reason: extra.reason } : {}),
        ...(extra.author ? { author: extra.author } : {}),
      });
      try {
        await this.executor.write(
          async (tx) => {
            const blocker = await undoBlocker(tx, target);
            if (blocker) throw new CorrectionError(409, blocker);
            await undoCorrection(tx, target, new CorrectionState([...before.corrections, correction]));
          },
          { metadata: { ...META, correction: correction.id } },
        );
      } catch (err) {
        if (err instanceof CorrectionError) throw err;
        // The commit's outcome may be unknown: record the undo only if the graph took it.
        const seen = await this.#check(target, before).catch(() => undefined);
        if (!seen || seen.status === 'applied') throw err;
      }
      // After the commit: had the process died in between, the log would still hold the
      // correction, listed as pending, and `curate apply` would restore it; the graph never
      // holds less than the log says.
      try {
        await this.log.append(correction);
      } catch (err) {
        throw new CorrectionError(
          500,
          `The graph took the undo of ${id}, but ${this.log.file} could not record it (${causeOf(err)}): ${id} is listed as pending; undo it again.`,
        );
      }
      return { correction, outcome: { id: correction.id, status: 'applied' } };
    });
  }

  /** Every correction in log order, with what the graph shows of it. */
  async list(): Promise<ListedCorrection[]> {
    const state = this.state();
    const checks = await this.executor.read(
      async (tx) => {
        const out = new Map<string, Outcome>();
        for (const c of state.active()) out.set(c.id, await checkCorrection(tx, c, state));
        return out;
      },
      { metadata: META, timeoutMs: 30_000 },
    );
    return state.corrections.map((correction) => {
      if (correction.kind === 'undo') return { correction, status: 'undo' };
      const undoneBy = state.undoneBy.get(correction.id);
      if (undoneBy) return { correction, status: 'undone', undoneBy: undoneBy.id };
      const check = checks.get(correction.id)!;
      return { correction, status: check.status, ...(check.detail ? { detail: check.detail } : {}) };
    });
  }

  /** Display names of the nodes corrections mention, merged and rejected ones included. */
  async names(ids: string[]): Promise<Record<string, string>> {
    if (!ids.length) return {};
    const rows = await this.executor.read(async (tx) => (await tx.run(Q.NAMES, { ids: [...new Set(ids)] })).records, { metadata: META, timeoutMs: 30_000 });
    return Object.fromEntries(rows.map((r) => [String(r.get('id')), String(r.get('name'))]));
  }

  /**
   * Applies every active correction again, in log order, one transaction each (`curate apply`:
   * after a restore, or to heal a pending one). It holds the log throughout, so a correction made
   * meanwhile waits instead of being overtaken by an older one.
   */
  applyAll(): Promise<Outcome[]> {
    return this.#exclusive(async () => {
      const out: Outcome[] = [];
      for (const c of this.state().active())
        out.push(await this.executor.write((tx: ManagedTransaction) => applyCorrection(tx, c), { metadata: { ...META, correction: c.id } }));
      return out;
    });
  }
}
