import { printable } from './printable.js';

/** A one-line progress bar on stderr; plain lines when stderr is not a terminal (CI logs). */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  return {
    update: (done: number, total: number, current: string) => {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      if (tty) {
        const width = 30;
        const fill = Math.round((pct / 100) * width);
        process.stderr.write(
          `\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} ${printable(current.split('/').pop()?.slice(0, 40) ?? '')}\x1b[K`,
        );
      } else if (pct >= lastPct + 10 || done === total) {
        lastPct = pct;
        process.stderr.write(`${label}: ${done}/${total} (${pct}%)\n`);
      }
    },
    done: () => {
      if (tty) process.stderr.write('\n');
    },
  };
}
