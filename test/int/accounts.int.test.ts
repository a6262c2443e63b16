import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Request, Response } from 'express';
import type { Express } from 'express';
import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserStore } from '../../server/accounts/users.js';
import { signIn } from '../../server/api/accounts/signIn.js';
import { createApp } from '../../server/api/app.js';
import { CorrectionLog } from '../../server/curation/log.js';
import type { Executor } from '../../server/graph/executor.js';
import { SEED_FACTS } from '../helpers/seedFacts.js';
import { seedGraph, testDriver } from '../helpers/db.js';

let driver: Driver;
let executor: Executor;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-accounts-'));
const stateDir = path.join(tmp, 'state');
const users = new UserStore(path.join(stateDir, 'users.json'));
const log = new CorrectionLog(path.join(tmp, 'corrections.jsonl'));
const tokens: Record<string, string> = {};
let app: Express;

const appWith = (options: { trustProxyUser?: boolean; stateDir?: string; apiToken?: string } = {}) =>
  createApp({ executor, options: { cypher: {}, correctionLog: log, stateDir, ...options } });
const auditLines = () =>
  fs
    .readFileSync(path.join(stateDir, 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { who: string; what: string; from: string; at: string; detail?: string });
const bearer = (name: string) => ({ authorization: `Bearer ${tokens[name]}` });

beforeAll(async () => {
  driver = testDriver();
  executor = await seedGraph(driver);
  for (const [name, role] of [
    ['vera', 'viewer'],
    ['ana', 'analyst'],
    ['adam', 'admin'],
  ] as const)
    tokens[name] = users.add(name, role).token;
  app = appWith();
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('accounts and roles', () => {
  it('keeps no token in clear: the users file holds only SHA-256 hashes', () => {
    const file = fs.readFileSync(path.join(stateDir, 'users.json'), 'utf8');
    for (const token of Object.values(tokens)) {
      expect(token).toMatch(/^pgu_[A-Za-z0-9_-]{43}$/);
      expect(file).not.toContain(token);
      expect(file).not.toContain(token.slice(4));
    }
    expect(JSON.parse(file).users.map((u: { tokenHash: string }) => u.tokenHash)).toEqual([
      expect.stringMatching(/^[a-f0-9]{64}$/),
      expect.any(String),
      expect.any(String),
    ]);
  });

  it('answers 401 without a token or with a wrong one, and reads for a viewer', async () => {
    const none = await request(app).get('/api/stats').expect(401);
    expect(none.body.error.message).toMatch(/Sign in/);
    await request(app).get('/api/stats').set('authorization', 'Bearer pgu_not-a-token').expect(401);
    await request(app).get('/api/stats').set(bearer('vera')).expect(200);
    const me = await request(app).get('/api/me').set(bearer('vera')).expect(200);
    expect(me.body).toEqual({ accounts: true, name: 'vera', role: 'viewer', via: 'token' });
    // The contract stays public.
    await request(app).get('/api/openapi.json').expect(200);
  });

  it("refuses a viewer's correction (403) and records an analyst's under their own name, not the body's", async () => {
    const body = { kind: 'alias', node: SEED_FACTS.keep, name: 'Brilliance Test Alias', author: 'mallory' };
    const refused = await request(app).post('/api/corrections').set(bearer('vera')).send(body).expect(403);
    expect(refused.body.error.message).toMatch(/vera is a viewer; this needs the analyst role/);
    expect(log.read().corrections).toHaveLength(0);
    const made = await request(app).post('/api/corrections').set(bearer('ana')).send(body).expect(201);
    expect(made.body.correction.author).toBe('ana');
    expect(log.read().corrections.map((c) => c.author)).toEqual(['ana']);
    const listed = await request(app).get('/api/corrections').set(bearer('vera')).expect(200);
    expect(listed.body.corrections[0].correction.author).toBe('ana');
    const undone = await request(app).delete(`/api/corrections/${made.body.correction.id}`).query({ author: 'mallory' }).set(bearer('ana')).expect(200);
    expect(undone.body.correction.author).toBe('ana');
  });

  it('records the author of a saved view; a viewer may read it but not save one', async () => {
    const view = { name: 'accounts test', nodes: [[SEED_FACTS.keep, 0, 0]], zoom: 1, pan: { x: 0, y: 0 } };
    await request(app).post('/api/views').set(bearer('vera')).send(view).expect(403);
    const saved = await request(app).post('/api/views').set(bearer('ana')).send(view).expect(201);
    const got = await request(app).get(`/api/views/${saved.body.id}`).set(bearer('vera')).expect(200);
    expect(got.body.author).toBe('ana');
    const list = await request(app).get('/api/views').set(bearer('vera')).expect(200);
    expect(list.body.views.find((v: { id: string }) => v.id === saved.body.id).author).toBe('ana');
  });

  it('lets only an admin manage users; a new token works at once and stops at revoke', async () => {
    await request(app).post('/api/users').set(bearer('ana')).send({ name: 'nia', role: 'analyst' }).expect(403);
    await request(app).get('/api/users').set(bearer('ana')).expect(403);
    const made = await request(app).post('/api/users').set(bearer('adam')).send({ name: 'nia', role: 'analyst' }).expect(201);
    expect(made.body.user).toMatchObject({ name: 'nia', role: 'analyst' });
    const nia = { authorization: `Bearer ${made.body.token}` };
    expect((await request(app).get('/api/me').set(nia).expect(200)).body.name).toBe('nia');
    const list = await request(app).get('/api/users').set(bearer('adam')).expect(200);
    expect(list.body.users.map((u: { name: string }) => u.name)).toEqual(['vera', 'ana', 'adam', 'nia']);
    expect(JSON.stringify(list.body)).not.toMatch(/tokenHash|pgu_/);
    await request(app).post('/api/users').set(bearer('adam')).send({ name: 'nia', role: 'admin' }).expect(409);
    await request(app).delete('/api/users/nia').set(bearer('adam')).expect(200);
    await request(app).get('/api/me').set(nia).expect(401);
  });

  it('has one audit line per write, with its author and address; readable by admins only, newest first', async () => {
    const lines = auditLines();
    expect(lines.map((l) => [l.who, l.what])).toEqual([
      ['ana', 'POST /api/corrections'],
      ['ana', 'DELETE /api/corrections/' + lines[1]!.what.split('/').pop()],
      ['ana', 'POST /api/views'],
      ['adam', 'POST /api/users'],
      ['adam', 'DELETE /api/users/nia'],
    ]);
    expect(lines[0]!.detail).toMatch(/^alias c-/);
    for (const l of lines) {
      expect(l.from).toMatch(/127\.0\.0\.1|::1/);
      expect(Date.parse(l.at)).not.toBeNaN();
    }
    await request(app).get('/api/audit').set(bearer('ana')).expect(403);
    const page = await request(app).get('/api/audit').query({ limit: 2 }).set(bearer('adam')).expect(200);
    expect(page.body).toMatchObject({ total: 5, next: 2 });
    expect(page.body.entries.map((e: { what: string }) => e.what)).toEqual(['DELETE /api/users/nia', 'POST /api/users']);
    // Reads (the console included) write nothing to the audit log.
    await request(app).post('/api/cypher').set(bearer('vera')).send({ query: 'RETURN 1 AS one' }).expect(200);
    expect(auditLines()).toHaveLength(5);
  });
});

describe('the proxy user header (oauth2-proxy)', () => {
  it('is ignored unless TRUST_PROXY_USER is on', async () => {
    await request(app).get('/api/me').set('x-forwarded-user', 'adam').expect(401);
    const trusting = appWith({ trustProxyUser: true });
    const me = await request(trusting).get('/api/me').set('x-forwarded-user', 'ana').expect(200);
    expect(me.body).toMatchObject({ name: 'ana', role: 'analyst', via: 'proxy' });
    await request(trusting).get('/api/me').set('x-forwarded-user', 'stranger').expect(401);
  });

  it('is ignored on a connection from another machine, even when on', () => {
    const middleware = signIn({ users, trustProxyUser: true });
    const outcome = (remoteAddress: string) => {
      const headers: Record<string, string> = { 'x-forwarded-user': 'adam' };
      const req = { socket: { remoteAddress }, get: (h: string) => headers[h.toLowerCase()] } as unknown as Request;
      const res = { set: () => res } as unknown as Response;
      let passed: unknown = 'not called';
      middleware(req, res, (err?: unknown) => (passed = err));
      return passed;
    };
    expect(outcome('127.0.0.1')).toBeUndefined();
    expect(outcome('::ffff:127.0.0.1')).toBeUndefined();
    expect(outcome('192.168.1.20')).toMatchObject({ status: 401 });
    expect(outcome('::ffff:10.0.0.5')).toMatchObject({ status: 401 });
  });
});

describe('API_TOKEN with users configured', () => {
  // Kept on purpose: a deploy script signs in with the shared token (docs/security.md).
  it('signs in as the admin "api-token", and the audit log names it', async () => {
    const scripted = path.join(tmp, 'scripted');
    new UserStore(path.join(scripted, 'users.json')).add('ana', 'analyst');
    const withToken = appWith({ stateDir: scripted, apiToken: 'a-long-shared-token-1234' });
    const script = { authorization: 'Bearer a-long-shared-token-1234' };
    expect((await request(withToken).get('/api/me').set(script).expect(200)).body).toMatchObject({ name: 'api-token', role: 'admin' });
    await request(withToken).get('/api/users').set(script).expect(200);
    await request(withToken).get('/api/users').set('authorization', 'Bearer a-long-shared-token-1235').expect(401);
    const view = await request(withToken)
      .post('/api/views')
      .set(script)
      .send({ name: 'deployed', nodes: [[SEED_FACTS.keep, 0, 0]], zoom: 1, pan: { x: 0, y: 0 } })
      .expect(201);
    expect(view.body.author).toBe('api-token');
    const audit = fs
      .readFileSync(path.join(scripted, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { who: string; what: string });
    expect(audit.map((l) => [l.who, l.what])).toEqual([['api-token', 'POST /api/views']]);
  });
});

describe('with no users configured', () => {
  it('works as before: no sign-in, the author from the body, the optional API_TOKEN', async () => {
    const solo = appWith({ stateDir: path.join(tmp, 'solo') });
    expect((await request(solo).get('/api/me').expect(200)).body).toEqual({ accounts: false });
    const made = await request(solo).post('/api/corrections').send({ kind: 'alias', node: SEED_FACTS.keep, name: 'Solo Alias', author: 'me' }).expect(201);
    expect(made.body.correction.author).toBe('me');
    await request(solo).delete(`/api/corrections/${made.body.correction.id}`).expect(200);
    const guarded = appWith({ stateDir: path.join(tmp, 'solo'), apiToken: 'a-long-shared-token-1234' });
    await request(guarded).get('/api/stats').expect(401);
    await request(guarded).get('/api/stats').set('authorization', 'Bearer a-long-shared-token-1234').expect(200);
  });
});

describe('notes', () => {
  it("keeps an analyst's note on a node and on a saved view with author and date; a viewer reads but may not write", async () => {
    const target = SEED_FACTS.policy;
    await request(app).post('/api/notes').set(bearer('vera')).send({ target, text: 'no' }).expect(403);
    const made = await request(app)
      .post('/api/notes')
      .set(bearer('ana'))
      .send({ target, text: 'checked against the gov.cn text', author: 'mallory' })
      .expect(201);
    expect(made.body).toMatchObject({ target, text: 'checked against the gov.cn text', author: 'ana' });
    const view = await request(app)
      .post('/api/views')
      .set(bearer('ana'))
      .send({ nodes: [[target, 0, 0]], zoom: 1, pan: { x: 0, y: 0 } })
      .expect(201);
    await request(app)
      .post('/api/notes')
      .set(bearer('ana'))
      .send({ target: `view:${view.body.id}`, text: 'the 2023 pilots' })
      .expect(201);
    const listed = await request(app).get('/api/notes').query({ target }).set(bearer('vera')).expect(200);
    expect(listed.body.notes).toEqual([expect.objectContaining({ author: 'ana', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) })]);
    const onView = await request(app)
      .get('/api/notes')
      .query({ target: `view:${view.body.id}` })
      .set(bearer('vera'))
      .expect(200);
    expect(onView.body.notes.map((n: { text: string }) => n.text)).toEqual(['the 2023 pilots']);
    await request(app).post('/api/notes').set(bearer('ana')).send({ target, text: '\ud800' }).expect(400);
    await request(app)
      .post('/api/notes')
      .set(bearer('ana'))
      .send({ target, text: 'x'.repeat(501) })
      .expect(400);
    expect(
      auditLines()
        .filter((l) => l.what === 'POST /api/notes')
        .map((l) => l.who),
    ).toEqual(['ana', 'ana']);
  });
});
