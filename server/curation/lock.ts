import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { processAlive } from '../alive.js';

/** The lock stayed taken longer than a correction may wait: `status` 503, the holder named. */
export class LockBusyError extends Error {
  override name = 'LockBusyError';
}

interface Holder {
  pid: number;
  host: string;
  at: string;
}

export interface LockOptions {
  /** How long to wait for another process's correction (or `curate apply`) before giving up. */
  timeoutMs?: number;
}

const DEFAULTS = {
  timeoutMs: 60_000,
  /** First pause between tries; it doubles up to `maxPollMs`. */
  pollMs: 10,
  maxPollMs: 250,
} as const;

const readHolder = (file: string): Holder | undefined => {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.at === 'string' ? (h as Holder) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Moves a dead process's lock aside. A rename is atomic, so of two processes breaking the same
 * lock one wins; the loser may have moved a lock taken since by a live process, which it puts
 * back (link fails if yet another was taken meanwhile).
 */
function breakStale(file: string, stale: Holder): void {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // someone else broke it first
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== stale.pid || moved.at !== stale.at || moved.host !== stale.host)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      /* a third process holds it now; it stays theirs */
    }
  }
  fs.rmSync(aside, { force: true });
}

/**
 * Runs `work` while holding `file` (created exclusively, holding pid, host and time), so
 * processes sharing the corrections file (the server, `npm run curate`, a second server) take
 * turns. A lock whose process is gone (same host, pid not running: a crash or kill -9) is broken;
 * one held by a live process is waited for, up to `timeoutMs`.
 */
export async function withLockFile<T>(file: string, work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const me: Holder = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULTS.timeoutMs);
  for (let pause: number = DEFAULTS.pollMs; ; pause = Math.min(pause * 2, DEFAULTS.maxPollMs)) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (holder && holder.host === me.host && !processAlive(holder.pid)) {
      breakStale(file, holder);
      continue;
    }
    if (Date.now() > deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host} since ${holder.at}` : 'a process that left it empty';
      throw new LockBusyError(
        `${file} is held by ${who} (another correction, or \`npm run curate -- apply\`); try again shortly. If no such process runs any more, delete that file.`,
      );
    }
    await new Promise((r) => setTimeout(r, pause));
  }
  try {
    return await work();
  } finally {
    const holder = readHolder(file);
    if (holder?.pid === me.pid && holder.at === me.at) fs.rmSync(file, { force: true });
  }
}
