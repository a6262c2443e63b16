import { DatabaseUnavailableError, QueryRejectedError } from '../../graph/executor.js';
import { HttpError } from '../errors.js';

/**
 * The errors a console query can end in, as plain data: errors cross from the console worker to
 * the HTTP thread by structured clone, which keeps neither classes nor their fields.
 */
export type WireError =
  | { kind: 'http'; status: number; message: string; details?: unknown }
  | { kind: 'rejected'; message: string; code: string; reason: QueryRejectedError['kind'] }
  | { kind: 'unavailable'; message: string; restarting: boolean }
  | { kind: 'other'; message: string; stack?: string };

export function toWire(err: unknown): WireError {
  if (err instanceof HttpError)
    return { kind: 'http', status: err.status, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) };
  if (err instanceof QueryRejectedError) return { kind: 'rejected', message: err.message, code: err.code, reason: err.kind };
  if (err instanceof DatabaseUnavailableError) return { kind: 'unavailable', message: err.message, restarting: err.restarting };
  const e = err as Error | undefined;
  return { kind: 'other', message: e?.message ?? String(err), ...(e?.stack ? { stack: e.stack } : {}) };
}

export function fromWire(w: WireError): Error {
  switch (w.kind) {
    case 'http':
      return new HttpError(w.status, w.message, w.details);
    case 'rejected':
      return new QueryRejectedError(w.message, w.code, w.reason);
    case 'unavailable':
      return new DatabaseUnavailableError(w.message, w.restarting);
    case 'other':
      return Object.assign(new Error(`Console worker: ${w.message}`), w.stack ? { stack: w.stack } : {});
  }
}
