import type { ChangeLog } from '../changes/store.js';

/**
 * Calls `then` after each import recorded in the history, by this process or another (the CLI):
 * the history is polled (one stat while nothing changed). Runs never overlap; imports recorded
 * during a run are followed by one more. `ready`: the history's first look is done (later imports
 * are followed).
 *
 * Why: an import drops the cached answers about the nodes it touched, and a hub agency is touched
 * by most briefs; rebuilt on the analyst's first request, its report kept them waiting seconds
 * at 10,000 briefs. The server asks for them itself as soon as the import is recorded.
 */
export function onImports(log: ChangeLog, then: () => Promise<unknown>, everyMs = 500): { ready: Promise<void>; stop(): void } {
  let seen: string | undefined;
  let started = false;
  let busy = false;
  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      const newest = (await log.all()).at(-1)?.id;
      // The first look only learns where the history stands.
      if (started && newest !== seen) await then().catch(() => undefined);
      seen = newest;
      started = true;
    } finally {
      busy = false;
    }
  };
  const ready = poll();
  const timer = setInterval(() => void poll(), everyMs);
  timer.unref();
  return { ready, stop: () => clearInterval(timer) };
}
