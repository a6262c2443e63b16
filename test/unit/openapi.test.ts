import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
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
