import { parentPort } from 'node:worker_threads';
import { loadRegistry } from '../extract/registry.js';
import { BriefTimeoutError } from '../parse/budget.js';
import { BriefError } from '../parse/schema.js';
import type { ExtractOptions, LoadedBrief } from './pipeline.js';

/** One brief to read: the file and its time budget. */
export interface ReaderJob {
  id: number;
  file: string;
  budgetMs: number;
}

/** An error as it crosses the thread: enough to throw the same BriefError again. */
export type WireError =
  | { kind: 'timeout'; file: string; line?: number; budgetMs: number }
  | { kind: 'brief'; file: string; line?: number; reason: string }
  | { kind: 'other'; message: string };

/** `loading`: a format's library loads (no brief's time); `reading`: the brief's time runs again. */
export type ReaderReply = 'ready' | { id: number; phase: 'loading' | 'reading' } | { id: number; loaded: LoadedBrief } | { id: number; error: WireError };

export type Load = (file: string, opts: ExtractOptions, loading: (busy: boolean) => void) => Promise<LoadedBrief>;

/**
 * The reading thread's side (see BriefReader): loads the registries first, so that no brief's
 * budget pays for them, says it is ready, then reads one brief per message.
 */
export function serveBriefs(load: Load): void {
  const port = parentPort!;
  loadRegistry();
  port.on('message', (job: ReaderJob) => {
    const loading = (busy: boolean) => port.postMessage({ id: job.id, phase: busy ? 'loading' : 'reading' } satisfies ReaderReply);
    load(job.file, { budgetMs: job.budgetMs }, loading).then(
      (loaded) => port.postMessage({ id: job.id, loaded } satisfies ReaderReply),
      (err: unknown) => port.postMessage({ id: job.id, error: toWire(err) } satisfies ReaderReply),
    );
  });
  port.postMessage('ready' satisfies ReaderReply);
}

function toWire(err: unknown): WireError {
  if (err instanceof BriefTimeoutError) return { kind: 'timeout', file: err.file, ...(err.line ? { line: err.line } : {}), budgetMs: err.budgetMs };
  if (err instanceof BriefError) return { kind: 'brief', file: err.file, ...(err.line ? { line: err.line } : {}), reason: err.reason };
  return { kind: 'other', message: (err as Error)?.message ?? String(err) };
}

export function fromWire(err: WireError): Error {
  if (err.kind === 'timeout') return new BriefTimeoutError(err.file, err.line, err.budgetMs);
  if (err.kind === 'brief') return new BriefError(err.file, err.line, err.reason);
  return new Error(err.message);
}
