import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createApp, defaultAppOptions } from '../../server/api/app.js';
import type { Executor } from '../../server/graph/executor.js';
import { encodeView } from '../../client/src/url.js';
import { viewSchema, ViewStore } from '../../server/api/views/store.js';

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

/** A store in a folder of its own, with small limits so a test fills it quickly. */
function freshDir(): string {
  return fs.mkdtempSync(path.join(dir, 'store-'));
}
const smallView = (name?: string) => ({ ...(name ? { name } : {}), nodes: [['agency:MIIT', 1, 2]], zoom: 1, pan: { x: 0, y: 0 } });
const viewFiles = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith('.json'));

describe('stored views at scale (issue 32: 10,000 views made each listing read 665 MB)', () => {
  it('listing reads only the index: after a restart, paging through 400 views reads one file, never synchronously', async () => {
    const d = freshDir();
    const first = new ViewStore(d);
    const named: string[] = [];
    for (let i = 0; i < 400; i++) {
      const saved = await first.save(viewSchema.parse(smallView(i % 4 === 3 ? undefined : `view ${i}`)));
      if (saved.view.name) named.push(saved.id);
    }
    expect(viewFiles(d)).toHaveLength(400);

    // As after a restart: a new store on the same folder.
    const store = new ViewStore(d);
    const reads = vi.spyOn(fs.promises, 'readFile');
    const syncReads = [vi.spyOn(fs, 'readFileSync'), vi.spyOn(fs, 'readdirSync'), vi.spyOn(fs, 'statSync')];
    try {
      const seen: string[] = [];
      let cursor: number | undefined;
      let pages = 0;
      do {
        const page = await store.list(40, cursor);
        expect(page.views.length).toBeLessThanOrEqual(40);
        expect(page.total).toBe(300);
        seen.push(...page.views.map((v) => v.id));
        cursor = page.next;
        pages++;
      } while (cursor !== undefined);
      expect(pages).toBe(Math.ceil(300 / 40));
      // Every named view once, newest first.
      expect(seen).toEqual([...named].reverse());
      expect(reads.mock.calls.map((c) => path.basename(String(c[0])))).toEqual(['index.jsonl']);
      for (const s of syncReads) expect(s).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
      for (const s of syncReads) s.mockRestore();
    }
  });

  it('pages over HTTP with limit and cursor; a view saved meanwhile does not shift the next page', async () => {
    const d = freshDir();
    const paged = createApp({ executor: {} as Executor, options: { ...defaultAppOptions, viewsDir: d } });
    for (let i = 0; i < 5; i++)
      await request(paged)
        .post('/api/views')
        .send(smallView(`v${i}`))
        .expect(201);
    const one = await request(paged).get('/api/views?limit=2').expect(200);
    expect(one.body.views.map((v: { name: string }) => v.name)).toEqual(['v4', 'v3']);
    expect(one.body).toMatchObject({ total: 5, next: 3 });
    await request(paged).post('/api/views').send(smallView('v5')).expect(201);
    const two = await request(paged)
      .get(`/api/views?limit=2&cursor=${one.body.next as number}`)
      .expect(200);
    expect(two.body.views.map((v: { name: string }) => v.name)).toEqual(['v2', 'v1']);
    const last = await request(paged)
      .get(`/api/views?limit=2&cursor=${two.body.next as number}`)
      .expect(200);
    expect(last.body.views.map((v: { name: string }) => v.name)).toEqual(['v0']);
    expect(last.body.next).toBeUndefined();
    const all = await request(paged).get('/api/views').expect(200);
    expect(all.body.views).toHaveLength(6);
    await request(paged).get('/api/views?limit=201').expect(400);
    await request(paged).get('/api/views?cursor=-1').expect(400);
  });

  it('a folder from before the index is indexed once, in the background; removed files drop out and a torn index line is repaired', async () => {
    const d = freshDir();
    const old = new ViewStore(d);
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push((await old.save(viewSchema.parse(smallView(`old ${i}`)))).id);
    fs.rmSync(path.join(d, 'index.jsonl'));
    fs.rmSync(path.join(d, `${ids[0]}.json`));

    const store = new ViewStore(d);
    const reads = vi.spyOn(fs.promises, 'readFile');
    try {
      expect((await store.list(100)).total).toBe(29);
      const firstLoad = reads.mock.calls.length;
      expect(firstLoad).toBe(30); // the missing index, then each view once
      expect((await store.list(100)).views).toHaveLength(29);
      expect(reads.mock.calls.length).toBe(firstLoad);
    } finally {
      reads.mockRestore();
    }
    expect(fs.readFileSync(path.join(d, 'index.jsonl'), 'utf8').trim().split('\n')).toHaveLength(29);

    // A crash in the middle of an append leaves half a line; the next start repairs it.
    fs.appendFileSync(path.join(d, 'index.jsonl'), '{"id":"AAAA');
    const again = new ViewStore(d);
    expect((await again.list(100)).total).toBe(29);
    await again.save(viewSchema.parse(smallView('after the crash')));
    expect((await new ViewStore(d).list(100)).total).toBe(30);
  });

  it('limits the count, the total bytes and each view, with a 413 or 507 that says what to do', async () => {
    const counted = createApp({ executor: {} as Executor, options: { ...defaultAppOptions, viewsDir: freshDir(), viewLimits: { maxViews: 3 } } });
    for (let i = 0; i < 3; i++) await request(counted).post('/api/views').send(smallView()).expect(201);
    const full = await request(counted).post('/api/views').send(smallView()).expect(507);
    expect(full.body.error.message).toMatch(/full \(3 views\).*delete old view files from/);

    const bytesDir = freshDir();
    const sized = createApp({ executor: {} as Executor, options: { ...defaultAppOptions, viewsDir: bytesDir, viewLimits: { maxTotalBytes: 60 * 1024 } } });
    await request(sized).post('/api/views').send(bigView(500)).expect(201);
    const over = await request(sized).post('/api/views').send(bigView(500)).expect(507);
    expect(over.body.error.message).toMatch(/full \(\d+ kB of 60 kB\)/);
    // Small views still fit, and the total on disk stays under the limit.
    await request(sized).post('/api/views').send(smallView('small')).expect(201);
    const onDisk = viewFiles(bytesDir).reduce((n, f) => n + fs.statSync(path.join(bytesDir, f)).size, 0);
    expect(onDisk).toBeLessThanOrEqual(60 * 1024);

    const perView = createApp({ executor: {} as Executor, options: { ...defaultAppOptions, viewsDir: freshDir(), viewLimits: { maxViewBytes: 4096 } } });
    const big = await request(perView).post('/api/views').send(bigView(200)).expect(413);
    expect(big.body.error.message).toMatch(/one view may take 4 kB\. Save fewer nodes/);
    const body = await request(app)
      .post('/api/views')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ ...smallView(), pad: 'x'.repeat(200 * 1024) }))
      .expect(413);
    expect(body.body.error.message).toMatch(/at most 100 kB/);
  });

  it('20 saves at once into room for 10: exactly 10 stored, 10 refused', async () => {
    const d = freshDir();
    const racing = createApp({ executor: {} as Executor, options: { ...defaultAppOptions, viewsDir: d, viewLimits: { maxViews: 10 } } });
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(racing)
          .post('/api/views')
          .send(smallView(`r${i}`))
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 507)).toHaveLength(10);
    expect(viewFiles(d)).toHaveLength(10);
    expect((await new ViewStore(d).usage()).views).toBe(10);
  });

  it('refuses text that is not well-formed Unicode (a lone surrogate), naming the field', async () => {
    const named = await request(app)
      .post('/api/views')
      .set('content-type', 'application/json')
      .send('{"name":"Tesla \\ud800 Inc","nodes":[],"zoom":1,"pan":{"x":0,"y":0}}')
      .expect(400);
    expect(named.body.error.message).toMatch(/^name: not well-formed Unicode/);
    const node = await request(app)
      .post('/api/views')
      .set('content-type', 'application/json')
      .send('{"nodes":[["agency:\\udc00MIIT",1,2]],"zoom":1,"pan":{"x":0,"y":0}}')
      .expect(400);
    expect(node.body.error.message).toMatch(/^nodes\.0\.0: not well-formed Unicode/);
    const param = await request(app)
      .post('/api/views')
      .set('content-type', 'application/json')
      .send('{"nodes":[],"zoom":1,"pan":{"x":0,"y":0},"query":{"name":"q","params":{"a":"\\ud83d"}}}')
      .expect(400);
    expect(param.body.error.message).toMatch(/^query\.params\.a: not well-formed Unicode/);
    // A proper pair (an emoji) is fine.
    await request(app).post('/api/views').send(smallView('Tesla 🚗 Inc')).expect(201);
  });
});
