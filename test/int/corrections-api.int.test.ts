import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { CorrectionLog } from '../../server/curation/log.js';
import type { Executor } from '../../server/graph/executor.js';
import { SEED_FACTS } from '../helpers/seedFacts.js';
import { seedGraph, testDriver } from '../helpers/db.js';

let driver: Driver;
let executor: Executor;
let app: Express;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-corrections-api-'));
const log = new CorrectionLog(path.join(tmp, 'corrections.jsonl'));

const { keep: KEEP, drop: DROP, notACompany: NOT_A_COMPANY, notACompanyNews: YAHOO_NEWS, policy: POLICY, sector: SECTOR } = SEED_FACTS;

beforeAll(async () => {
  driver = testDriver();
  executor = await seedGraph(driver);
  app = createApp({ executor, options: { cypher: {}, correctionLog: log } });
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const post = (body: object) => request(app).post('/api/corrections').send(body);
const ids: Record<string, string> = {};

describe('POST /api/corrections', () => {
  it('merges two companies: the kept one shows both names and says who merged what, when and why', async () => {
    const before = (await request(app).get('/api/stats').expect(200)).body.labels.Company;
    const res = await post({ kind: 'merge', keep: KEEP, drop: DROP, reason: 'the same joint venture', author: 'ana' }).expect(201);
    expect(res.body).toMatchObject({ status: 'applied', correction: { kind: 'merge', keep: KEEP, drop: DROP, author: 'ana' } });
    ids.merge = res.body.correction.id;
    const detail = (await request(app).get(`/api/nodes/${KEEP}`).expect(200)).body;
    expect(detail.node.properties.name).toBe('Brilliance Auto');
    expect(detail.node.properties.curatedAliases).toEqual(expect.arrayContaining(['BMW Brilliance']));
    expect(detail.node.properties.curation).toBeUndefined();
    expect(detail.corrections).toEqual([expect.objectContaining({ id: ids.merge, kind: 'merge' })]);
    expect(detail.corrections[0].line).toMatch(
      /^corrected: merged from BMW Brilliance \(company:bmw-brilliance\) by ana on \d{4}-\d{2}-\d{2}: the same joint venture$/,
    );
    // DROP's evidence is KEEP's now, with its brief and sentence.
    expect(detail.provenance.flatMap((p: { brief: string }) => p.brief)).toEqual(expect.arrayContaining(['003_5dfaceee19610131', '004_5729922ff7017db5']));
    const gone = await request(app).get(`/api/nodes/${DROP}`).expect(404);
    expect(gone.body.error.message).toBe(`${DROP} was merged into ${KEEP} by correction ${ids.merge} (the same joint venture).`);
    expect((await request(app).get('/api/stats').expect(200)).body.labels.Company).toBe(before - 1);
    const hits = (await request(app).get('/api/search').query({ q: 'BMW Brilliance' }).expect(200)).body.results;
    expect(hits[0].id).toBe(KEEP);
    const report = await request(app).get(`/api/reports/company/${KEEP}`).query({ format: 'md' }).expect(200);
    expect(report.text).toMatch(/corrected: merged from BMW Brilliance \(company:bmw-brilliance\) by ana on \d{4}-\d{2}-\d{2}: the same joint venture/);
  });

  it('hides a rejected company from search, neighbours, paths, stats and reports', async () => {
    const before = (await request(app).get(`/api/nodes/${YAHOO_NEWS}/neighbors`).expect(200)).body.elements.nodes.map(
      (n: { data: { id: string } }) => n.data.id,
    );
    expect(before).toContain(NOT_A_COMPANY);
    ids.reject = (await post({ kind: 'reject', node: NOT_A_COMPANY, reason: 'a news site, not a company' }).expect(201)).body.correction.id;
    const search = (await request(app).get('/api/search').query({ q: 'Yahoo' }).expect(200)).body.results.map((r: { id: string }) => r.id);
    expect(search).not.toContain(NOT_A_COMPANY);
    const after = (await request(app).get(`/api/nodes/${YAHOO_NEWS}/neighbors`).expect(200)).body.elements.nodes.map(
      (n: { data: { id: string } }) => n.data.id,
    );
    expect(after).not.toContain(NOT_A_COMPANY);
    expect(after.length).toBe(before.length - 1);
    await request(app).get('/api/paths').query({ from: NOT_A_COMPANY, to: 'company:tesla' }).expect(404);
    await request(app).get(`/api/reports/company/${NOT_A_COMPANY}`).expect(404);
    const elements = (
      await request(app)
        .post('/api/nodes/elements')
        .send({ ids: [NOT_A_COMPANY, YAHOO_NEWS] })
        .expect(200)
    ).body.elements;
    expect(elements.nodes.map((n: { data: { id: string } }) => n.data.id)).toEqual([YAHOO_NEWS]);
  });

  it('rejects one relationship: the policy no longer reaches the sector through it', async () => {
    const edges = async () =>
      (await request(app).get(`/api/nodes/${POLICY}/neighbors`).query({ types: 'TARGETS' }).expect(200)).body.elements.edges.map(
        (e: { data: { target: string } }) => e.data.target,
      );
    expect(await edges()).toContain(SECTOR);
    ids.rejectRel = (await post({ kind: 'reject-rel', from: POLICY, type: 'TARGETS', to: SECTOR, reason: 'wrong sector' }).expect(201)).body.correction.id;
    expect(await edges()).not.toContain(SECTOR);
    const paths = (await request(app).get('/api/paths').query({ from: POLICY, to: SECTOR }).expect(200)).body.paths;
    expect(paths.every((p: { length: number }) => p.length > 1)).toBe(true);
    const detail = (await request(app).get(`/api/nodes/${POLICY}`).expect(200)).body;
    expect(detail.degree.find((d: { type: string }) => d.type === 'REJECTED')).toBeUndefined();
    expect(detail.corrections[0].line).toMatch(/^corrected: TARGETS → .* rejected on \d{4}-\d{2}-\d{2}: wrong sector$/);
  });

  it('lists every correction with its status, and the names of the nodes they mention', async () => {
    const { corrections: list, names } = (await request(app).get('/api/corrections').expect(200)).body;
    // The merged-away and the rejected node are named too, though neither is in the graph as such.
    expect(names).toMatchObject({ [KEEP]: 'Brilliance Auto', [DROP]: 'BMW Brilliance' });
    expect(names[NOT_A_COMPANY]).toMatch(/^Yahoo/i);
    expect(Object.keys(names)).toEqual(expect.arrayContaining([POLICY, SECTOR]));
    expect(list.map((l: { correction: { id: string }; status: string }) => [l.correction.id, l.status])).toEqual([
      [ids.merge, 'applied'],
      [ids.reject, 'applied'],
      [ids.rejectRel, 'applied'],
    ]);
  });

  it('keeps both of two corrections posted at once', async () => {
    const [a, b] = await Promise.all([
      post({ kind: 'alias', node: 'company:tesla', name: 'Tesla Inc' }),
      post({ kind: 'rename', node: 'company:byd', name: 'BYD Company' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const logged = log.read().corrections.map((c) => c.id);
    expect(logged).toEqual(expect.arrayContaining([a.body.correction.id, b.body.correction.id]));
    expect((await request(app).get('/api/nodes/company:byd').expect(200)).body.node.properties.name).toBe('BYD Company');
    expect((await request(app).get('/api/search').query({ q: 'Tesla Inc' }).expect(200)).body.results[0].id).toBe('company:tesla');
  });

  it('refuses bad input with 400 naming the field, and a correction of nothing with 404', async () => {
    expect((await post({ kind: 'merge', keep: KEEP, drop: 'agency:MIIT' }).expect(400)).body.error.message).toBe(
      'drop: only nodes of the same label can be merged',
    );
    expect((await post({ kind: 'explode', node: KEEP }).expect(400)).body.error.message).toMatch(/^kind: /);
    expect((await post({ kind: 'link', from: 'company:tesla', type: 'MENTIONED_IN', to: POLICY }).expect(400)).body.error.message).toMatch(/^note: /);
    expect((await post({ kind: 'merge', keep: KEEP, drop: 'company:nobody-at-all' }).expect(404)).body.error.message).toBe(
      'Nothing to correct: no node company:nobody-at-all to merge.',
    );
    expect((await post({ kind: 'reject-rel', from: POLICY, type: 'TARGETS', to: 'sector:batteries' }).expect(404)).body.error.message).toMatch(
      /^Nothing to correct: no TARGETS from/,
    );
    await request(app).delete('/api/corrections/not-an-id').expect(400);
    expect((await request(app).delete('/api/corrections/c-aaaaaaaa-abcdef').expect(404)).body.error.message).toBe('No correction with id "c-aaaaaaaa-abcdef".');
    expect(log.read().corrections.some((c) => JSON.stringify(c).includes('nobody-at-all'))).toBe(false);
  });
});

describe('DELETE /api/corrections/:id', () => {
  it('undoes a merge: both companies are back, the log keeps both lines, a second undo is 409', async () => {
    const res = await request(app).delete(`/api/corrections/${ids.merge}`).query({ reason: 'two firms after all' }).expect(200);
    expect(res.body.correction).toMatchObject({ kind: 'undo', target: ids.merge, reason: 'two firms after all' });
    expect((await request(app).get(`/api/nodes/${DROP}`).expect(200)).body.node.properties.name).toBe('BMW Brilliance');
    const keep = (await request(app).get(`/api/nodes/${KEEP}`).expect(200)).body;
    expect(keep.node.properties.curatedAliases).toBeUndefined();
    expect(keep.corrections).toEqual([]);
    await request(app).delete(`/api/corrections/${ids.merge}`).expect(409);
    await request(app).delete(`/api/corrections/${res.body.correction.id}`).expect(400);
    const list = (await request(app).get('/api/corrections').expect(200)).body.corrections;
    expect(list.find((l: { correction: { id: string } }) => l.correction.id === ids.merge)).toMatchObject({
      status: 'undone',
      undoneBy: res.body.correction.id,
    });
  });
});

describe('with API_TOKEN set', () => {
  it('every corrections route answers 401 without the token', async () => {
    const locked = createApp({ executor, options: { cypher: {}, correctionLog: log, apiToken: 'a-long-enough-test-token' } });
    await request(locked).get('/api/corrections').expect(401);
    await request(locked).post('/api/corrections').send({ kind: 'reject', node: 'company:tesla' }).expect(401);
    await request(locked).delete(`/api/corrections/${ids.reject}`).expect(401);
    await request(locked).get('/api/corrections').set('Authorization', 'Bearer a-long-enough-test-token').expect(200);
    expect((await request(app).get('/api/nodes/company:tesla').expect(200)).body.node.label).toBe('Company');
  });
});
