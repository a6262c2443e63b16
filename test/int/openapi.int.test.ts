import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Express } from 'express';
import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/api/app.js';
import { endpoints, openApiDocument, openApiPath } from '../../server/api/openapi/contract.js';
import { CorrectionLog } from '../../server/curation/log.js';
import { applySchema } from '../../server/graph/schema.js';
import { importSeedsIfEmpty } from '../../server/import/seeds.js';
import { ChangeLog } from '../../server/changes/store.js';
import { clearGraph, testDriver, testExecutor } from '../helpers/db.js';

// Real responses, recorded from the app on the seeded graph, checked against /api/openapi.json.
const doc = JSON.parse(JSON.stringify(openApiDocument())) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ ...doc, $id: 'openapi' });
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The spec's template for a concrete request path, e.g. /api/nodes/agency:MIIT → /api/nodes/{id}. */
function template(method: string, url: string): string {
  const path = url.split('?')[0]!;
  const match = endpoints.find((e) => e.method === method && new RegExp(`^${e.path.replace(/:\w+/g, '[^/]+')}$`).test(path));
  if (!match) throw new Error(`No endpoint in the contract for ${method} ${path}`);
  return openApiPath(match.path);
}

let driver: Driver;
let app: Express;
const recorded: { method: string; url: string; status: number; type: string; body: unknown }[] = [];
/** Once the test has added a user, every call signs in as them. */
let token: string | undefined;

async function call(method: 'get' | 'post' | 'put' | 'delete', url: string, body?: unknown) {
  const auth = token ? { authorization: `Bearer ${token}` } : {};
  const res =
    method === 'get'
      ? await request(app).get(url).set(auth)
      : method === 'delete'
        ? await request(app).delete(url).set(auth)
        : method === 'put'
          ? await request(app)
              .put(url)
              .set(auth)
              .send(body as object)
          : await request(app)
              .post(url)
              .set(auth)
              .send(body as object);
  const type = String(res.headers['content-type']).split(';')[0]!;
  recorded.push({ method, url, status: res.status, type, body: type === 'application/json' ? res.body : res.text });
  return res;
}

beforeAll(async () => {
  driver = testDriver();
  await clearGraph(driver);
  const executor = testExecutor(driver);
  await applySchema(executor);
  const viewsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-views-'));
  // The seed import is recorded in a throwaway history, not the checkout's .data/changes.
  const changeLog = new ChangeLog(path.join(viewsDir, 'changes'));
  await importSeedsIfEmpty(executor, undefined, changeLog);
  // A seed that failed to import (its reason is on stderr) must stop the file here, not surface
  // later as an empty search.
  const briefs = await driver.executeQuery('MATCH (b:Brief) RETURN count(b) AS n');
  expect(Number(briefs.records[0]?.get('n'))).toBe(5);
  // Corrections go to a throwaway file, not the checkout's curation/corrections.jsonl.
  const correctionLog = new CorrectionLog(path.join(viewsDir, 'corrections.jsonl'));
  app = createApp({
    executor,
    options: { cypher: { timeoutMs: 5000, maxRows: 50 }, viewsDir, stateDir: viewsDir, correctionLog, changeLog, watchDir: path.join(viewsDir, 'watch') },
  });

  await call('get', '/api/health');
  const search = await call('get', '/api/search?q=MIIT&labels=Agency,Policy&limit=5');
  const agency = search.body.results[0].id as string;
  const policy = (await call('get', '/api/search?q=policy&labels=Policy')).body.results[0]?.id as string;
  await call('get', `/api/nodes/${encodeURIComponent(agency)}`);
  await call('get', `/api/nodes/${encodeURIComponent(agency)}/neighbors?limit=20&from=2020`);
  await call('post', '/api/nodes/elements', { ids: [agency, policy] });
  await call('post', '/api/nodes/measures', { ids: [agency, policy] });
  await call('get', '/api/duplicates?limit=5');
  await call('get', `/api/paths?from=${encodeURIComponent(agency)}&to=${encodeURIComponent(policy)}`);
  await call('post', '/api/cypher', { query: 'MATCH (a:Agency)-[r]-(b) RETURN a, r, b LIMIT 3' });
  const saved = await call('get', '/api/queries');
  await call('post', `/api/queries/${saved.body.queries[0].name}/run`, {});
  const view = await call('post', '/api/views', { name: 'contract', nodes: [[agency, 10, 20]], zoom: 1, pan: { x: 0, y: 0 } });
  await call('post', '/api/views', { name: 'contract, later', nodes: [], zoom: 1, pan: { x: 0, y: 0 } });
  await call('get', `/api/views/${view.body.id as string}`);
  await call('get', '/api/views');
  const page = await call('get', '/api/views?limit=1');
  if (page.body.next !== undefined) await call('get', `/api/views?limit=1&cursor=${page.body.next as number}`);
  await call('get', '/api/views?limit=0');
  await call('post', '/api/views', { name: 'x', nodes: [], zoom: 1, pan: { x: 0, y: 0 }, layout: 'x'.repeat(200 * 1024) });
  await call('post', '/api/views', { nodes: 'no', zoom: 1, pan: { x: 0, y: 0 } });
  await call('get', '/api/views/AAAAAAAAAAAA');
  await call('get', '/api/stats');
  await call('get', '/api/stats/overview');
  await call('get', '/api/stats/timeline');
  await call('get', `/api/related/${encodeURIComponent(agency)}`);
  await call('get', '/api/reports/agency/MIIT?format=json');
  await call('get', '/api/reports/agency/MIIT?format=md');
  await call('get', '/api/reports/agency/MIIT/items?section=policies&offset=5&limit=5');
  await call('get', '/api/reports/company/Tesla/items?section=mentions&format=csv');
  await call('get', '/api/stats/overview');
  await call('get', '/api/stats/timeline');
  await call('get', `/api/related/${encodeURIComponent(agency)}`);
  const made = await call('post', '/api/corrections', { kind: 'alias', node: agency, name: 'The Ministry', reason: 'contract test' });
  await call('post', '/api/corrections', { kind: 'merge', keep: agency, drop: 'company:tesla' });
  await call('post', '/api/corrections', { kind: 'reject', node: 'company:no-such-company-at-all' });
  await call('get', '/api/corrections');
  await call('delete', `/api/corrections/${made.body.correction.id as string}`);
  await call('delete', '/api/corrections/c-aaaaaaaa-abcdef');
  await call('get', '/api/openapi.json');
  await call('get', '/api/docs');
  await call('get', '/api/changes');
  await call('get', '/api/changes?since=yesterday');
  const list = await call('post', '/api/watchlists', { name: 'contract', entities: ['company:tesla'] });
  await call('post', '/api/watchlists', { name: '', entities: ['brief:x'] });
  await call('get', '/api/watchlists');
  await call('get', `/api/watchlists/${list.body.id as string}`);
  await call('put', `/api/watchlists/${list.body.id as string}`, { name: 'contract', entities: ['company:tesla', 'agency:MIIT'] });
  await call('get', `/api/watchlists/${list.body.id as string}/feed`);
  await call('delete', `/api/watchlists/${list.body.id as string}`);
  await call('get', `/api/watchlists/${list.body.id as string}/feed`);
  await call('get', '/api/trends/agency:MIIT');
  await call('get', '/api/trends/compare?ids=agency:MIIT,agency:NDRC');
  await call('get', '/api/trends/compare?ids=agency:MIIT');
  // Errors have their documented shape too.
  await call('get', '/api/nodes/agency:NOPE');
  await call('get', '/api/search?q=');
  await call('post', '/api/cypher', { query: 'CREATE (n)' });
  await call('get', '/api/reports/company/no-such-company-at-all?format=json');
  const note = await call('post', '/api/notes', { target: agency, text: 'checked against the gov.cn text' });
  await call('post', '/api/notes', { target: 'brief-nope', text: 'x' });
  await call('get', `/api/notes?target=${encodeURIComponent(agency)}`);
  await call('delete', `/api/notes/${note.body.id as string}`);
  await call('delete', '/api/notes/nope');
  // Accounts last: once a user exists, every call needs a token.
  await call('get', '/api/me');
  await call('get', '/api/users');
  await call('get', '/api/audit?limit=5');
  const admin = await call('post', '/api/users', { name: 'contract-admin', role: 'admin' });
  await call('get', '/api/me');
  token = admin.body.token as string;
  await call('get', '/api/me');
  await call('post', '/api/users', { name: 'contract-admin', role: 'viewer' });
  await call('post', '/api/users', { name: 'has space', role: 'viewer' });
  await call('delete', '/api/users/nobody');
  await call('get', '/api/audit?limit=2');
  await call('delete', '/api/users/contract-admin');
});
afterAll(async () => driver.close());

describe('recorded responses', () => {
  it('each validate against the schema the contract gives for their route, status and content type', () => {
    expect(recorded.length).toBeGreaterThan(15);
    const problems: string[] = [];
    for (const r of recorded) {
      const path = template(r.method, r.url);
      const responses = doc.paths[path]?.[r.method]?.responses ?? {};
      if (!responses[String(r.status)]) {
        problems.push(`${r.method} ${r.url}: status ${r.status} is not documented`);
        continue;
      }
      if (r.status === 204) continue; // No Content: no body, no content type to check
      if (!responses[String(r.status)]!.content?.[r.type]) {
        problems.push(`${r.method} ${r.url}: ${r.status} ${r.type} is not documented`);
        continue;
      }
      const validate = ajv.getSchema(`openapi#/${pointer('paths', path, r.method, 'responses', String(r.status), 'content', r.type, 'schema')}`)!;
      if (!validate(r.body)) problems.push(`${r.method} ${r.url}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(problems).toEqual([]);
  });

  it('cover every endpoint of the contract', () => {
    const covered = new Set(recorded.map((r) => `${r.method} ${template(r.method, r.url)}`));
    const missing = endpoints.map((e) => `${e.method} ${openApiPath(e.path)}`).filter((e) => !covered.has(e) && e !== 'get /api/docs/render.js');
    expect(missing).toEqual([]);
  });
});
