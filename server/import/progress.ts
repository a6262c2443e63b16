import { printable } from './printable.js';

/** "1 h 04 min", "3 min 20 s", "12 s". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/** Briefs (or `unit`) per second so far and the time the rest takes at that rate; empty until one is done. */
export function pace(done: number, total: number, elapsedMs: number, unit = 'briefs'): string {
  if (!done || elapsedMs <= 0) return '';
  const perSecond = done / (elapsedMs / 1000);
  const rate = perSecond >= 1 ? `${perSecond.toFixed(1)} ${unit}/s` : `${(60 * perSecond).toFixed(1)} ${unit}/min`;
  return done >= total ? rate : `${rate}, ${duration(((total - done) / perSecond) * 1000)} left`;
}

/** A one-line progress bar on stderr; plain lines when stderr is not a terminal (CI logs). */
export function progressBar(label: string, now: () => number = Date.now, unit = 'briefs') {
  const tty = process.stderr.isTTY;
  const started = now();
  let lastPct = -1;
  let shown = false;
  return {
    update: (done: number, total: number, current: string) => {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      const speed = pace(done, total, now() - started, unit);
      if (tty) {
        const width = 30;
        const fill = Math.round((pct / 100) * width);
        shown = true;
        process.stderr.write(
          `\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total}${speed ? ` ${speed}` : ''} ${printable(current.split('/').pop()?.slice(0, 40) ?? '')}\x1b[K`,
        );
      } else if (pct >= lastPct + 10 || done === total) {
        lastPct = pct;
        process.stderr.write(`${label}: ${done}/${total} (${pct}%)${speed ? `, ${speed}` : ''}\n`);
      }
    },
    /** Clears the bar so whole lines can be printed; the next update draws it again. */
    clear: () => {
      if (tty && shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
    done: () => {
      if (tty) process.stderr.write('\n');
    },
  };
}
