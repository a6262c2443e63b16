import type { ManagedTransaction } from 'neo4j-driver';
import type { Executor } from '../graph/executor.js';
import { applyCorrection, undoCorrection, type Outcome } from './apply.js';
import { checkCorrection } from './check.js';
import * as Q from './cypher.js';
import { newCorrection, type CorrectionLog } from './log.js';
import type { Correction, CorrectionRequest, Fact } from './schema.js';
import { CorrectionState } from './state.js';

/** A request that cannot become a correction: `status` is the HTTP status it means. */
export class CorrectionError extends Error {
  override name = 'CorrectionError';
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface ListedCorrection {
  correction: Correction;
  /** `undone` by a later undo; `stale` when what it corrects is no longer in the graph. */
  status: 'applied' | 'stale' | 'undone' | 'undo';
  detail?: string;
  undoneBy?: string;
}

const META = { app: 'policy-graph', feature: 'curation' };

/**
 * Corrections end to end: the log is the source of truth, each correction is one transaction on
 * the live graph. The log line is appended inside that transaction, after the graph accepted the
 * correction and before the commit: a correction in the log but not (yet) in the graph is applied
 * by the next import or `curate apply`, while one in the graph but not in the log would be lost.
 */
export class Curator {
  constructor(
    readonly log: CorrectionLog,
    readonly executor: Executor,
  ) {}

  state(): CorrectionState {
    return new CorrectionState(this.log.read().corrections);
  }

  /** Validates, applies and records one correction; a correction of nothing is refused (404), not stored. */
  async add(request: CorrectionRequest): Promise<{ correction: Correction; outcome: Outcome }> {
    if (request.kind === 'undo') return this.undo(request.target, request);
    const correction = newCorrection(request) as Fact;
    let appended = false;
    const outcome = await this.executor.write(
      async (tx) => {
        const outcome = await applyCorrection(tx, correction);
        if (outcome.status === 'stale') throw new CorrectionError(404, `Nothing to correct: ${outcome.detail}.`);
        if (!appended) await this.log.append(correction);
        appended = true;
        return outcome;
      },
      { metadata: { ...META, correction: correction.id } },
    );
    return { correction, outcome };
  }

  /** Appends a reversal of `id` and takes it back in the graph; the original line stays in the log. */
  async undo(id: string, extra: { reason?: string; author?: string } = {}): Promise<{ correction: Correction; outcome: Outcome }> {
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
    const after = new CorrectionState([...before.corrections, correction]);
    let appended = false;
    await this.executor.write(
      async (tx) => {
        await undoCorrection(tx, target, after);
        if (!appended) await this.log.append(correction);
        appended = true;
      },
      { metadata: { ...META, correction: correction.id } },
    );
    return { correction, outcome: { id: correction.id, status: 'applied' } };
  }

  /** Every correction in log order, with whether it still holds in the graph. */
  async list(): Promise<ListedCorrection[]> {
    const state = this.state();
    const checks = await this.executor.read(
      async (tx) => {
        const out = new Map<string, Outcome>();
        for (const c of state.active()) out.set(c.id, await checkCorrection(tx, c));
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

  /** Applies every active correction again, one transaction each (`curate apply`: after a restore, or to heal). */
  async applyAll(): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (const c of this.state().active())
      out.push(await this.executor.write((tx: ManagedTransaction) => applyCorrection(tx, c), { metadata: { ...META, correction: c.id } }));
    return out;
  }
}
