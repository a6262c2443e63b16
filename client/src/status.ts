import type { StatusKind } from './context.js';
import { ApiError } from './api.js';
import { DEFAULTS } from './defaults.js';
import { byId } from './dom.js';

/**
 * The one status line. Each message replaces the last and expires on its own, so an old error
 * never sits beside a later success.
 */
export function mountStatus() {
  const el = byId('status');
  let timer: number | undefined;
  let seq = 0;
  function status(message: string, kind: StatusKind = 'info') {
    window.clearTimeout(timer);
    el.textContent = message;
    el.className = message ? kind : '';
    if (message && kind !== 'busy') timer = window.setTimeout(() => status(''), kind === 'error' ? DEFAULTS.status.errorMs : DEFAULTS.status.infoMs);
  }
  async function busy<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    const mine = ++seq;
    status(`${what}…`, 'busy');
    try {
      const out = await work();
      if (mine === seq && el.className === 'busy') status('');
      return out;
    } catch (err) {
      status(err instanceof ApiError ? err.message : `${what} failed: ${(err as Error).message}`, 'error');
      return undefined;
    }
  }
  return { status, busy };
}
