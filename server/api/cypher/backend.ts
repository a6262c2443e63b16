import { Worker } from 'node:worker_threads';
import type { Executor } from '../../graph/executor.js';
import { executeConsoleQuery, type ConsoleRequest } from './execute.js';
import { fromWire } from './wire.js';
import type { ConsoleWorkerData, WorkerReply } from './worker.js';

/** Executes console queries and answers each with its serialised response body. */
export interface ConsoleBackend {
  /** Settles when the backend can take a query: its time budget starts only then. */
  ready(): Promise<void>;
  execute(req: ConsoleRequest): Promise<string>;
  close(): Promise<void>;
}

/** In the app's own thread: for tests and tools that embed the app; `npm start` uses the worker. */
export function inProcessConsole(executor: Executor): ConsoleBackend {
  return { ready: async () => {}, execute: (req) => executeConsoleQuery(executor, req), close: async () => {} };
}

// Run from TypeScript source (npm start, tests), the worker registers tsx for itself: loader
// hooks of the main thread do not reach workers on every Node line. Compiled, it runs as is.
const BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((err) => { console.error(err); process.exit(1); });
`;

/**
 * Console queries on a worker thread with a driver of its own. The driver decodes records in
 * JavaScript, and one path of a `MATCH p = ()-[*]-()` can take a second to decode and
 * serialise; on the app's event loop that second would hold up health, search and details.
 * The worker is started on first use and again after it dies; a query in flight when it dies
 * fails with an error that says so.
 */
export class ConsoleWorker implements ConsoleBackend {
  #worker: { thread: Worker; ready: Promise<void> } | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve: (body: string) => void; reject: (err: Error) => void }>();

  /** Starts the thread at once, so the first query does not wait for it to load. */
  constructor(private readonly settings: ConsoleWorkerData) {
    this.#start();
  }

  ready(): Promise<void> {
    return (this.#worker ?? this.#start()).ready;
  }

  execute(req: ConsoleRequest): Promise<string> {
    const worker = (this.#worker ?? this.#start()).thread;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, req });
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker?.thread;
    if (!worker) return;
    this.#worker = undefined;
    const exited = new Promise((r) => worker.once('exit', r));
    worker.postMessage('close');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    await worker.terminate();
  }

  #start(): { thread: Worker; ready: Promise<void> } {
    const entry = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
    const tsx = entry.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : undefined;
    const worker = new Worker(BOOT, { eval: true, workerData: { ...this.settings, entry, tsx } });
    // A console idle in the background never keeps the process alive.
    worker.unref();
    let markReady: () => void = () => {};
    let failReady: (err: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)));
    // Nobody may be waiting yet; the rejection still reaches whoever asks later.
    ready.catch(() => {});
    worker.on('message', (reply: WorkerReply | 'ready') => {
      if (reply === 'ready') return markReady();
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if ('body' in reply) pending.resolve(reply.body);
      else pending.reject(fromWire(reply.error));
    });
    const fail = (why: string) => {
      if (this.#worker?.thread === worker) this.#worker = undefined;
      failReady(new Error(`The console worker could not start (${why}).`));
      for (const p of this.#pending.values()) p.reject(new Error(`The console worker stopped (${why}); run the query again.`));
      this.#pending.clear();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.#worker = { thread: worker, ready };
    return this.#worker;
  }
}
