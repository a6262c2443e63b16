import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { fromRoot } from '../../server/paths.js';
import { generateReport } from '../../server/reports/service.js';
import { seedGraph, testDriver, testExecutor } from '../helpers/db.js';

let driver: Driver;
let app: Express;

beforeAll(async () => {
  driver = testDriver();
  await seedGraph(driver);
  app = createApp({ executor: testExecutor(driver) });
});
afterAll(async () => driver.close());

/** The same counts asked of the graph directly, per quarter, written plainly. */
async function direct(cypher: string, id: string): Promise<Record<string, number>> {
  const r = await driver.executeQuery(
    `${cypher} WHERE x.date IS NOT NULL AND coalesce(x.datePrecision, 'day') <> 'year'
     RETURN toString(x.date.year) + '-Q' + toString(x.date.quarter) AS q, count(DISTINCT x) AS n`,
    { id },
  );
  return Object.fromEntries(r.records.map((x) => [x.get('q'), Number(x.get('n'))]));
}
const nonZero = (quarters: string[], values: number[]) => Object.fromEntries(quarters.flatMap((q, i) => (values[i] ? [[q, values[i]]] : [])));

describe('trends', () => {
  it('counts per quarter exactly what Cypher counts, for an agency, a sector and a company', async () => {
    const miit = (await request(app).get('/api/trends/agency:MIIT').expect(200)).body;
    expect(nonZero(miit.quarters, miit.series[0].values)).toEqual(await direct('MATCH (:Agency {id: $id})<-[:ISSUED_BY]-(x:Policy)', 'agency:MIIT'));
    expect(nonZero(miit.quarters, miit.series[1].values)).toEqual(await direct('MATCH (:Agency {id: $id})<-[:INVOLVES]-(x:NewsItem)', 'agency:MIIT'));
    expect(miit.series[0].total).toBeGreaterThan(5);
    const co = await driver.executeQuery(
      `MATCH (a:Agency {id: 'agency:MIIT'})<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(x:Agency) WHERE x <> a AND p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
       RETURN toString(p.date.year) + '-Q' + toString(p.date.quarter) AS q, count(DISTINCT x) AS n`,
    );
    expect(nonZero(miit.quarters, miit.series[2].values)).toEqual(Object.fromEntries(co.records.map((x) => [x.get('q'), Number(x.get('n'))])));
    // Every quarter from the first to the last, none skipped.
    expect(miit.quarters[0]).toMatch(/^\d{4}-Q[1-4]$/);
    const sector = (await driver.executeQuery('MATCH (s:Sector)<-[:TARGETS]-() RETURN s.id AS id, count(*) AS n ORDER BY n DESC LIMIT 1')).records[0]!.get(
      'id',
    ) as string;
    const st = (
      await request(app)
        .get(`/api/trends/${encodeURIComponent(sector)}`)
        .expect(200)
    ).body;
    expect(nonZero(st.quarters, st.series[0].values)).toEqual(await direct('MATCH (:Sector {id: $id})<-[:TARGETS]-(x:Policy)', sector));
    const tesla = (await request(app).get('/api/trends/company:tesla').expect(200)).body;
    expect(nonZero(tesla.quarters, tesla.series[1].values)).toEqual(await direct('MATCH (:Company {id: $id})-[:MENTIONED_IN]->(x:NewsItem)', 'company:tesla'));
    await request(app).get('/api/trends/brief:000_483cb3f9e9174233').expect(400);
    await request(app).get('/api/trends/agency:NOPE').expect(404);
  });

  it('draws the chart as SVG', async () => {
    const svg = await request(app)
      .get('/api/trends/agency:MIIT')
      .query({ format: 'svg' })
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.body).toContain('Policies issued');
  });

  it('puts a chart in the HTML report of MIIT, the table in Markdown and the series in JSON', async () => {
    const html = await generateReport(testExecutor(driver), 'agency', 'MIIT', 'html');
    expect(html.body).toMatch(/<h2>Trend by quarter<\/h2>\s*<figure class="chart"><svg [^>]*viewBox/);
    expect(html.body).not.toMatch(/<script/);
    const md = await generateReport(testExecutor(driver), 'agency', 'MIIT', 'md');
    expect(md.body).toMatch(/## Trend by quarter\n\n\| Quarter \| Policies issued \| News items involving it \| Co-issuing agencies \|/);
    const json = await generateReport(testExecutor(driver), 'agency', 'MIIT', 'json');
    expect(JSON.parse(json.body).trend.series[0].name).toBe('Policies issued');
  });
});

describe('compare', () => {
  it('npm run report -- --compare MIIT NDRC cites every figure', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('server/reports/cli.ts'), '--compare', 'MIIT', 'NDRC'], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_USER: inject('neo4jUser'), NEO4J_PASSWORD: inject('neo4jPassword') },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const md = run.stdout;
    expect(md).toMatch(/^# Comparison: MIIT · NDRC/);
    const [body, sources] = md.split('\n## Sources\n');
    const numbered = new Set([...sources!.matchAll(/^(\d+)\. “.+” — .+line \d+/gm)].map((m) => m[1]));
    // Counts of policies and news items, and every neighbour's count, carry a reference to a source that exists.
    const counts = body!.split('\n').filter((l) => /^\| (Policies|News items) \|/.test(l));
    expect(counts).toHaveLength(2);
    for (const l of counts) for (const cell of l.split('|').slice(2, -1)) expect(cell.trim()).toMatch(/^0$|^\d+ \[\d+\]$/);
    const listed = body!.split('\n').filter((l) => l.startsWith('- '));
    expect(listed.length).toBeGreaterThan(3);
    for (const l of listed) {
      const figures = [...l.matchAll(/ (\d+) \[(\d+)\]/g)];
      expect(figures.length, l).toBeGreaterThan(0);
      for (const f of figures) expect(numbered.has(f[2]!), l).toBe(true);
    }
    expect(body).toMatch(/### Shared/);
  });

  it('serves the comparison as JSON with each cell linked to its evidence, and refuses one id with a 400', async () => {
    const c = (await request(app).get('/api/trends/compare').query({ ids: 'agency:MIIT,agency:NDRC' }).expect(200)).body;
    expect(c.entities.map((e: { id: string }) => e.id)).toEqual(['agency:MIIT', 'agency:NDRC']);
    for (const row of c.agencies.shared)
      for (const cell of Object.values(row.by) as { citation: { evidence: string } }[]) expect(cell.citation.evidence.length).toBeGreaterThan(0);
    // The counts equal the graph's.
    const policies = await driver.executeQuery(
      "MATCH (:Agency {id: 'agency:NDRC'})-[:ISSUED_BY|TARGETS|MENTIONED_IN|INVOLVES|ABOUT]-(x:Policy) RETURN count(DISTINCT x) AS n",
    );
    expect(c.entities[1].counts.policies).toBe(Number(policies.records[0]!.get('n')));
    const bad = await request(app).get('/api/trends/compare').query({ ids: 'agency:MIIT' }).expect(400);
    expect(bad.body.error.message).toMatch(/^ids/);
  });
});

describe('query plans', () => {
  it('start every new query from an index, never a scan of all nodes or a label', async () => {
    const { EXISTING, EXISTING_RETURN, PREVIOUS_RELS, PREVIOUS_RETURN } = await import('../../server/graph/diff.js');
    const { EVIDENCE } = await import('../../server/watch/feed.js');
    const { NAMES } = await import('../../server/changes/names.js');
    const { NEIGHBOURS } = await import('../../server/compare/neighbours.js');
    const fs = await import('node:fs');
    const queries: Record<string, string> = {
      existing: `${EXISTING}\n${EXISTING_RETURN}`,
      previous: `${PREVIOUS_RELS}\n${PREVIOUS_RETURN}`,
      evidence: EVIDENCE,
      names: NAMES,
      neighboursAgency: NEIGHBOURS('Agency'),
      neighboursSector: NEIGHBOURS('Sector'),
      neighboursCompany: NEIGHBOURS('Company'),
      ...Object.fromEntries(['agency', 'sector', 'company'].map((k) => [`trend-${k}`, fs.readFileSync(fromRoot(`cypher/trends/${k}.cypher`), 'utf8')])),
    };
    type Plan = { operatorType: string; children: Plan[] };
    const ops = (p: Plan): string[] => [p.operatorType, ...p.children.flatMap(ops)];
    const scans: Record<string, string[]> = {};
    for (const [name, q] of Object.entries(queries)) {
      const r = await driver.executeQuery(`EXPLAIN ${q}`, {});
      const used = ops(r.summary.plan as unknown as Plan).filter((o) => /AllNodesScan|NodeByLabelScan|RelationshipTypeScan/.test(o));
      if (used.length) scans[name] = used;
    }
    expect(scans).toEqual({});
  });
});
