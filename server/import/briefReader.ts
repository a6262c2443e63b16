import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BriefTimeoutError, DEFAULT_BRIEF_BUDGET_MS } from '../parse/budget.js';
import { BriefError } from '../parse/schema.js';
import type { LoadedBrief } from './pipeline.js';
import { fromWire, type ReaderJob, type ReaderReply } from './readerProtocol.js';

/** How a reading thread is bounded; defaults in READER_DEFAULTS. */
export interface ReaderOptions {
  /** Memory a brief may take: the thread's heap limit, and the growth of the process's resident memory while it reads. */
  memoryMb?: number;
  /** Time past the brief's budget before the thread is stopped from outside (its own checks come first). */
  graceMs?: number;
  /** The thread's entry module; tests put a faulty one in. */
  entry?: URL;
}

export const READER_DEFAULTS = Object.freeze({
  /** A brief's PDF or web page takes tens of MB to read; 512 keeps a bomb's process under 1 GB. */
  memoryMb: 512,
  graceMs: 1000,
});
// Sampling the resident memory this often lets a bomb that fills 2 GB/s overshoot by about 40 MB.
const MEMORY_SAMPLE_MS = 20;

// Run from TypeScript source (npm run import, tests), the thread registers tsx for itself:
// loader hooks of the main thread do not reach workers on every Node line (as the console's).
const BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((err) => { console.error(err); process.exit(1); });
`;

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  /** The brief being read: told of every reply, and of the thread's end. */
  job?: { id: number; reply: (r: Exclude<ReaderReply, 'ready'>) => void; died: (why: string, outOfMemory: boolean) => void };
}

/**
 * Reads briefs (loadBrief) on a thread of its own, one at a time, so that one bad file fails alone
 * and the next is read. A synchronous hang (a regex that backtracks) and a memory bomb cannot be
 * stopped from inside: the thread is terminated when a brief passes its time budget (plus a
 * grace for its own, more precise checks) or its memory limit, and a new one starts for the next
 * brief. One thread serves a whole run: it costs its start (registries loaded once) and a copy of
 * each brief's result across threads.
 */
export class BriefReader {
  #thread: Thread | undefined;
  #nextId = 0;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #memoryMb: number;
  readonly #graceMs: number;
  readonly #entry: URL;
  /**
   * Threads started so far (1 unless a brief had to be stopped), the highest resident memory seen
   * while reading, and the time the last brief counted against its budget (no thread start, no
   * library load).
   */
  readonly stats = { threads: 0, peakRssBytes: 0, lastReadMs: 0 };

  constructor(opts: ReaderOptions = {}) {
    this.#memoryMb = opts.memoryMb ?? READER_DEFAULTS.memoryMb;
    this.#graceMs = opts.graceMs ?? READER_DEFAULTS.graceMs;
    this.#entry = opts.entry ?? new URL(`./readerWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  }

  /**
   * Starts the reading thread now, so its start (modules, registries: most of a one-brief import's
   * extraction) overlaps other work such as connecting to Neo4j; the first load starts it otherwise.
   */
  start(): this {
    if (!this.#thread) this.#start();
    return this;
  }

  /** loadBrief on the reading thread; briefs are read one after another in the order asked. */
  load(file: string, budgetMs: number = DEFAULT_BRIEF_BUDGET_MS): Promise<LoadedBrief> {
    const turn = this.#queue.then(() => this.#read(file, budgetMs));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async close(): Promise<void> {
    const thread = this.#thread;
    this.#thread = undefined;
    if (thread) await thread.worker.terminate();
  }

  async #read(file: string, budgetMs: number): Promise<LoadedBrief> {
    const thread = this.#thread ?? this.#start();
    // The thread's start (tsx, registries) is no brief's time.
    await thread.ready;
    const name = path.basename(file);
    const id = this.#nextId++;
    return new Promise<LoadedBrief>((resolve, reject) => {
      // Time the brief has counted so far (the budget's), and since when it counts again.
      let spent = 0;
      let since: number | undefined;
      let timer: NodeJS.Timeout | undefined;
      const run = () => {
        since = performance.now();
        timer = setTimeout(() => stop(new BriefTimeoutError(name, undefined, budgetMs)), budgetMs + this.#graceMs - spent);
      };
      const pause = () => {
        clearTimeout(timer);
        if (since !== undefined) spent += performance.now() - since;
        since = undefined;
      };
      const base = process.memoryUsage.rss();
      const limit = this.#memoryMb * 1024 * 1024;
      const sampler = setInterval(() => {
        const rss = process.memoryUsage.rss();
        this.stats.peakRssBytes = Math.max(this.stats.peakRssBytes, rss);
        if (rss - base > limit) stop(this.#overMemory(name));
      }, MEMORY_SAMPLE_MS);
      const settle = () => {
        pause();
        this.stats.lastReadMs = spent;
        clearInterval(sampler);
        thread.job = undefined;
      };
      // Stopped from outside: the thread may be anywhere, so it goes, and the next brief gets a new one.
      const stop = (err: Error) => {
        settle();
        this.#discard(thread);
        reject(err);
      };
      thread.job = {
        id,
        reply: (r) => {
          if ('phase' in r) return r.phase === 'loading' ? pause() : run();
          settle();
          if ('loaded' in r) resolve(r.loaded);
          else reject(fromWire(r.error));
        },
        died: (why, outOfMemory) => {
          settle();
          reject(outOfMemory ? this.#overMemory(name) : new BriefError(name, undefined, `reading it stopped the reader (${why}). Is this the right file?`));
        },
      };
      thread.worker.postMessage({ id, file, budgetMs } satisfies ReaderJob);
      run();
    });
  }

  #overMemory(name: string): BriefError {
    return new BriefError(
      name,
      undefined,
      `reading it took more than ${this.#memoryMb} MB of memory and was stopped (a brief takes tens). Is this the right file?`,
    );
  }

  #discard(thread: Thread): void {
    if (this.#thread === thread) this.#thread = undefined;
    void thread.worker.terminate();
  }

  #start(): Thread {
    const entry = this.#entry.href;
    const tsx = entry.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : undefined;
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { entry, tsx },
      resourceLimits: { maxOldGenerationSizeMb: this.#memoryMb },
    });
    // An idle reader never keeps the process alive; a brief being read does (its timers).
    worker.unref();
    this.stats.threads++;
    let markReady: () => void = () => {};
    let failReady: (err: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)));
    ready.catch(() => {});
    const thread: Thread = { worker, ready };
    worker.on('message', (reply: ReaderReply) => {
      if (reply === 'ready') return markReady();
      if (thread.job?.id === reply.id) thread.job.reply(reply);
    });
    let error: (Error & { code?: string }) | undefined;
    worker.on('error', (err: Error & { code?: string }) => (error = err));
    worker.on('exit', (code) => {
      if (this.#thread === thread) this.#thread = undefined;
      const why = error?.message ?? `exit code ${code}`;
      failReady(new Error(`The brief reader could not start (${why}).`));
      thread.job?.died(why, error?.code === 'ERR_WORKER_OUT_OF_MEMORY');
    });
    this.#thread = thread;
    return thread;
  }
}
