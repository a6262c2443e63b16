import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, defaultAppOptions } from '../../server/api/app.js';
import type { Executor } from '../../server/graph/executor.js';
import { encodeView } from '../../client/src/url.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-views-'));
const app = createApp({ executor: {} as Executor, options: { ...defaultAppOptions, viewsDir: dir } });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const bigView = (n: number) => ({
  name: 'Five hundred',
  nodes: Array.from({ length: n }, (_, i) => [
    `policy:2024-03-06:implementation-plan-number-${i}`,
    Math.round(Math.sin(i) * 8000) / 10 || 0,
    Math.round(Math.cos(i) * 8000) / 10 || 0,
  ]),
  zoom: 0.8123,
  pan: { x: 412.5, y: -33.25 },
  selected: ['policy:2024-03-06:implementation-plan-number-7'],
  range: { from: '2022', to: '2024-06' },
  paths: { from: 'company:tesla', to: 'agency:MIIT', only: 1 },
  panel: { kind: 'node', id: 'agency:MIIT' },
  query: { name: 'agency-policies', params: { agency: 'agency:NDRC' } },
});

describe('stored views', () => {
  it('a 500-node view round-trips exactly and its link stays short', async () => {
    const view = bigView(500);
    const created = await request(app).post('/api/views').send(view).expect(201);
    const link = `http://localhost:3000/${encodeView({ nodes: [], view: created.body.id as string })}`;
    expect(link.length).toBeLessThan(60);
    const back = await request(app)
      .get(`/api/views/${created.body.id as string}`)
      .expect(200);
    expect(back.body.view).toEqual(view);
    const list = await request(app).get('/api/views').expect(200);
    expect(list.body.views).toEqual([expect.objectContaining({ id: created.body.id, name: 'Five hundred', nodes: 500 })]);
  });

  it('1,500 nodes fit the 100 kB body limit; more are refused', async () => {
    await request(app).post('/api/views').send(bigView(1500)).expect(201);
    await request(app).post('/api/views').send(bigView(1501)).expect(400);
  });

  it('refuses malformed views and unknown ids without touching the file system outside its folder', async () => {
    await request(app)
      .post('/api/views')
      .send({ nodes: [['x', 1, 2]], zoom: 1, pan: { x: 0, y: 0 } })
      .expect(400);
    await request(app)
      .post('/api/views')
      .send({ ...bigView(1), extra: 1 })
      .expect(400);
    await request(app)
      .post('/api/views')
      .send({ ...bigView(1), zoom: -1 })
      .expect(400);
    await request(app).get('/api/views/..%2F..%2Fpackage').expect(404);
    await request(app).get('/api/views/AAAAAAAAAAAA').expect(404);
  });
});
