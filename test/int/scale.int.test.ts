import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { fromRoot } from '../../server/paths.js';
import { REPORT_LIMITS } from '../../server/reports/limits.js';
import { reportQueries } from '../../server/reports/queries.js';
import { sectionParams } from '../../server/reports/sections.js';
import { applySchema, changedSearchIndexes } from '../../server/graph/schema.js';
import { clearGraph, emptyGraph, testDriver, testExecutor } from '../helpers/db.js';

// Issue 17: a hub of thousands of relationships gets a report a person reads and a small node
// detail, both within their caps, and every list of its report pages through in full.

const HUB = fs.readFileSync(fromRoot('test/int/cypher/hub.cypher'), 'utf8');
const BRIEFS = 400;
const PER_BRIEF = 10; // 4,000 policies and 4,000 news items: 8,000 relationships on the hub
const SIZE_CAP = 1024 * 1024;

let driver: Driver;
let app: Express;

beforeAll(async () => {
  driver = testDriver();
  const executor = await emptyGraph(driver);
  for (let from = 0; from < BRIEFS; from += 50) {
    await driver.executeQuery(HUB, {
      from: neo4j.int(from),
      to: neo4j.int(from + 50),
      perBrief: neo4j.int(PER_BRIEF),
      coIssuers: neo4j.int(40),
      sectors: neo4j.int(30),
      companies: neo4j.int(600),
    });
  }
  app = createApp({ executor });
}, 300_000);
afterAll(async () => {
  await clearGraph(driver);
  await driver.close();
});

const one = async (query: string) => Number((await driver.executeQuery(query)).records[0]?.get(0));

describe('a hub of thousands of relationships', () => {
  it('is one', async () => {
    expect(await one("MATCH (:Agency {id: 'agency:HUB'})-[r]-() WHERE NOT r:IN_BRIEF RETURN count(r)")).toBe(2 * BRIEFS * PER_BRIEF);
    expect(await one("MATCH (:Company {id: 'company:hubco'})-[r]-() WHERE NOT r:IN_BRIEF RETURN count(r)")).toBe(2 * BRIEFS * PER_BRIEF);
    expect(await one("MATCH (:Agency {id: 'agency:HUB'})-[r:IN_BRIEF]->() RETURN count(r)")).toBe(BRIEFS);
  });

  it("answers the agency report within the caps, with exact totals and '…and N more'", async () => {
    for (const format of ['json', 'md', 'html'] as const) {
      const t = Date.now();
      const res = await request(app).get('/api/reports/agency/agency:HUB').query({ format });
      expect(res.status, format).toBe(200);
      expect(res.text.length, format).toBeLessThan(SIZE_CAP);
      console.log(`hub agency report (${format}): ${(res.text.length / 1024).toFixed(1)} KB in ${Date.now() - t} ms`);
      if (format === 'json') {
        const r = res.body;
        const policies = BRIEFS * PER_BRIEF;
        expect(r.counts).toMatchObject({ policies, policiesLed: policies, news: policies, briefs: BRIEFS });
        expect(r.listed).toMatchObject({ policies, news: policies, coIssuers: 40, sectors: 30, targets: policies });
        expect(r.policies).toHaveLength(REPORT_LIMITS.policies);
        expect(r.news).toHaveLength(REPORT_LIMITS.news);
        expect(r.coIssuers).toHaveLength(REPORT_LIMITS.coIssuers);
        expect(r.companies.length).toBeLessThanOrEqual(REPORT_LIMITS.companies);
        // Newest first, and counted by year to the last policy.
        expect(r.policies[0].date > r.policies.at(-1).date).toBe(true);
        expect(r.byYear.reduce((n: number, y: { policies: number }) => n + y.policies, 0)).toBe(policies);
      }
      if (format === 'md')
        expect(res.text).toContain(`…and ${BRIEFS * PER_BRIEF - REPORT_LIMITS.policies} more policies led, older (${BRIEFS * PER_BRIEF} in all;`);
    }
  });

  it('pages through a whole list of the hub report and serves it as CSV', async () => {
    const total = BRIEFS * PER_BRIEF;
    const last = await request(app)
      .get('/api/reports/agency/agency:HUB/items')
      .query({ section: 'policies', offset: total - 7, limit: REPORT_LIMITS.page });
    expect(last.status).toBe(200);
    expect(last.body.total).toBe(total);
    expect(last.body.items).toHaveLength(7);
    expect(last.body.items.at(-1).date).toBe('2012-01-01'); // the oldest
    const csv = await request(app).get('/api/reports/agency/agency:HUB/items').query({ section: 'news', limit: REPORT_LIMITS.page, format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(REPORT_LIMITS.page + 1);
  });

  it('answers the company report of a much-mentioned company within the caps', async () => {
    const t = Date.now();
    const res = await request(app).get('/api/reports/company/company:hubco').query({ format: 'json' });
    expect(res.status).toBe(200);
    expect(res.text.length).toBeLessThan(SIZE_CAP);
    console.log(`hub company report (json): ${(res.text.length / 1024).toFixed(1)} KB in ${Date.now() - t} ms`);
    expect(res.body.counts).toMatchObject({ mentions: 2 * BRIEFS * PER_BRIEF, mentionsNews: BRIEFS * PER_BRIEF, mentionBriefs: BRIEFS });
    expect(res.body.mentions).toHaveLength(REPORT_LIMITS.mentions);
    expect(res.body.peers.length).toBeLessThanOrEqual(REPORT_LIMITS.peers);
  });

  it("reads a company's policies from its sectors, never by a range over every policy's date", async () => {
    // The plan that made a hub company's report take 11 s at 10,000 briefs: a seek on the policy
    // date index up to the window's end, then a check of each policy against each sector.
    const operators = (plan: { operatorType: string; arguments: Record<string, unknown>; children: unknown[] }): string[] => [
      `${plan.operatorType} ${String(plan.arguments.Details ?? '')}`,
      ...plan.children.flatMap((c) => operators(c as typeof plan)),
    ];
    for (const name of ['company-totals', 'company-policies', 'company-agencies'] as const) {
      const res = await driver.executeQuery(`EXPLAIN ${reportQueries[name]}`, {
        ...sectionParams('company:hubco', 365),
        offset: neo4j.int(0),
        limit: neo4j.int(10),
      });
      const ops = operators(res.summary.plan as never);
      expect(
        ops.some((o) => /Expand/.test(o) && /TARGETS/.test(o)),
        name,
      ).toBe(true);
      expect(
        ops.filter((o) => /Policy\(date\)/.test(o)),
        name,
      ).toEqual([]);
    }
  });

  it('finds the hub itself first when thousands of news items name it, and on an index of an earlier version', async () => {
    // An index built by an earlier version, with news items among the names: applySchema rebuilds it.
    await driver.executeQuery('DROP INDEX entity_names IF EXISTS');
    await driver.executeQuery('CREATE FULLTEXT INDEX entity_names FOR (n:Policy|Agency|Company|Sector|NewsItem|Outlet|Place) ON EACH [n.nameText]');
    const changed = () => testExecutor(driver).read(changedSearchIndexes);
    expect(await changed()).toEqual(['entity_names']);
    await applySchema(testExecutor(driver));
    expect(await changed()).toEqual([]);
    const [ix] = (await driver.executeQuery("SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes WHERE name = 'entity_names' RETURN labelsOrTypes")).records;
    expect(ix?.get('labelsOrTypes')).not.toContain('NewsItem');
    for (const q of ['HUBM', 'hubm', 'Hub Ministry']) {
      const res = await request(app).get('/api/search').query({ q, limit: 10 });
      expect(res.status, q).toBe(200);
      expect(res.body.results[0]?.id, q).toBe('agency:HUB');
    }
  });

  it('keeps node detail small: counts plus a first page', async () => {
    for (const id of ['agency:HUB', 'company:hubco', 'sector:s0']) {
      const t = Date.now();
      const res = await request(app).get(`/api/nodes/${encodeURIComponent(id)}`);
      expect(res.status, id).toBe(200);
      console.log(`node detail ${id}: ${(res.text.length / 1024).toFixed(1)} KB in ${Date.now() - t} ms`);
      expect(res.text.length, id).toBeLessThan(100 * 1024);
      expect(res.body.node.properties.briefs, id).toBeUndefined();
    }
    const hub = (await request(app).get('/api/nodes/agency:HUB')).body;
    expect(hub.briefs).toEqual({ total: BRIEFS, shown: 15 });
    // The newest 15 of its briefs (a hub's are found through the brief date index, not one by one).
    const newest = await driver.executeQuery(
      "MATCH (a:Agency {id: 'agency:HUB'})-[:IN_BRIEF]->(b:Brief) RETURN toString(b.date) AS d ORDER BY d DESC LIMIT 15",
    );
    expect(hub.provenance.map((p: { date: string }) => p.date)).toEqual(newest.records.map((r) => r.get('d')));
    expect(hub.degree).toEqual(expect.arrayContaining([{ type: 'ISSUED_BY', direction: 'in', count: BRIEFS * PER_BRIEF }]));
  });
});
