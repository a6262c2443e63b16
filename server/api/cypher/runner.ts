import { randomUUID } from 'node:crypto';
import { QueryRejectedError, type Executor } from '../../graph/executor.js';
import { HttpError } from '../errors.js';
import type { ConsoleBackend } from './backend.js';
import { answersQueries, NoAnswerError, PROBE_TIMEOUT_MS } from '../../db/responsive.js';

/** The budgets of one console query; each is a setting (see server/config.ts). */
export interface RunLimits {
  timeoutMs: number;
  maxRows: number;
  maxBytes: number;
  maxConcurrent: number;
  /** How long a query waits for a free slot before it answers 429. */
  queueMs: number;
}

export const defaultRunLimits: Readonly<RunLimits> = Object.freeze({
  timeoutMs: 10_000,
  maxRows: 1000,
  maxBytes: 10 * 1024 * 1024,
  maxConcurrent: 4,
  queueMs: 2000,
});

/** At most this many queries per slot wait for one; beyond it a query answers 429 at once. */
const WAITERS_PER_SLOT = 4;

/**
 * After the server-side timeout, how long the app still waits before it terminates the
 * transaction itself: Neo4j checks its timeout between rows, not inside one expression.
 */
const GRACE_MS = 2000;

/**
 * After the time limit, how long the app waits for Neo4j to let go of the query before it answers
 * 408 anyway; the supervisor restarts a bundled Neo4j that stays unresponsive
 * (NEO4J_LOCAL_UNRESPONSIVE_MS).
 */
const LET_GO_MS = 30_000;
/** How often termination is retried while the transaction is still listed. */
const RETRY_MS = 500;

/**
 * Runs analyst Cypher read-only, within budgets (the query itself: executeConsoleQuery).
 * Budgets: rows and bytes stop the stream; time is enforced by Neo4j and, for what it cannot
 * interrupt, by the app terminating the transaction and answering 408 once the server is done. When every slot is taken a
 * query waits for one, briefly and in a bounded line (a saved query clicked by many analysts at
 * once is answered, not refused); beyond that it answers 429.
 * The backend has its own driver pool, so search, details and health never queue behind the
 * console, and under `npm start` its own thread (ConsoleWorker); `admin` (the app's executor)
 * terminates overrunning console transactions and knows whether the database is up.
 */
export class ConsoleRunner {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    private readonly backend: ConsoleBackend,
    private readonly admin: Executor,
    readonly limits: RunLimits,
  ) {}

  /** Answers with the response body, serialised (see executeConsoleQuery). */
  async run(query: string, params: Record<string, unknown>, feature = 'cypher'): Promise<string> {
    this.admin.assertAvailable();
    await this.#acquire();
    try {
      await this.backend.ready();
    } catch (err) {
      this.#release();
      throw err;
    }
    const runId = randomUUID();
    const { timeoutMs, maxRows, maxBytes } = this.limits;
    const work = this.backend.execute({ query, params, feature, runId, timeoutMs, maxRows, maxBytes }).catch((err: unknown) => {
      this.admin.noteFailure(err);
      throw err;
    });
    // The slot is held until the database has really let go of the query, even after a 408.
    void work.then(
      () => this.#release(),
      () => this.#release(),
    );
    let timer: NodeJS.Timeout | undefined;
    let overran = false;
    const overrun = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        overran = true;
        reject(new QueryRejectedError('The query ran longer than the time limit.', 'PolicyGraph.Console.TimeLimit', 'timeout'));
      }, this.limits.timeoutMs + GRACE_MS);
    });
    try {
      return await Promise.race([work, overrun]);
    } catch (err) {
      // The 408 goes out once the database has let go: an answer while it still computes would
      // leave every other user waiting on it (issue 32).
      if (overran) await this.#stop(runId, work);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async #acquire(): Promise<void> {
    if (this.#running < this.limits.maxConcurrent) {
      this.#running++;
      return;
    }
    const busy = () => new HttpError(429, `${this.limits.maxConcurrent} console queries are already running; try again in a moment.`, { retryAfterSeconds: 2 });
    if (this.#waiting.length >= this.limits.maxConcurrent * WAITERS_PER_SLOT) throw busy();
    await new Promise<void>((resolve, reject) => {
      const take = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(take), 1);
        reject(busy());
      }, this.limits.queueMs);
      this.#waiting.push(take);
    });
  }

  /** Hands the slot to the longest waiting query, or frees it. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }

  /**
   * Terminates the console transaction tagged `runId`, again while SHOW TRANSACTIONS still lists
   * it, until the server has answered the query (`work` settles: its thread is done, which the
   * listing alone does not prove, since a terminated transaction can leave the list while its
   * expression still computes), then waits until Neo4j answers a one-node read again: a query that
   * filled the heap leaves garbage that took searches 5 s to get through at load 12. All within
   * LET_GO_MS; never throws.
   */
  async #stop(runId: string, work: Promise<unknown>): Promise<void> {
    const started = Date.now();
    const left = () => LET_GO_MS - (Date.now() - started);
    let done = false;
    void work.then(
      () => (done = true),
      () => (done = true),
    );
    let listed = true;
    while (!done && left() > 0) {
      if (listed) listed = (await this.#terminate(runId, left())) !== 0;
      if (!done) await Promise.race([work.catch(() => {}), new Promise((r) => setTimeout(r, RETRY_MS).unref())]);
    }
    while (done && left() > 0) {
      try {
        return await answersQueries(this.admin.driver, this.admin.database, Math.min(PROBE_TIMEOUT_MS, Math.max(left(), 1)));
      } catch (err) {
        // Slow: try again while there is time. Down or failing: waiting would not help, and
        // availability answers 503s meanwhile.
        if (!(err instanceof NoAnswerError)) return;
      }
    }
    console.error(
      `Console query ${runId} ${done ? 'has ended, but Neo4j answered no read' : 'still runs on the server'} ${LET_GO_MS / 1000} s after its time limit; health says so while it does.`,
    );
  }

  /** Terminates the run's transaction; resolves with how many were listed, undefined when the call failed. */
  async #terminate(runId: string, withinMs: number): Promise<number | undefined> {
    // On a cluster the run may be on any member: each terminates what it lists.
    const call = this.admin.readOnEveryMember(
      (tx) =>
        tx.run(
          `SHOW TRANSACTIONS YIELD transactionId, metaData
           WHERE metaData.run = $runId
           TERMINATE TRANSACTIONS transactionId YIELD message
           RETURN count(*) AS n`,
          { runId },
        ),
      { timeoutMs: 5000, metadata: { app: 'policy-graph', feature: 'console-terminate' } },
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      const r = await Promise.race([call, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(withinMs, 0))))]);
      return r?.reduce((n, one) => n + Number(one.records[0]?.get('n')), 0);
    } catch (err) {
      console.error(`Could not terminate console query ${runId}: ${(err as Error).message}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
