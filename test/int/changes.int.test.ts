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
  app = createApp({ executor: testExecutor(driver), options: { cypher: {}, changeLog: log, viewsDir: path.join(tmp, 'views') } });
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
