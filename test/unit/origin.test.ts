import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, defaultAppOptions, type AppOptions } from '../../server/api/app.js';
import { parseConfig } from '../../server/config.js';
import type { Executor } from '../../server/graph/executor.js';

// Saving a view changes state and needs no database: the write the guard must stop.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-origin-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const appWith = (options: Partial<AppOptions> = {}) => createApp({ executor: {} as Executor, options: { ...defaultAppOptions, viewsDir: dir, ...options } });
const view = { nodes: [], zoom: 1, pan: { x: 0, y: 0 } };
const save = (app: ReturnType<typeof appWith>, host: string, origin?: string, site?: string) => {
  let req = request(app).post('/api/views').set('Host', host);
  if (origin !== undefined) req = req.set('Origin', origin);
  if (site !== undefined) req = req.set('Sec-Fetch-Site', site);
  return req.send(view);
};

describe('Origin check on requests that change state (issue 32: every local port was trusted)', () => {
  const app = appWith();

  it('refuses a page on another port of this machine', async () => {
    for (const origin of ['http://localhost:8080', 'http://127.0.0.1:5000', 'http://[::1]:9999', 'https://localhost:3000']) {
      const res = await save(app, '127.0.0.1:3000', origin);
      expect(res.status, origin).toBe(403);
      expect(res.body.error.message).toMatch(/may not change anything here.*ALLOWED_ORIGINS/);
    }
    // Another port without an Origin header is "same-site" to the browser: refused too.
    expect((await save(app, '127.0.0.1:3000', undefined, 'same-site')).status).toBe(403);
    expect((await save(app, '127.0.0.1:3000', 'null')).status).toBe(403);
  });

  it("accepts the app's own origin, with default ports written or not, and tools that send no Origin", async () => {
    expect((await save(app, '127.0.0.1:3000', 'http://127.0.0.1:3000')).status).toBe(201);
    expect((await save(app, 'LOCALHOST:3000', 'http://localhost:3000')).status).toBe(201);
    expect((await save(app, 'localhost:80', 'http://localhost')).status).toBe(201);
    expect((await save(app, '127.0.0.1:3000', undefined, 'same-origin')).status).toBe(201);
    expect((await save(app, '127.0.0.1:3000')).status).toBe(201); // curl
    // Reading is not a change: other origins cannot read the answer anyway (no CORS headers).
    expect((await request(app).get('/api/views').set('Host', '127.0.0.1:3000').set('Origin', 'http://localhost:8080')).status).toBe(200);
  });

  it('keeps the vite dev server working: its proxy keeps the Host, or its origin is configured', async () => {
    // `npm run dev:client`: vite.config.ts proxies /api with changeOrigin off, so Host and Origin both name :5173.
    expect((await save(app, 'localhost:5173', 'http://localhost:5173')).status).toBe(201);
    // A proxy that rewrites Host needs the page's origin in ALLOWED_ORIGINS.
    expect((await save(app, '127.0.0.1:3000', 'http://localhost:5173')).status).toBe(403);
    const dev = appWith({ allowedOrigins: ['http://localhost:5173'] });
    expect((await save(dev, '127.0.0.1:3000', 'http://localhost:5173')).status).toBe(201);
    expect((await save(dev, '127.0.0.1:3000', 'http://localhost:5174')).status).toBe(403);
  });

  it('vite.config.ts keeps the Host of the dev page', async () => {
    const { default: config } = (await import('../../vite.config.js')) as { default: { server: { proxy: Record<string, { changeOrigin?: boolean }> } } };
    expect(config.server.proxy['/api']).toMatchObject({ changeOrigin: false });
  });

  it('ALLOWED_ORIGINS is parsed and checked at start-up', () => {
    expect(parseConfig({ ALLOWED_ORIGINS: 'http://localhost:5173, https://graph.example.org' }).ALLOWED_ORIGINS).toEqual([
      'http://localhost:5173',
      'https://graph.example.org',
    ]);
    expect(parseConfig({}).ALLOWED_ORIGINS).toEqual([]);
    expect(() => parseConfig({ ALLOWED_ORIGINS: 'localhost:5173' })).toThrow(/ALLOWED_ORIGINS\.0: expected origins such as/);
  });
});
