import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LockBusyError, withLockFile } from '../../server/curation/lock.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-corrections-lock-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshLock = () => path.join(tmp, `corrections-${n++}.jsonl.lock`);
const hold = (file: string, pid: number, host = os.hostname()) => fs.writeFileSync(file, JSON.stringify({ pid, host, at: '2026-12-01T00:00:00.000Z' }));
// Above the kernel's pid_max: no such process.
const DEAD = 99_999_999;

describe('the corrections lock file', () => {
  it('runs one holder at a time, in turn, and removes the file after each, also when the work fails', async () => {
    const file = freshLock();
    const seen: string[] = [];
    const turn = (name: string) =>
      withLockFile(file, async () => {
        seen.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 20));
        seen.push(`${name} out`);
      });
    await Promise.all([turn('a'), turn('b'), turn('c')]);
    // Whatever the order, no two overlap.
    for (let i = 0; i < seen.length; i += 2) expect(seen[i]!.replace(' in', '')).toBe(seen[i + 1]!.replace(' out', ''));
    expect(fs.existsSync(file)).toBe(false);
    await expect(withLockFile(file, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('breaks the lock of a process that is gone (a crash, kill -9)', async () => {
    const file = freshLock();
    hold(file, DEAD);
    expect(await withLockFile(file, async () => JSON.parse(fs.readFileSync(file, 'utf8')).pid)).toBe(process.pid);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith(path.basename(file)))).toEqual([]);
  });

  it('waits for a live holder, and for one on another host, then gives up naming the holder and what to do', async () => {
    const live = freshLock();
    hold(live, process.pid);
    const err = await withLockFile(live, async () => 'ran', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockBusyError);
    expect((err as Error).message).toBe(
      `${live} is held by process ${process.pid} on ${os.hostname()} since 2026-12-01T00:00:00.000Z (another correction, or \`npm run curate -- apply\`); try again shortly. If no such process runs any more, delete that file.`,
    );
    // A dead pid on another host may be a live process there: never broken from here.
    const remote = freshLock();
    hold(remote, DEAD, `not-${os.hostname()}`);
    await expect(withLockFile(remote, async () => 'ran', { timeoutMs: 50 })).rejects.toBeInstanceOf(LockBusyError);
    expect(fs.existsSync(remote)).toBe(true);
  });
});
