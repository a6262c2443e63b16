import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { Executor, QueryRejectedError } from '../../server/graph/executor.js';
import { HttpError } from '../../server/api/errors.js';
import type { ConsoleBackend } from '../../server/api/cypher/backend.js';
import { ConsoleRunner, defaultRunLimits } from '../../server/api/cypher/runner.js';

// The runner's slots and waiting line, with a backend whose queries finish when the test says so.
// No database is involved: the admin executor's driver never connects (nothing overruns).
const driver = neo4j.driver('bolt://127.0.0.1:9');
afterAll(() => driver.close());

function heldBackend() {
  const pending: ((body: string) => void)[] = [];
  const backend: ConsoleBackend = {
    ready: async () => {},
    execute: (req) => new Promise<string>((resolve) => pending.push(() => resolve(req.query))),
    close: async () => {},
  };
  return { backend, finishNext: () => pending.shift()!(''), running: () => pending.length };
}

const runner = (backend: ConsoleBackend, limits: Partial<typeof defaultRunLimits>) =>
  new ConsoleRunner(backend, new Executor(driver), { ...defaultRunLimits, ...limits });
const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: unknown) => (e instanceof HttpError ? e.status : e instanceof QueryRejectedError && e.kind === 'timeout' ? 408 : 500),
  );
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('console slots', () => {
  it('lets a query wait for a busy slot and runs it when the slot frees', async () => {
    const held = heldBackend();
    const r = runner(held.backend, { maxConcurrent: 1, queueMs: 5000 });
    const first = r.run('RETURN 1', {});
    const second = r.run('RETURN 2', {});
    await tick();
    expect(held.running()).toBe(1);
    held.finishNext();
    await tick();
    expect(held.running()).toBe(1);
    held.finishNext();
    expect(await Promise.all([status(first), status(second)])).toEqual([200, 200]);
  });

  it('answers 429 when the wait is over and the slot is still busy, and frees the line', async () => {
    const held = heldBackend();
    const r = runner(held.backend, { maxConcurrent: 1, queueMs: 50 });
    const first = r.run('RETURN 1', {});
    expect(await status(r.run('RETURN 2', {}))).toBe(429);
    held.finishNext();
    expect(await status(first)).toBe(200);
    // The slot and the line are free again.
    const third = r.run('RETURN 3', {});
    await tick();
    held.finishNext();
    expect(await status(third)).toBe(200);
  });

  it('keeps the waiting line bounded: beyond it a query answers 429 at once', async () => {
    const held = heldBackend();
    const r = runner(held.backend, { maxConcurrent: 1, queueMs: 60_000 });
    const runs = Array.from({ length: 7 }, (_, i) => status(r.run(`RETURN ${i}`, {})));
    // One runs, four wait (four per slot), two are refused without waiting.
    const refusedAtOnce = await Promise.race([Promise.all([runs[5], runs[6]]), new Promise((r) => setTimeout(() => r('waited'), 1000))]);
    expect(refusedAtOnce).toEqual([429, 429]);
    for (let i = 0; i < 5; i++) {
      await tick();
      held.finishNext();
    }
    expect(await Promise.all(runs.slice(0, 5))).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('an overrunning query', () => {
  it('answers 408 only once the backend has let go of it, and frees its slot then', async () => {
    const held = heldBackend();
    // The admin executor's driver never connects: termination fails and is retried meanwhile.
    const r = runner(held.backend, { maxConcurrent: 1, timeoutMs: 10, queueMs: 50 });
    let settled = false;
    const first = status(r.run('RETURN 1', {})).finally(() => (settled = true));
    // Well past the time limit and its 2 s grace, the query still runs on the "server".
    await new Promise((res) => setTimeout(res, 3000));
    expect(settled).toBe(false);
    expect(await status(r.run('RETURN 2', {}))).toBe(429);
    held.finishNext();
    expect(await first).toBe(408);
    const next = r.run('RETURN 3', {});
    await tick();
    held.finishNext();
    expect(await status(next)).toBe(200);
  });
});
