import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { Executor, type TxOptions } from '../../server/graph/executor.js';
import { toJson } from '../../server/graph/values.js';
import { fromRoot } from '../../server/paths.js';
import { REPORT_LIMITS } from '../../server/reports/limits.js';
import { reportQueries, type ReportQuery } from '../../server/reports/queries.js';
import { sectionParams } from '../../server/reports/sections.js';
import { clearGraph, emptyGraph, seedGraph, testDriver } from '../helpers/db.js';

// Issue 28: at 10,000 briefs MIIT's report failed (agency-targets over the transaction memory
// cap) and a much-mentioned company's took minutes, because every brief restating a fact adds one
// more relationship between the same two nodes and the report queries stepped on from each one
// (the shape issue 29 found in the trends). The queries now keep one row per node before each
// step. They must say exactly what they said before: every rewritten query is compared, row for
// row, with its earlier text (test/int/cypher/reports-before/), on the seeds and on the generated
// hub (test/int/cypher/hub.cypher) with every relationship the reports read restated by more
// briefs.

const HUB = fs.readFileSync(fromRoot('test/int/cypher/hub.cypher'), 'utf8');
const BEFORE_DIR = fromRoot('test/int/cypher/reports-before');
const BEFORE = Object.fromEntries(
  fs
    .readdirSync(BEFORE_DIR)
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => [path.basename(f, '.cypher'), fs.readFileSync(path.join(BEFORE_DIR, f), 'utf8')]),
) as Partial<Record<ReportQuery, string>>;
const REWRITTEN = Object.keys(BEFORE) as ReportQuery[];

const BRIEFS = 200; // 1,000 policies and 1,000 news items on the hub
const RESTATED = 3; // briefs restating each relationship besides the one that stated it first

let driver: Driver;
beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => {
  await clearGraph(driver);
  await driver.close();
});

/**
 * Every relationship the reports read, stated again by $k more briefs (which exist, with titles
 * and dates, so citations of them read as any other): each restatement with its own evidence and
 * line, and, on the second, the opposite lead, so a query that picks the wrong link shows it.
 */
async function restateEverything(k: number) {
  await driver.executeQuery(
    `UNWIND range(1, $k) AS i MERGE (b:Brief {id: 'brief:restated-' + i}) SET b.title = 'Restating brief ' + i, b.date = date('2030-01-01') + duration({days: i})`,
    { k: neo4j.int(k) },
  );
  for (const type of ['ISSUED_BY', 'INVOLVES', 'TARGETS', 'ABOUT', 'HAS_TARGET', 'MENTIONED_IN']) {
    await driver.executeQuery(
      `MATCH (a)-[r:${type}]->(b) WHERE NOT r.brief STARTS WITH 'restated-'
       WITH a, b, r UNWIND range(1, $k) AS i
       CREATE (a)-[s:${type}]->(b)
       SET s = properties(r), s.brief = 'restated-' + i, s.evidence = r.evidence + ' (restated ' + i + ')', s.line = coalesce(r.line, 0) + 100 * i
       SET s.lead = CASE WHEN r.lead IS NULL THEN null WHEN i = 2 THEN NOT r.lead ELSE r.lead END`,
      { k: neo4j.int(k) },
    );
  }
}

/** The rows of a query text, as the reports read them (sections.ts `rows`). */
async function run(text: string, params: Record<string, unknown>) {
  const res = await driver.executeQuery(text, params, { routing: neo4j.routing.READ });
  return res.records.map((r) => toJson(r.toObject()));
}

/** A list's first 60 items (the report shows up to 40), and a page inside it. */
const PAGES = [
  { offset: 0, limit: 60 },
  { offset: 2, limit: 3 },
];

/** Each rewritten query of the subject's kind, old text against new, on each page. */
async function compareAll(kind: 'agency' | 'company', id: string, pages = PAGES) {
  let compared = 0;
  for (const name of REWRITTEN.filter((n) => n.startsWith(`${kind}-`))) {
    for (const page of pages) {
      const params = { ...sectionParams(id, 365), offset: neo4j.int(page.offset), limit: neo4j.int(page.limit) };
      const [before, now] = [await run(BEFORE[name]!, params), await run(reportQueries[name], params)];
      expect(now, `${name} on ${id}, offset ${page.offset}`).toEqual(before);
      compared += before.length;
    }
  }
  return compared;
}

/** The most and the least connected agencies and companies: hubs and the ones with almost nothing. */
async function subjects(n: number) {
  const res = await driver.executeQuery(
    `CALL () {
       MATCH (a:Agency) WITH a, COUNT { (a)--() } AS d ORDER BY d DESC, a.id RETURN 'agency' AS kind, collect(a.id) AS ids
       UNION ALL
       MATCH (c:Company) WITH c, COUNT { (c)--() } AS d ORDER BY d DESC, c.id RETURN 'company' AS kind, collect(c.id) AS ids
     }
     RETURN kind, ids[..$n] + ids[-$n..] AS ids`,
    { n: neo4j.int(n) },
  );
  return res.records.flatMap((r) => [...new Set(r.get('ids') as string[])].map((id) => [r.get('kind') as 'agency' | 'company', id] as const));
}

describe('the report queries say what they said before', () => {
  it('every rewritten query has its earlier text, and only report queries do', () => {
    expect(REWRITTEN.length).toBeGreaterThan(10);
    for (const name of REWRITTEN) expect(reportQueries[name], name).toBeDefined();
  });

  it('on the seeds with every relationship restated by three more briefs', async () => {
    await seedGraph(driver);
    await restateEverything(RESTATED);
    let rows = 0;
    for (const [kind, id] of await subjects(2)) rows += await compareAll(kind, id, PAGES.slice(0, 1));
    // Not a comparison of empty answers.
    expect(rows).toBeGreaterThan(100);
  });
});

describe('the reports on a hub whose relationships are restated by many briefs', () => {
  let app: Express;
  beforeAll(async () => {
    const executor = await emptyGraph(driver);
    for (let from = 0; from < BRIEFS; from += 50) {
      const slice = { from: neo4j.int(from), to: neo4j.int(from + 50), perBrief: neo4j.int(5), coIssuers: neo4j.int(12) };
      await driver.executeQuery(HUB, { ...slice, sectors: neo4j.int(4), companies: neo4j.int(50) });
    }
    // News on a sector besides its policy's, so companies and peers are also found through news
    // on a sector (rank 1).
    await driver.executeQuery(
      `MATCH (x:NewsItem)-[r:INVOLVES]->() WITH x, r, toInteger(split(x.id, '-')[1]) AS n
       MATCH (s:Sector {id: 'sector:s' + ((n + 1) % 4)})
       CREATE (x)-[:ABOUT {brief: r.brief, evidence: 'News on sector ' + ((n + 1) % 4), line: 17}]->(s)`,
    );
    await restateEverything(RESTATED);
    // The app over the same graph, for the report as a whole.
    app = createApp({ executor });
  }, 300_000);

  it('has that shape: every pair of nodes the reports read linked once per brief stating it', async () => {
    const r = await driver.executeQuery(
      `MATCH (:Agency {id: 'agency:HUB'})<-[r:ISSUED_BY]-(p:Policy)
       RETURN count(r) AS links, count(DISTINCT p) AS policies, count(DISTINCT r.brief) > ${BRIEFS} AS restated`,
    );
    expect(Number(r.records[0]!.get('links'))).toBe((RESTATED + 1) * Number(r.records[0]!.get('policies')));
    expect(r.records[0]!.get('restated')).toBe(true);
  });

  it('gives the same rows as the earlier queries for the hub, the hub company and a company on its sectors', async () => {
    // A page inside each list too, on the hubs.
    for (const [kind, id, pages] of [
      ['agency', 'agency:HUB', PAGES],
      ['company', 'company:hubco', PAGES],
      ['company', 'company:c1', PAGES.slice(0, 1)],
    ] as const) {
      expect(await compareAll(kind, id, pages), id).toBeGreaterThan(50);
    }
  });

  it('answers the whole hub report, its lists full to their limits', async () => {
    const agency = (await request(app).get('/api/reports/agency/agency:HUB').query({ format: 'json' }).expect(200)).body;
    expect(agency.counts).toMatchObject({ policies: BRIEFS * 5, news: BRIEFS * 5 });
    // Every third policy is co-issued, by one of the co-issuers whose number is a multiple of 3.
    expect(agency.listed).toMatchObject({ targets: BRIEFS * 5, coIssuers: 4, sectors: 4 });
    expect(agency.targets.flatMap((y: { items: unknown[] }) => y.items)).toHaveLength(REPORT_LIMITS.targets);
    expect(agency.companies).toHaveLength(REPORT_LIMITS.companies);
    const company = (await request(app).get('/api/reports/company/company:c1').query({ format: 'json' }).expect(200)).body;
    expect(company.peers.map((p: { link: string }) => p.link)).toContain('sector');
  });

  it('builds a report once for all the formats asked while it is built (the warm-up asks HTML, an analyst JSON)', async () => {
    let reads = 0;
    class Counting extends Executor {
      override read<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
        if (opts.metadata?.feature === 'report') reads++;
        return super.read(work, opts);
      }
    }
    const counting = createApp({ executor: new Counting(driver) });
    await request(counting).get('/api/reports/agency/agency:CO1').query({ format: 'html' }).expect(200);
    const once = reads;
    reads = 0;
    await Promise.all(['html', 'json', 'md'].map((format) => request(counting).get('/api/reports/agency/agency:CO2').query({ format }).expect(200)));
    // A build reads in a few transactions (build.ts); three formats at once read as much as one.
    expect(once).toBeGreaterThan(1);
    expect(reads).toBe(once);
  });

  it("reads the hub's targets in rows proportional to its policies, not to the product of restated links", async () => {
    const profile = async (text: string) => {
      const res = await driver.executeQuery(`PROFILE ${text}`, { ...sectionParams('agency:HUB', 365), offset: neo4j.int(0), limit: neo4j.int(30) });
      type Plan = { rows: number; dbHits: number; children: Plan[] };
      const all = (p: Plan): Plan[] => [p, ...p.children.flatMap(all)];
      const ops = all(res.summary.profile as unknown as Plan);
      return { maxRows: Math.max(...ops.map((o) => o.rows)), dbHits: ops.reduce((n, o) => n + o.dbHits, 0) };
    };
    const policies = BRIEFS * 5;
    const links = RESTATED + 1;
    const [before, now] = [await profile(BEFORE['agency-targets']!), await profile(reportQueries['agency-targets'])];
    // Before: a row per (issuer link, target link) pair of each policy; now at most one per link.
    expect(before.maxRows).toBeGreaterThanOrEqual(links * links * policies);
    expect(now.maxRows).toBeLessThanOrEqual(links * policies);
    expect(now.dbHits).toBeLessThan(before.dbHits / 2);
  });
});
