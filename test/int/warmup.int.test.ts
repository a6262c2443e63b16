import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.js';
import type { Executor } from '../../server/graph/executor.js';
import { warmUp, type Ask } from '../../server/warmup.js';
import { seedGraph, testDriver } from '../helpers/db.js';

// Issues 28 and 30: the first view and the first report after a start waited for a cold page
// cache (MIIT 14.5 s at 10,000 briefs). The server asks for both once in the background; health
// says how far.
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

  const ask =
    (asked: string[]): Ask =>
    async (p) => {
      asked.push(p);
      const res = await request(app).get(p);
      return { status: res.status, body: res.text };
    };

  it('asks what an analyst asks first, then the reports of the biggest agencies and companies in both formats, and health shows its progress', async () => {
    const asked: string[] = [];
    // A clock that stands still: the 120 s budget is the next test's subject, and this run of 18
    // requests took 16 s at load average 12 (a heavier load would have it stop the run short).
    const { status, warmed } = await warmUp(executor, ask(asked), { hubs: 2, now: () => 0 });
    // The first view: overview, stats, timeline, a search, then the top agency's and company's details, neighbours and report.
    expect(asked.slice(0, 4)).toEqual(['/api/stats/overview', '/api/stats', '/api/stats/timeline', expect.stringMatching(/^\/api\/search\?q=/)]);
    expect(asked).toHaveLength(4 + 2 * 3 + 8);
    expect(warmed.map((w) => w.status)).toEqual(asked.map(() => 200));
    expect(status).toEqual({ state: 'done', done: 18, of: 18 });
    const top = async (label: string) =>
      (await driver.executeQuery(`MATCH (n:${label}) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC LIMIT 1`)).records[0]?.get('id') as string;
    expect(asked).toContain(`/api/nodes/${encodeURIComponent(await top('Agency'))}/neighbors?limit=150`);
    expect(asked).toContain(`/api/reports/agency/${encodeURIComponent(await top('Agency'))}?format=html`);
    expect(asked).toContain(`/api/reports/company/${encodeURIComponent(await top('Company'))}?format=json`);
    expect(asked.slice(10).filter((p) => p.startsWith('/api/reports/agency/'))).toHaveLength(4);
    const health = await request(app).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.warmup).toEqual({ state: 'done', done: 18, of: 18 });
  });

  it('stops at its time budget (an injected clock), retries a timed-out request once, and ends at a failed hub report, saying so', async () => {
    let t = 0;
    const asked: string[] = [];
    // Every reading of the clock is a second later: the budget of 1.5 s lets one request through.
    expect((await warmUp(executor, ask(asked), { hubs: 2, budgetMs: 1500, now: () => (t += 1000) })).status).toMatchObject({ state: 'done', done: 1 });
    expect(asked).toHaveLength(1);

    // Every request answers 503: the first view only records it (after one retry each); the first
    // hub report ends the warm-up.
    const tried: string[] = [];
    const failing: Ask = async (p) => {
      tried.push(p);
      return { status: 503, body: '' };
    };
    const { status, warmed } = await warmUp(executor, failing, { hubs: 1 });
    expect(status).toMatchObject({
      state: 'failed',
      done: 5,
      of: 8,
      error: expect.stringMatching(/^GET \/api\/reports\/agency\/.+\?format=html answered 503$/),
    });
    expect(warmed.map((w) => w.status)).toEqual([503, 503, 503, 503, 503]);
    expect(tried).toHaveLength(10);
    expect((await request(app).get('/api/health')).body.warmup).toMatchObject({ state: 'failed', done: 5, of: 8 });
  });
});
