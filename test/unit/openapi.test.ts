import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/api/app.js';
import { endpoints, openApiDocument, openApiPath } from '../../server/api/openapi/contract.js';
import type { Executor } from '../../server/graph/executor.js';

// Routers only keep the executor; nothing here reaches a database.
const app = createApp({ executor: {} as Executor });

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every route mounted in the app: method and full Express path, found by walking the router stacks. */
function mountedRoutes(stack: Layer[], prefix = ''): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods))
        if (on && method !== '_all') out.push(`${method} ${prefix}${layer.route.path}`.replace(/\/$/, ''));
    } else if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      out.push(...mountedRoutes(layer.handle.stack, prefix + mount));
    }
  }
  return out;
}

const doc = openApiDocument() as unknown as { openapi: string; paths: Record<string, Record<string, unknown>> };

describe('OpenAPI contract', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes every route mounted under /api, and nothing else', () => {
    const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
    const mounted = mountedRoutes(stack).filter((r) => r.split(' ')[1]!.startsWith('/api'));
    expect(mounted.length).toBeGreaterThanOrEqual(10);
    const described = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`));
    expect(new Set(mounted.map((r) => r.replace(/:(\w+)/g, '{$1}')))).toEqual(new Set(described));
    // Two methods on one path (GET and POST /api/views) share one path item.
    expect([...new Set(endpoints.map((e) => openApiPath(e.path)))].sort()).toEqual(Object.keys(doc.paths).sort());
  });

  it('is served at /api/openapi.json and rendered at /api/docs without external resources', async () => {
    const res = await request(app).get('/api/openapi.json').expect(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(doc)));
    const page = await request(app).get('/api/docs').expect(200).expect('content-type', /html/);
    expect(page.text).not.toMatch(/https?:\/\//);
    const script = await request(app)
      .get('/api/docs/render.js')
      .expect(200)
      .expect('content-type', /javascript/);
    expect(script.text).toContain("fetch('/api/openapi.json')");
  });

  it('stays public when API_TOKEN protects the rest of /api', async () => {
    const guarded = createApp({ executor: {} as Executor, options: { apiToken: 'a-long-enough-token', cypher: { timeoutMs: 1000, maxRows: 10 } } });
    await request(guarded).get('/api/openapi.json').expect(200);
    await request(guarded).get('/api/stats').expect(401);
  });
});

/** A concrete request for each endpoint (path parameters filled in). */
const sample = (p: string) =>
  p
    .replace(':id', p.startsWith('/api/views') ? 'AAAAAAAAAAAA' : p.startsWith('/api/corrections') ? 'c-aaaaaaaa-abcdef' : 'agency:MIIT')
    .replace(':name', 'agency-policies')
    .replace(':kind', 'agency');
const responsesOf = (e: (typeof endpoints)[number]) => (doc.paths[openApiPath(e.path)]![e.method] as { responses: Record<string, unknown> }).responses;
const send = (app: ReturnType<typeof createApp>, e: (typeof endpoints)[number]) =>
  e.method === 'get' ? request(app).get(sample(e.path)) : e.method === 'delete' ? request(app).delete(sample(e.path)) : request(app).post(sample(e.path));

describe('OpenAPI statuses (issue 32: 401/413/415/500 were left out where they occur)', () => {
  it('every status an operation answers without a database is documented on it (500s included)', async () => {
    // The executor here is empty: whatever reaches the database fails as a bug would, with a 500.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const undocumented: string[] = [];
    const statuses = new Set<number>();
    try {
      for (const e of endpoints) {
        const res = await send(app, e).send(e.method === 'get' ? undefined : {});
        statuses.add(res.status);
        if (!responsesOf(e)[String(res.status)]) undocumented.push(`${e.method} ${e.path}: ${res.status}`);
      }
    } finally {
      quiet.mockRestore();
    }
    expect(undocumented).toEqual([]);
    expect(statuses).toContain(500);
  });

  it('documents 401 on every operation behind the token, and answers it there', async () => {
    const guarded = createApp({ executor: {} as Executor, options: { apiToken: 'a-long-enough-token', cypher: {} } });
    for (const e of endpoints) {
      const res = await send(guarded, e);
      const isPublic = Array.isArray(e.operation.security) && e.operation.security.length === 0;
      expect(res.status === 401, `${e.method} ${e.path}`).toBe(!isPublic);
      expect('401' in responsesOf(e), `${e.method} ${e.path}`).toBe(!isPublic);
    }
  });

  it('documents 413 and 415 on every operation with a body, and answers them there', async () => {
    const withBody = endpoints.filter((e) => e.operation.requestBody);
    expect(withBody.length).toBeGreaterThanOrEqual(5);
    for (const e of withBody) {
      const big = await send(app, e)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ pad: 'x'.repeat(101 * 1024) }));
      expect(big.status, `${e.method} ${e.path}`).toBe(413);
      const latin1 = await send(app, e).set('content-type', 'application/json; charset=iso-8859-1').send('{}');
      expect(latin1.status, `${e.method} ${e.path}`).toBe(415);
      expect(Object.keys(responsesOf(e)), `${e.method} ${e.path}`).toEqual(expect.arrayContaining(['413', '415']));
    }
  });

  it('documents 403 (host guard) and 500 on every operation, and 503 on those that ask Neo4j', async () => {
    for (const e of endpoints) {
      expect(Object.keys(responsesOf(e)), `${e.method} ${e.path}`).toEqual(expect.arrayContaining(['403', '500']));
      expect((await send(app, e).set('Host', 'attacker.example')).status).toBe(403);
    }
    const views = endpoints.filter((e) => e.path.startsWith('/api/views'));
    for (const e of views) expect('503' in responsesOf(e)).toBe(false);
    expect('503' in responsesOf(endpoints.find((e) => e.path === '/api/stats')!)).toBe(true);
  });
});
