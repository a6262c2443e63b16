import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.js';
import type { Executor } from '../../server/graph/executor.js';
import { warmUp } from '../../server/warmup.js';
import { seedGraph, testDriver } from '../helpers/db.js';

// Issue 28: the first report after a start waited for a cold page cache (MIIT 14.5 s at 10,000
// briefs). The server asks for the hub reports once in the background; health says how far.
describe('warm-up after a start', () => {
  let driver: Driver;
  let executor: Executor;
  let app: Express;
  beforeAll(async () => {
    driver = testDriver();
    executor = await seedGraph(driver);
    app = createApp({ executor });
  });
  afterAll(async () => driver.close());

  const get = (asked: string[]) => async (p: string) => {
    asked.push(p);
    const res = await request(app).get(p);
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}`);
  };

  it('asks for the reports of the biggest agencies and companies, in both formats, and health shows its progress', async () => {
    const asked: string[] = [];
    const warmup = await warmUp(executor, get(asked), { hubs: 2 });
    expect(warmup).toEqual({ state: 'done', done: 8, of: 8 });
    const top = async (label: string) =>
      (await driver.executeQuery(`MATCH (n:${label}) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC LIMIT 1`)).records[0]?.get('id') as string;
    expect(asked).toContain(`/api/reports/agency/${encodeURIComponent(await top('Agency'))}?format=html`);
    expect(asked).toContain(`/api/reports/company/${encodeURIComponent(await top('Company'))}?format=json`);
    expect(asked.filter((p) => p.startsWith('/api/reports/agency/'))).toHaveLength(4);
    const health = await request(app).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.warmup).toEqual({ state: 'done', done: 8, of: 8 });
  });

  it('stops at its time budget (an injected clock) and after a failed request, and says so', async () => {
    let t = 0;
    const asked: string[] = [];
    // Every reading of the clock is a second later: the budget of 1.5 s lets one request through.
    expect(await warmUp(executor, get(asked), { hubs: 2, budgetMs: 1500, now: () => (t += 1000) })).toEqual({ state: 'done', done: 1, of: 8 });
    expect(asked).toHaveLength(1);

    const failing = async () => {
      throw new Error('GET /api/reports/agency/x answered 503');
    };
    expect(await warmUp(executor, failing, { hubs: 1 })).toEqual({ state: 'failed', done: 0, of: 4, error: 'GET /api/reports/agency/x answered 503' });
    expect((await request(app).get('/api/health')).body.warmup).toMatchObject({ state: 'failed', done: 0, of: 4 });
  });
});
