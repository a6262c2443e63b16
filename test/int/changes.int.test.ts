import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { recordImport } from '../../server/changes/history.js';
import { ChangeLog } from '../../server/changes/store.js';
import type { ImportRecord } from '../../server/changes/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import Parser from 'rss-parser';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AddressInfo } from 'node:net';
import { emptyGraph, testDriver, testExecutor } from '../helpers/db.js';

let driver: Driver;
let app: Express;
let log: ChangeLog;
let tmp: string;
const seeds = listBriefFiles([fromRoot('seeds')]);
// Brief 001 is held back: it adds, among others, a news item mentioning Tesla (already known from 000).
const later = seeds.find((f) => path.basename(f).startsWith('001_'))!;
let first: ImportRecord;
let second: ImportRecord;
let expected: Record<string, string[]>;

async function run(files: string[]) {
  const outcomes = await importFiles(testExecutor(driver), files);
  expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  const { record, warning } = await recordImport(outcomes, 'cli', log);
  expect(warning).toBeUndefined();
  return record;
}

beforeAll(async () => {
  driver = testDriver();
  await emptyGraph(driver);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-changes-'));
  log = new ChangeLog(path.join(tmp, 'changes'));
  app = createApp({
    executor: testExecutor(driver),
    options: { cypher: {}, changeLog: log, viewsDir: path.join(tmp, 'views'), watchDir: path.join(tmp, 'watch') },
  });
  first = await run(seeds.filter((f) => f !== later));
  // What brief 001 will bring that the graph lacks, asked of the graph directly before it is imported.
  const graph = extractText(fs.readFileSync(later, 'utf8'), path.basename(later));
  const present = await driver.executeQuery('UNWIND $ids AS id MATCH (n {id: id}) RETURN collect(n.id) AS ids', { ids: graph.nodes.map((n) => n.id) });
  const known = new Set(present.records[0]!.get('ids') as string[]);
  expected = {};
  for (const n of graph.nodes) if (!known.has(n.id)) (expected[n.label] ??= []).push(n.id);
  second = await run([later]);
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('import history', () => {
  it('lists exactly the new policies, news items and companies of a newly imported brief since the previous import', async () => {
    const res = await request(app).get('/api/changes').query({ since: first.id, limit: 200 }).expect(200);
    expect(res.body.imports.map((i: { id: string }) => i.id)).toEqual([second.id]);
    expect(res.body.imports[0].briefs).toEqual({ added: 1 });
    const added = (label: string) =>
      ((res.body.types as { label: string; added: { items: { id: string }[] } }[]).find((t) => t.label === label)?.added.items ?? []).map((n) => n.id).sort();
    for (const label of ['Policy', 'NewsItem', 'Company', 'Agency']) expect(added(label), label).toEqual((expected[label] ?? []).sort());
    expect(expected.Policy!.length).toBeGreaterThan(0);
    expect(expected.NewsItem!.length).toBeGreaterThan(0);
    // Names come from the graph: a policy is listed by its title.
    const policy = res.body.types.find((t: { label: string }) => t.label === 'Policy').added.items[0];
    expect(policy.name).not.toBe(policy.id);
    expect(res.body.relationships.added).toBeGreaterThan(0);
    expect(res.body.relationships.removed).toBe(0);
    // Tesla was known before: it is not new, but its new mention is among the relationships.
    expect(added('Company')).not.toContain('company:tesla');
    expect(second.added.rels.some(([type, source]) => type === 'MENTIONED_IN' && source === 'company:tesla')).toBe(true);
  });

  it('lists nothing for a re-import of an unchanged brief, and says it was unchanged', async () => {
    const again = await run([later]);
    const res = await request(app).get('/api/changes').query({ since: second.id }).expect(200);
    expect(res.body.imports).toHaveLength(1);
    expect(res.body.imports[0]).toMatchObject({ id: again.id, briefs: { unchanged: 1 } });
    expect(res.body.types).toEqual([]);
    expect(res.body.relationships).toEqual({ added: 0, removed: 0 });
  });

  it('pages one label, takes a date for since, and refuses an unknown since with a 400 naming it', async () => {
    const page = await request(app).get('/api/changes').query({ since: '2000-01-01', type: 'Policy', limit: 2, offset: 1 }).expect(200);
    expect(page.body.types).toHaveLength(1);
    expect(page.body.types[0].added.items).toHaveLength(2);
    expect(page.body.imports.length).toBeGreaterThanOrEqual(3);
    const bad = await request(app).get('/api/changes').query({ since: 'yesterday' }).expect(400);
    expect(bad.body.error.message).toMatch(/^since:/);
    await request(app).get('/api/changes').query({ limit: 0 }).expect(400);
  });
});

describe('watch-lists', () => {
  let id: string;
  it('keeps a list on the server, validated with a 4xx naming the field', async () => {
    const made = await request(app)
      .post('/api/watchlists')
      .send({ name: 'Cars', entities: ['company:tesla', 'agency:MIIT'] })
      .expect(201);
    id = made.body.id;
    expect(made.body).toMatchObject({ name: 'Cars', entities: ['company:tesla', 'agency:MIIT'] });
    const bad = await request(app)
      .post('/api/watchlists')
      .send({ name: 'x', entities: ['brief:000'] })
      .expect(400);
    expect(bad.body.error.message).toMatch(/^entities\.0:/);
    const lone = await request(app).post('/api/watchlists').send({ name: 'bad \ud800', entities: [] }).expect(400);
    expect(lone.body.error.message).toMatch(/^name: .*surrogate/);
    await request(app).post('/api/watchlists').send({ name: 'cars', entities: [] }).expect(409);
    await request(app).post('/api/watchlists').send({ name: 'Other', entities: [], extra: 1 }).expect(400);
    const edited = await request(app)
      .put(`/api/watchlists/${id}`)
      .send({ name: 'Cars', entities: ['company:tesla'] })
      .expect(200);
    expect(edited.body.entities).toEqual(['company:tesla']);
    await request(app).get('/api/watchlists/nope').expect(404);
  });

  it('shows the new Tesla mention with its sentence and brief, newest first', async () => {
    const feed = await request(app).get(`/api/watchlists/${id}/feed`).expect(200);
    const mention = feed.body.entries.find(
      (e: { type: string; citation: { brief: string } }) => e.type === 'MENTIONED_IN' && e.citation.brief === second.briefs[0]!.brief,
    );
    expect(mention).toBeDefined();
    expect(mention.watched.id).toBe('company:tesla');
    expect(mention.node.label).toBe('NewsItem');
    expect(mention.citation.evidence).toMatch(/Tesla together with Chinese tech firm Baidu/);
    expect(mention.citation.line).toBe(136);
    expect(mention.link).toBe(`/#n=${encodeURIComponent(mention.node.id)}`);
    const ats = feed.body.entries.map((e: { at: string }) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    // The same sentence in the graph, asked directly.
    const direct = await driver.executeQuery('MATCH (:Company {id: $c})-[r:MENTIONED_IN]->(n:NewsItem {id: $n}) RETURN r.evidence AS e', {
      c: 'company:tesla',
      n: mention.node.id,
    });
    expect(direct.records[0]!.get('e')).toBe(mention.citation.evidence);
  });

  it('serves an Atom feed a feed library parses, each entry linking back to the explorer', async () => {
    const res = await request(app).get(`/api/watchlists/${id}/feed`).query({ format: 'atom' }).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/atom\+xml/);
    const feed = await new Parser().parseString(res.text);
    expect(feed.title).toBe('Policy Graph watch-list: Cars');
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) expect(item.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#n=[a-z]+%3A/);
    expect(feed.items.some((i) => /Baidu/.test(i.summary ?? i.contentSnippet ?? ''))).toBe(true);
  });

  it('writes a digest that cites every line', async () => {
    const res = await request(app).get(`/api/watchlists/${id}/feed`).query({ format: 'md' }).expect(200);
    const lines = res.text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines.length).toBeGreaterThan(0);
    const cites = res.text.split('\n').filter((l) => l.startsWith('  > — '));
    expect(cites).toHaveLength(lines.length);
    for (const c of cites) expect(c).toMatch(/line \d+/);
  });
});

describe('changes over MCP', () => {
  it('changes_since lists exactly the new policies of the last import, each cited where it is named', async () => {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const client = new Client({ name: 'changes-test', version: '1.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`)));
      const res = (await client.callTool({ name: 'changes_since', arguments: { since: first.id, label: 'Policy', limit: 100 } })) as CallToolResult;
      expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
      const out = res.structuredContent as { imports: { id: string }[]; added: { id: string; citation: { line: number; sentence: string } | null }[] };
      // The second import, and the unchanged re-import an earlier test recorded (which adds nothing).
      expect(out.imports[0]!.id).toBe(second.id);
      expect(out.added.map((a) => a.id).sort()).toEqual([...(expected.Policy ?? [])].sort());
      for (const a of out.added) expect(a.citation?.sentence.length).toBeGreaterThan(0);
      const bad = (await client.callTool({ name: 'changes_since', arguments: { since: 'last week' } })) as CallToolResult;
      expect(bad.isError).toBe(true);
    } finally {
      await client.close();
      server.close();
    }
  });
});
