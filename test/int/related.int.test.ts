import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp, defaultAppOptions } from '../../server/api/app.js';
import { seedGraph, testDriver } from '../helpers/db.js';

// The explorer's endpoints: one-step questions, the overview, the timeline, ranked paths.
let driver: Driver;
let app: Express;

beforeAll(async () => {
  driver = testDriver();
  const executor = await seedGraph(driver);
  app = createApp({ executor, options: defaultAppOptions });
});
afterAll(async () => driver.close());

describe('GET /api/related/:id', () => {
  it("a company: policies and agencies through its news items' sectors, each with how and evidence", async () => {
    const res = await request(app).get('/api/related/company%3Atesla');
    expect(res.status).toBe(200);
    expect(res.body.question).toBe('Related policies and agencies');
    const miit = res.body.items.find((i: { id: string }) => i.id === 'agency:MIIT');
    expect(miit).toMatchObject({ label: 'Agency', name: 'MIIT' });
    expect(miit.relation).toMatch(/same sector|same news|mentions/);
    expect(miit.evidence.length).toBeGreaterThan(0);
    expect(res.body.items.some((i: { label: string }) => i.label === 'Policy')).toBe(true);
    // Strong links first.
    const rank = { direct: 0, news: 1, sector: 2 } as Record<string, number>;
    const order = res.body.items.map((i: { strength: string }) => rank[i.strength]);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The canvas gets the connecting nodes too.
    expect(res.body.elements.nodes.some((n: { data: { label: string } }) => n.data.label === 'Sector')).toBe(true);
  });

  it('an agency: its co-issuers; a policy: policies on the same sectors; others: 400; unknown: 404', async () => {
    const co = await request(app).get('/api/related/agency%3AMIIT');
    expect(co.body.question).toBe('Co-issuers');
    expect(co.body.items.length).toBeGreaterThan(0);
    expect(co.body.items.every((i: { label: string }) => i.label === 'Agency')).toBe(true);
    expect(co.body.items[0].relation).toMatch(/co-issued \d+ polic/);

    const policies = (await request(app).get('/api/search').query({ q: 'Data Security Capabilities' })).body.results.filter(
      (r: { label: string }) => r.label === 'Policy',
    );
    const same = await request(app).get(`/api/related/${encodeURIComponent(policies[0].id)}`);
    expect(same.body.question).toBe('Policies on the same sectors');
    expect(same.body.items.every((i: { label: string; id: string }) => i.label === 'Policy' && i.id !== policies[0].id)).toBe(true);

    expect((await request(app).get('/api/related/sector%3Abatteries')).status).toBe(400);
    expect((await request(app).get('/api/related/company%3Anobody')).status).toBe(404);
  });
});

describe('GET /api/stats/overview and /api/stats/timeline', () => {
  it('lists the most connected starting points and the newest briefs', async () => {
    const res = await request(app).get('/api/stats/overview');
    expect(res.status).toBe(200);
    expect(res.body.top.Agency[0]).toMatchObject({ id: 'agency:MIIT', acronym: 'MIIT' });
    expect(res.body.top.Company.length).toBeGreaterThan(0);
    expect(res.body.newestBriefs[0].date).toBe('2024-04-30');
  });

  it('counts policies and news per month', async () => {
    const res = await request(app).get('/api/stats/timeline');
    const months = res.body.months as { month: string; policies: number; news: number }[];
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort());
    // 25 write-up policies and 26 announced by news lines.
    expect(months.reduce((a, m) => a + m.policies, 0)).toBe(51);
    expect(months.reduce((a, m) => a + m.news, 0)).toBe(71);
  });
});

describe('GET /api/paths', () => {
  it('ranks paths strong-first and marks same-sector hops as weak', async () => {
    const res = await request(app).get('/api/paths').query({ from: 'company:tesla', to: 'agency:MIIT', maxLength: 5 });
    expect(res.status).toBe(200);
    const weak = res.body.paths.map((p: { weakLinks: number }) => p.weakLinks);
    expect([...weak].sort((a, b) => a - b)).toEqual(weak);
    for (const p of res.body.paths) {
      const marked = p.hops.filter((h: { weak: string | null }) => h.weak).length;
      expect(marked).toBe(2 * p.weakLinks);
      if (p.weakLinks) expect(p.explanation).toContain('weak link: same sector');
    }
  });
});
