import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import { createApp } from '../../server/api/app.js';
import { applySchema } from '../../server/graph/schema.js';
import { writeBrief } from '../../server/graph/writeBrief.js';
import { importFiles } from '../../server/import/importer.js';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { buildAgencyReport, buildCompanyReport } from '../../server/reports/build.js';
import { readReportItems } from '../../server/reports/items.js';
import { REPORT_LIMITS } from '../../server/reports/limits.js';
import { resolveEntity, UnknownEntityError } from '../../server/reports/resolve.js';
import { generateReport } from '../../server/reports/service.js';
import { clearGraph, testDriver, testExecutor } from '../helpers/db.js';

let driver: Driver;
const seeds = listBriefFiles([fromRoot('seeds')]);

beforeAll(async () => {
  driver = testDriver();
  await clearGraph(driver);
  await applySchema(testExecutor(driver));
  await importFiles(testExecutor(driver), seeds);
});
afterAll(async () => driver.close());

describe('agency report', () => {
  it('lists exactly the MIIT policies of the seeds with dates and the lead/co-issuer split', async () => {
    const r = await buildAgencyReport(testExecutor(driver), 'agency:MIIT');
    // Counted by hand in seeds/: MIIT issues 3 write-ups in each of the five briefs, and five
    // policies of news lines (000 L109, L110; 001 L121; 003 L118 with the CSRC leading; 004 L141).
    expect(r.policies).toHaveLength(20);
    expect(r.policies.filter((p) => p.lead)).toHaveLength(16);
    // Newest first: a report on a hub lists its most recent policies.
    const co = r.policies.filter((p) => !p.lead).map((p) => [p.date, p.title]);
    expect(co).toEqual([
      ['2024-04-02', 'Action Plan to Accelerate the Cultivation of Digital Talents to Support the Development of the Digital Economy (2024-2026)'],
      [
        '2022-11-18',
        'Instructions to Set Up Regional Stock Exchanges to Improve Financing for Innovative SMEs and "Specialized and Sophisticated" Enterprises',
      ],
      [
        '2022-10-28',
        'Notice on Intellectual Property Rights Measures to Help the Innovation and Development of “Specialized and Sophisticated” Small and Medium-Sized Enterprises',
      ],
      ['2021-11-09', 'Implementation Plan to Promote the High-Quality Development of the API Industry'],
    ]);
    expect(r.listed).toMatchObject({ policies: 20, policiesLed: 16, policiesCoIssued: 4 });
    const data = r.policies.find((p) => p.title.startsWith('Guiding Opinions on Promoting the Development of the Data Security'))!;
    expect(data).toMatchObject({ date: '2023-01-13', lead: true, titleZh: '工业和信息化部等十六部门关于促进数据安全产业发展的指导意见', coIssuers: ['CAC'] });
    expect(data.citations[0]).toMatchObject({ evidence: 'Issuing Body: MIIT, CAC, et. al.', line: 44, brief: '000_483cb3f9e9174233' });
    expect(r.sources).toHaveLength(5);
  });

  it('ranks co-issuers exactly as a direct Cypher count does', async () => {
    const r = await buildAgencyReport(testExecutor(driver), 'agency:MIIT');
    const direct = await driver.executeQuery(
      `MATCH (:Agency {id: 'agency:MIIT'})<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(co:Agency)
       RETURN co.id AS id, count(DISTINCT p) AS joint ORDER BY joint DESC, id`,
    );
    const expected = Object.fromEntries(direct.records.map((x) => [x.get('id'), x.get('joint')]));
    // The report lists the most frequent co-issuers and says how many there are; the items
    // endpoint pages through all of them.
    expect(r.coIssuers).toHaveLength(Math.min(REPORT_LIMITS.coIssuers, direct.records.length));
    expect(r.listed.coIssuers).toBe(direct.records.length);
    for (const c of r.coIssuers) expect(c.joint, c.id).toBe(expected[c.id]);
    const joints = r.coIssuers.map((c) => c.joint);
    expect([...joints].sort((a, b) => b - a)).toEqual(joints);
    const all = [];
    for (let offset = 0; ; offset += 10) {
      const page = await readReportItems(testExecutor(driver), 'agency', 'agency:MIIT', 'coIssuers', offset, 10);
      expect(page.total).toBe(direct.records.length);
      all.push(...page.items);
      if (page.items.length < 10) break;
    }
    expect(Object.fromEntries(all.map((c) => [c.id, c.joint]))).toEqual(expected);
    expect(all.slice(0, r.coIssuers.length)).toEqual(r.coIssuers);
  });

  it('has sectors, targets by year, news, companies and a network figure', async () => {
    const r = await buildAgencyReport(testExecutor(driver), 'agency:MIIT');
    expect(r.sectors.length).toBeGreaterThan(3);
    expect(r.targets.some((t) => t.year === 2025)).toBe(true);
    expect(r.news.length).toBe(12);
    expect(r.companies.map((c) => c.name)).toEqual(expect.arrayContaining(['CATL']));
    expect(r.network.nodes.length).toBeGreaterThan(3);
    for (const p of r.policies) for (const c of p.citations) expect(c.evidence && c.briefTitle).toBeTruthy();
  });

  it('says plainly when the graph has little on the agency', async () => {
    const r = await buildAgencyReport(testExecutor(driver), 'agency:CASS');
    expect(r.notes.join(' ')).toMatch(/little on this agency/);
  });
});

describe('company report', () => {
  it('cites every brief that names the company', async () => {
    const r = await buildCompanyReport(testExecutor(driver), 'company:basf');
    expect(new Set(r.mentions.map((m) => m.citation.brief))).toEqual(new Set(['003_5dfaceee19610131', '004_5729922ff7017db5']));
    expect(r.sources.map((s) => s.brief).sort()).toEqual(expect.arrayContaining(['003_5dfaceee19610131', '004_5729922ff7017db5']));
    const tesla = await buildCompanyReport(testExecutor(driver), 'company:tesla');
    expect(new Set(tesla.mentions.map((m) => m.citation.brief)).size).toBe(3);
    expect(tesla.timeline.map((t) => t.date)).toEqual([...tesla.timeline.map((t) => t.date)].sort());
  });

  it('relates sectors to policies and the agencies behind them', async () => {
    const r = await buildCompanyReport(testExecutor(driver), 'company:catl');
    expect(r.sectors.map((s) => s.id)).toContain('sector:batteries');
    expect(r.policies.some((p) => /Lithium-ion Battery/.test(p.title))).toBe(true);
    expect(r.agencies.map((a) => a.name)).toContain('MIIT');
  });
});

describe('names and errors', () => {
  it('resolves names through the same aliases as search', async () => {
    for (const q of ['MoF', 'Ministry of Finance', '财政部', 'agency:MOF', 'mof'])
      expect(await resolveEntity(testExecutor(driver), 'agency', q), q).toBe('agency:MOF');
    expect(await resolveEntity(testExecutor(driver), 'company', 'tesla')).toBe('company:tesla');
  });

  it('an unknown name is a clear error listing the closest matches', async () => {
    const err = await resolveEntity(testExecutor(driver), 'agency', 'Ministry of Fiance').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownEntityError);
    expect((err as Error).message).toMatch(/No agency named "Ministry of Fiance"/);
    expect((err as UnknownEntityError).candidates.map((c) => c.id)).toContain('agency:MOF');
  });

  it('the CLI refuses a bad format with exit code 2', () => {
    const usage = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('server/reports/cli.ts'), '--format', 'pdf', '--agency', 'MIIT'], {
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--format must be md, html or json/);
  });
});

describe('formats and the API', () => {
  it('renders Markdown and HTML with citations, and JSON that parses', async () => {
    const md = await generateReport(testExecutor(driver), 'agency', 'MIIT', 'md');
    expect(md.body).toMatch(/^# MIIT: Ministry of Industry and Information Technology/);
    expect(md.body).toContain('> “Issuing body: MIIT”');
    expect(md.body).toMatch(/## Sources/);
    const html = await generateReport(testExecutor(driver), 'company', 'Tesla', 'html');
    expect(html.body).toMatch(/<h1>Tesla<\/h1>/);
    expect(html.body).toMatch(/<svg /);
    expect(html.body).toMatch(/@media print/);
    const json = await generateReport(testExecutor(driver), 'agency', 'NDRC', 'json');
    expect(JSON.parse(json.body).profile.acronym).toBe('NDRC');
  });

  it('escapes text from the briefs in HTML', async () => {
    const file = seeds[2]!;
    const evil = fs
      .readFileSync(file, 'utf8')
      .replace('Yahoo ends its presence in China', 'Yahoo ends its presence in China <script>alert("x")</script> <img src=x onerror=alert(1)>');
    await writeBrief(testExecutor(driver), extractText(evil, file.split('/').pop()!));
    const html = (await generateReport(testExecutor(driver), 'company', 'Yahoo', 'html')).body;
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    await writeBrief(testExecutor(driver), extractText(fs.readFileSync(file, 'utf8'), file.split('/').pop()!));
  });

  it('serves GET /api/reports/:kind/:id in each format, 404 with candidates for unknown names', async () => {
    const app = createApp({ executor: testExecutor(driver) });
    const html = await request(app).get('/api/reports/agency/agency:MIIT');
    expect(html.status).toBe(200);
    expect(html.type).toBe('text/html');
    const md = await request(app).get('/api/reports/company/Tesla').query({ format: 'md' });
    expect(md.type).toBe('text/markdown');
    const json = await request(app).get('/api/reports/agency/MoF').query({ format: 'json' });
    expect(json.body.profile.id).toBe('agency:MOF');
    const missing = await request(app).get('/api/reports/agency/Ministry%20of%20Fiance');
    expect(missing.status).toBe(404);
    expect(missing.body.error.details.candidates.map((c: { id: string }) => c.id)).toContain('agency:MOF');
    expect((await request(app).get('/api/reports/person/x')).status).toBe(400);
    expect((await request(app).get('/api/reports/agency/MIIT').query({ format: 'pdf' })).status).toBe(400);
  });

  it('pages through a report list with GET /api/reports/:kind/:id/items, as JSON and CSV', async () => {
    const app = createApp({ executor: testExecutor(driver) });
    const first = await request(app).get('/api/reports/agency/MIIT/items').query({ section: 'policies', limit: 10 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'agency', id: 'agency:MIIT', section: 'policies', total: 20, offset: 0, limit: 10 });
    expect(first.body.items).toHaveLength(10);
    const rest = await request(app).get('/api/reports/agency/MIIT/items').query({ section: 'policies', offset: 10, limit: 10 });
    expect(rest.body.items).toHaveLength(10);
    const ids = [...first.body.items, ...rest.body.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(20);
    const dates = [...first.body.items, ...rest.body.items].map((p: { date: string }) => p.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    const csv = await request(app).get('/api/reports/company/Tesla/items').query({ section: 'mentions', format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="?company_tesla-mentions-0\.csv"?$/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,kind,date,item,evidence,brief,briefTitle,briefDate,line');
    expect(lines.length - 1).toBe((await request(app).get('/api/reports/company/Tesla/items').query({ section: 'mentions' })).body.total);
    expect((await request(app).get('/api/reports/company/Tesla/items').query({ section: 'coIssuers' })).status).toBe(400);
    expect(
      (
        await request(app)
          .get('/api/reports/agency/MIIT/items')
          .query({ section: 'policies', limit: REPORT_LIMITS.page + 1 })
      ).status,
    ).toBe(400);
  });

  it('serves a report and a neighbourhood again from the cache until an import changes the graph', async () => {
    const app = createApp({ executor: testExecutor(driver) });
    const get = async () => JSON.parse((await request(app).get('/api/reports/company/company:tesla').query({ format: 'json' })).text);
    const neighbours = async () =>
      (
        (await request(app).get('/api/nodes/company:tesla/neighbors').query({ limit: 150 })).body.elements.nodes as { data: { id: string; name: string } }[]
      ).map((n) => n.data.name);
    const before = await neighbours();
    expect(await neighbours()).toEqual(before);
    const first = await get();
    const again = await get();
    // Same document, same generation time: the second answer did not rebuild it.
    expect(again).toEqual(first);

    // Re-importing a brief with one more Tesla sentence: the next report is rebuilt and says so.
    const file = seeds[2]!;
    const original = fs.readFileSync(file, 'utf8');
    const changed = original.replace('Yahoo ends its presence in China', 'Yahoo ends its presence in China; Tesla opens a showroom in Lhasa');
    expect(changed).not.toBe(original);
    await writeBrief(testExecutor(driver), extractText(changed, file.split('/').pop()!));
    try {
      const after = await get();
      expect(after.generatedAt).not.toBe(first.generatedAt);
      expect(JSON.stringify(after)).toContain('showroom in Lhasa');
      expect(JSON.stringify(first)).not.toContain('showroom in Lhasa');
      // The news item that now names Tesla is a new neighbour.
      const now = await neighbours();
      expect(now.length).toBe(before.length + 1);
      expect(now.some((n) => n.includes('Yahoo ends its presence'))).toBe(true);
    } finally {
      await writeBrief(testExecutor(driver), extractText(original, file.split('/').pop()!));
    }
    const restored = await get();
    expect(JSON.stringify(restored)).not.toContain('showroom in Lhasa');
    expect(await neighbours()).toEqual(before);
  });
});
