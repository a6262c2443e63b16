import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { applySchema } from '../../server/graph/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { buildAgencyReport, buildCompanyReport } from '../../server/reports/build.js';
import { generateReport } from '../../server/reports/service.js';
import { clearGraph, testDriver, testExecutor } from '../helpers/db.js';

// Issue 20: what the graph stores and shows is exactly true — typed values, clean evidence,
// names not ids, reports whose counts are Cypher counts, search that finds what people type.

let driver: Driver;
let app: Express;
const seeds = listBriefFiles([fromRoot('seeds')]);

beforeAll(async () => {
  driver = testDriver();
  await clearGraph(driver);
  const executor = testExecutor(driver);
  await applySchema(executor);
  expect((await importFiles(executor, seeds)).every((o) => o.ok)).toBe(true);
  app = createApp({ executor });
});
afterAll(async () => driver.close());

const rows = async (query: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(query, params)).records.map((r) => r.toObject());
const one = async (query: string, params: Record<string, unknown> = {}) => Number(Object.values((await rows(query, params))[0] ?? {})[0]);

// Whole numbers stored as floats, in node or relationship properties, scalar or in lists.
const FLOAT_WHOLE = `
  UNWIND keys(x) AS k
  WITH x, k, x[k] AS v
  WHERE (valueType(v) STARTS WITH 'FLOAT' AND v = round(v))
     OR (valueType(v) STARTS WITH 'LIST<FLOAT' AND any(e IN v WHERE e = round(e)))
  RETURN DISTINCT labels(x) AS labels, k LIMIT 5`;

describe('types in the graph', () => {
  it('stores every policy, news item and brief date as a Neo4j date, with its precision', async () => {
    for (const label of ['Policy', 'NewsItem', 'Brief']) {
      const types = await rows(`MATCH (n:${label}) RETURN DISTINCT valueType(n.date) AS t, n.datePrecision AS p`);
      expect(types, label).toEqual([{ t: 'DATE NOT NULL', p: 'day' }]);
    }
    // What analysts asked for: date functions work on the stored values.
    expect(await one("MATCH (p:Policy) WHERE p.date >= date('2022-01-01') RETURN count(p)")).toBeGreaterThan(0);
    expect(await one("MATCH (p:Policy) RETURN count(DISTINCT date.truncate('month', p.date))")).toBeGreaterThan(3);
    const gap = await rows('MATCH (p:Policy)<-[:COVERS]-(b:Brief) RETURN duration.between(p.date, b.date).days AS d LIMIT 1');
    expect(typeof gap[0]?.d).toBe('number');
  });

  it('stores whole numbers as integers: no property anywhere is a whole float', async () => {
    expect(await rows(`MATCH (x) CALL { WITH x ${FLOAT_WHOLE} } RETURN labels, k`)).toEqual([]);
    expect(await rows(`MATCH ()-[x]->() CALL { WITH x ${FLOAT_WHOLE.replace('labels(x)', '[type(x)]')} } RETURN labels, k`)).toEqual([]);
    expect(await rows('MATCH (t:Target) WHERE t.year IS NOT NULL RETURN DISTINCT valueType(t.year) AS t')).toEqual([{ t: 'INTEGER NOT NULL' }]);
    expect(await rows('MATCH ()-[r]->() WHERE NOT r:IN_BRIEF RETURN DISTINCT valueType(r.line) AS t')).toEqual([{ t: 'INTEGER NOT NULL' }]);
  });

  it('re-importing converts a graph written with strings and floats (the migration path)', async () => {
    await driver.executeQuery('MATCH (p:Policy) SET p.date = toString(p.date), p.line = toFloat(p.line) REMOVE p.datePrecision');
    await driver.executeQuery('MATCH ()-[r:ISSUED_BY]->() SET r.line = toFloat(r.line)');
    expect(await one("MATCH (p:Policy) WHERE valueType(p.date) STARTS WITH 'STRING' RETURN count(p)")).toBeGreaterThan(0);
    await importFiles(testExecutor(driver), seeds);
    expect(await rows('MATCH (p:Policy) RETURN DISTINCT valueType(p.date) AS t, valueType(p.line) AS l')).toEqual([
      { t: 'DATE NOT NULL', l: 'INTEGER NOT NULL' },
    ]);
    expect(await rows('MATCH ()-[r:ISSUED_BY]->() RETURN DISTINCT valueType(r.line) AS t')).toEqual([{ t: 'INTEGER NOT NULL' }]);
  });

  it('the API still speaks ISO strings and plain numbers', async () => {
    const [{ id }] = (await rows("MATCH (p:Policy {date: date('2023-01-13')}) RETURN p.id AS id")) as [{ id: string }];
    const detail = (await request(app).get(`/api/nodes/${encodeURIComponent(String(id))}`)).body;
    expect(detail.node.properties.date).toBe('2023-01-13');
    expect(typeof detail.node.properties.line).toBe('number');
    expect(detail.provenance[0].date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const stats = (await request(app).get('/api/stats')).body;
    expect(JSON.stringify(stats)).not.toMatch(/"year":\{|"low":/);
    const search = (await request(app).get('/api/search').query({ q: 'data', labels: 'Policy', limit: 3 })).body;
    expect(search.results.length).toBeGreaterThan(0);
    for (const r of search.results) expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('filters neighbours by dates, partial dates included', async () => {
    const all = (await request(app).get('/api/nodes/agency%3AMIIT/neighbors').query({ labels: 'Policy' })).body.elements.nodes.filter(
      (n: { data: { label: string } }) => n.data.label === 'Policy',
    );
    const in2023 = (
      await request(app).get('/api/nodes/agency%3AMIIT/neighbors').query({ labels: 'Policy', from: '2023', to: '2023-02' })
    ).body.elements.nodes.filter((n: { data: { label: string } }) => n.data.label === 'Policy');
    const expected = all.filter((n: { data: { date: string } }) => n.data.date >= '2023-01-01' && n.data.date <= '2023-02-28');
    expect(in2023.length).toBe(expected.length);
    expect(in2023.length).toBeGreaterThan(0);
    expect(in2023.length).toBeLessThan(all.length);
  });

  it('saved queries compare and group by date', async () => {
    const timeline = (
      await request(app)
        .post('/api/queries/news-timeline/run')
        .send({ params: { from: '2023-01-01', to: '2023-12-31' } })
    ).body;
    expect(timeline.rows.length).toBe(await one("MATCH (n:NewsItem) WHERE date('2023-01-01') <= n.date <= date('2023-12-31') RETURN count(n)"));
    const byYear = (await request(app).post('/api/queries/sectors-by-year/run').send({ params: {} })).body;
    expect(byYear.rows[0][1]).toEqual(expect.any(Number));
    const targets = (
      await request(app)
        .post('/api/queries/policy-targets/run')
        .send({ params: { year: 2025 } })
    ).body;
    expect(targets.rows.length).toBeGreaterThan(0);
    expect(targets.rows[0][0]).toBe(2025);
  });
});

describe('clean evidence', () => {
  // Markdown link ("](" or "[text]"), emphasis ("*x*", "_x_" at word edges), escapes ("\(") or a list marker.
  const MARKDOWN = String.raw`.*(\]\(|\[[^\]]*\]|(^|[\s(])[*_]\S|\S[*_]($|[\s).,;:])|\\[()\[\]*_]|^\s*[-*]\s).*`;

  it('no evidence, on a node or a relationship, contains Markdown syntax; the raw text stays for audit', async () => {
    expect(await rows('MATCH ()-[r]->() WHERE r.evidence =~ $re RETURN type(r) AS t, r.evidence AS e LIMIT 5', { re: MARKDOWN })).toEqual([]);
    expect(await rows('MATCH (n) WHERE n.evidence =~ $re RETURN labels(n) AS l, n.evidence AS e LIMIT 5', { re: MARKDOWN })).toEqual([]);
    const [news] = await rows(
      "MATCH (b:Brief)-[r:REPORTS]->(n:NewsItem) WHERE r.raw CONTAINS '](#)' RETURN r.evidence AS evidence, r.raw AS raw, r.line AS line, b.source AS file LIMIT 1",
    );
    expect(news).toBeDefined();
    const sourceLine = fs.readFileSync(fromRoot('seeds', String(news!.file)), 'utf8').split(/\r?\n/)[Number(news!.line) - 1];
    expect(sourceLine).toContain(String(news!.raw).split('\n')[0]);
    expect(String(news!.evidence)).not.toContain('](');
  });

  it('paths, details and reports show the clean sentence', async () => {
    const detail = (await request(app).get('/api/nodes/agency%3ANDRC')).body;
    const texts = detail.provenance.flatMap((b: { evidence: { evidence: string }[] }) => b.evidence.map((e) => e.evidence));
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).not.toMatch(/\]\(|\*[A-Z]|\\\(/);
    const md = (await generateReport(testExecutor(driver), 'agency', 'NDRC', 'md')).body;
    expect(md).not.toMatch(/\\\\\(|\]\(#\)/);
  });
});

describe('names, not registry ids', () => {
  const registry = JSON.parse(fs.readFileSync(fromRoot('server/extract/data/agencies.json'), 'utf8')) as { id: string; name: string; acronyms: string[] }[];
  // Ids that are not also what people call the agency (MIIT is both; STATE_COUNCIL is only an id).
  const idsOnly = registry.filter((e) => !e.acronyms.includes(e.id) && e.name !== e.id).map((e) => e.id);
  const idRe = new RegExp(`(?<![\\w:])(?:${idsOnly.join('|')})(?![\\w])`);
  /** Every string shown to a person: all values except node ids, which the client uses as keys. */
  const shown = (v: unknown, key = ''): string[] => {
    if (typeof v === 'string') return ['id', 'other', 'brief', 'elementId', 'source', 'target'].includes(key) ? [] : [v];
    if (Array.isArray(v)) return v.flatMap((x) => shown(x, key));
    if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => shown(x, k));
    return [];
  };

  it('no report or details response contains a registry id where a name exists', async () => {
    const agencies = (await rows('MATCH (a:Agency) WHERE a.parent IS NOT NULL RETURN a.id AS id')).map((r) => String(r.id));
    expect(agencies).toContain('agency:MIIT');
    for (const id of [...agencies, 'agency:STATE_COUNCIL', 'sector:batteries', 'company:tesla']) {
      const res = await request(app).get(`/api/nodes/${encodeURIComponent(id)}`);
      if (res.status === 404) continue;
      expect(
        shown(res.body).filter((s) => idRe.test(s)),
        id,
      ).toEqual([]);
    }
    for (const [kind, name] of [
      ['agency', 'MIIT'],
      ['agency', 'NDRC'],
      ['company', 'Tesla'],
    ] as const) {
      for (const format of ['md', 'html'] as const) {
        const body = (await generateReport(testExecutor(driver), kind, name, format)).body;
        expect(body.match(idRe)?.[0], `${name} ${format}`).toBeUndefined();
      }
      const json = JSON.parse((await generateReport(testExecutor(driver), kind, name, 'json')).body);
      expect(
        shown(json).filter((s) => idRe.test(s)),
        name,
      ).toEqual([]);
    }
    const miit = await buildAgencyReport(testExecutor(driver), 'agency:MIIT');
    expect(miit.profile.parent).toBe('State Council');
  });
});

describe('reports say exactly what they count', () => {
  it("Tesla's counts are Cypher counts of the same things", async () => {
    const r = await buildCompanyReport(testExecutor(driver), 'company:tesla');
    const id = 'company:tesla';
    expect(r.counts.mentions).toBe(await one('MATCH (:Company {id: $id})-[m:MENTIONED_IN]->() RETURN count(m)', { id }));
    expect(r.counts.mentionBriefs).toBe(await one('MATCH (:Company {id: $id})-[m:MENTIONED_IN]->() RETURN count(DISTINCT m.brief)', { id }));
    expect(r.counts.mentionBriefs).toBe(3);
    expect(r.counts.sectors).toBe(await one('MATCH (:Company {id: $id})-[:MENTIONED_IN]->()-[:TARGETS|ABOUT]->(s:Sector) RETURN count(DISTINCT s)', { id }));
    const related = `MATCH (:Company {id: $id})-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s:Sector)
      WITH s, min(x.date) AS first, max(x.date) AS last
      MATCH (s)<-[:TARGETS]-(p:Policy) WHERE first - duration('P365D') <= p.date <= last + duration('P365D')`;
    expect(r.counts.policies).toBe(await one(`${related} RETURN count(DISTINCT p)`, { id }));
    expect(r.counts.agencies).toBe(await one(`${related} MATCH (p)-[:ISSUED_BY]->(a:Agency) RETURN count(DISTINCT a)`, { id }));
    for (const s of r.sectors)
      expect(s.mentions, s.name).toBe(
        await one('MATCH (:Company {id: $id})-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(:Sector {id: $s}) RETURN count(DISTINCT x)', { id, s: s.id }),
      );
    for (const a of r.agencies)
      expect(a.policies, a.name).toBe(await one(`${related} MATCH (p)-[:ISSUED_BY]->(:Agency {id: $a}) RETURN count(DISTINCT p)`, { id, a: a.id }));

    const md = (await generateReport(testExecutor(driver), 'company', 'Tesla', 'md')).body;
    const news = await one('MATCH (:Company {id: $id})-[:MENTIONED_IN]->(x:NewsItem) RETURN count(x)', { id });
    const writeUps = await one('MATCH (:Company {id: $id})-[:MENTIONED_IN]->(x:Policy) RETURN count(x)', { id });
    expect(news + writeUps).toBe(r.counts.mentions);
    expect(md).toContain(
      `Mentioned in ${r.counts.mentionBriefs} briefs: named in ${news} news item${news === 1 ? '' : 's'} and ${writeUps} policy write-up${writeUps === 1 ? '' : 's'}.`,
    );
    expect(md).toContain(`tagged with ${r.counts.sectors} sectors;`);
    expect(md).toMatch(
      new RegExp(
        `; ${r.counts.policies} polic(y on those sectors is|ies on those sectors are) dated within a year of a mention, issued by ${r.counts.agencies} agenc`,
      ),
    );
    expect(md).not.toMatch(/\(s\)|\(ies\)/);
  });

  it("MIIT's counts are Cypher counts of the same things", async () => {
    const r = await buildAgencyReport(testExecutor(driver), 'agency:MIIT');
    const id = 'agency:MIIT';
    expect(r.counts.policies).toBe(await one('MATCH (:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy) RETURN count(DISTINCT p)', { id }));
    expect(r.counts.policiesLed).toBe(
      await one('MATCH (:Agency {id: $id})<-[i:ISSUED_BY]-(p:Policy) WITH p, max(toInteger(i.lead)) AS lead WHERE lead = 1 RETURN count(p)', { id }),
    );
    expect(r.counts.policiesCoIssued).toBe(r.counts.policies - r.counts.policiesLed);
    expect(r.counts.news).toBe(await one('MATCH (:Agency {id: $id})<-[:INVOLVES]-(n:NewsItem) RETURN count(DISTINCT n)', { id }));
    expect(r.counts.briefs).toBe(await one('MATCH (:Agency {id: $id})<-[r:ISSUED_BY|INVOLVES]-() RETURN count(DISTINCT r.brief)', { id }));
    for (const s of r.sectors)
      expect(s.policies, s.name).toBe(
        await one('MATCH (:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)-[:TARGETS]->(:Sector {id: $s}) RETURN count(DISTINCT p)', { id, s: s.id }),
      );
    for (const c of r.coIssuers)
      expect(c.joint, c.name).toBe(
        await one('MATCH (:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(:Agency {id: $c}) RETURN count(DISTINCT p)', { id, c: c.id }),
      );

    const md = (await generateReport(testExecutor(driver), 'agency', 'MIIT', 'md')).body;
    expect(md).toContain(
      `${r.counts.policies} policies issued (${r.counts.policiesLed} as lead issuer, ${r.counts.policiesCoIssued} as co-issuer) and ${r.counts.news} news items involving it, in ${r.counts.briefs} briefs.`,
    );
    expect(md).not.toMatch(/\(s\)|\(ies\)/);
  });

  it('figures tell links through a shared item from links through a sector, and fit every label', async () => {
    const tesla = await buildCompanyReport(testExecutor(driver), 'company:tesla');
    const agencies = tesla.network.nodes.filter((n) => n.kind === 'Agency');
    expect(agencies.length).toBeGreaterThan(0);
    for (const a of agencies) expect(a.link).toBe('sector');
    const html = (await generateReport(testExecutor(driver), 'company', 'Tesla', 'html')).body;
    expect(html).toContain('stroke-dasharray');
    expect(html).toContain('only through a sector');
    expect(html).not.toContain('Direct neighbourhood');
    // Every label's estimated extent lies inside the view box of the neighbourhood figure (the
    // report's trend chart is another SVG, with coordinates of its own).
    const figure = /<svg[^>]*aria-label="Neighbourhood of[\s\S]*?<\/svg>/.exec(html)![0];
    const [vx, vy, vw, vh] = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(figure)!.slice(1).map(Number) as [number, number, number, number];
    for (const m of figure.matchAll(/<text x="([-\d.]+)" y="([-\d.]+)"(?: text-anchor="(\w+)")? font-size="(\d+)"[^>]*>([^<]*)<\/text>/g)) {
      const text = m[5]!.replace(/&(amp|lt|gt|quot|#39);/g, '_');
      const [x, y, anchor, size] = [Number(m[1]), Number(m[2]), m[3] ?? 'start', Number(m[4])];
      const w = text.length * size * 0.6;
      const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
      expect(left, text).toBeGreaterThanOrEqual(vx);
      expect(left + w, text).toBeLessThanOrEqual(vx + vw);
      expect(y, text).toBeLessThanOrEqual(vy + vh);
      expect(y - size, text).toBeGreaterThanOrEqual(vy);
    }
  });
});

describe('search finds what people type', () => {
  const search = async (q: string, extra: Record<string, string> = {}) =>
    (
      await request(app)
        .get('/api/search')
        .query({ q, ...extra })
    ).body as { results: { id: string; label: string; match: string; date: string | null }[]; groups: { label: string; count: number }[] };

  it('"Data market" finds the brief, by title or topic', async () => {
    const res = await search('Data market');
    expect(res.results.map((r) => r.id)).toContain('brief:000_483cb3f9e9174233');
    expect(res.results[0]!.label).toBe('Sector'); // the exact name still comes first
    expect((await search('Data market', { labels: 'Brief' })).results[0]?.id).toBe('brief:000_483cb3f9e9174233');
  });

  it('finds briefs by date', async () => {
    const [brief] = await rows('MATCH (b:Brief) RETURN b.id AS id, toString(b.date) AS d, b.date.year AS y, b.date.month AS m ORDER BY b.id LIMIT 1');
    const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][
      Number(brief!.m) - 1
    ];
    for (const q of [String(brief!.d), `${month} ${brief!.y}`])
      expect(
        (await search(q, { labels: 'Brief' })).results.map((r) => r.id),
        q,
      ).toContain(brief!.id);
  });

  it('"Minstry of Industry" finds MIIT first; typo hits rank below exact and prefix hits', async () => {
    const res = await search('Minstry of Industry');
    expect(res.results[0]).toMatchObject({ id: 'agency:MIIT', match: 'fuzzy' });
    const mixed = await search('Ministry');
    const kinds = mixed.results.map((r) => r.match);
    expect(kinds[0]).toBe('name');
    expect(kinds.indexOf('fuzzy') === -1 || kinds.indexOf('fuzzy') > kinds.lastIndexOf('name')).toBe(true);
  });

  it('groups results by type with the count of each', async () => {
    const res = await search('battery', { limit: '30' });
    expect(res.groups.reduce((n, g) => n + g.count, 0)).toBe(res.results.length);
    for (const g of res.groups) expect(res.results.filter((r) => r.label === g.label).length).toBe(g.count);
  });
});
