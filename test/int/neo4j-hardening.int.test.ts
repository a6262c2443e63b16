import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../../server/api/app.js';
import { parseConfig } from '../../server/config.js';
import { connectDatabase, type Database } from '../../server/db/connect.js';
import { freePort } from '../../server/db/local.js';
import { Executor } from '../../server/graph/executor.js';
import { graphCounts } from '../../server/graph/counts.js';
import { applySchema } from '../../server/graph/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';

// Issue 32, on a bundled Neo4j of its own started as `npm start` starts it: what the database
// itself refuses whatever the console's guard lets through, and what the supervisor does with a
// Neo4j that dies (SIGKILL) or runs but answers no query (SIGSTOP). One start for all three
// (issue 28: the kill had a file and a Neo4j of its own).
describe('the bundled Neo4j as the app runs it', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-hardening-'));
  const logs: string[] = [];
  const fetched: string[] = [];
  let secret: http.Server;
  let port = 0;
  let db: Database;

  beforeAll(async () => {
    secret = http.createServer((req, res) => {
      fetched.push(req.url ?? '');
      res.end('name,password\nadmin,hunter2\n');
    });
    await new Promise<void>((r) => secret.listen(0, '127.0.0.1', r));
    port = (secret.address() as AddressInfo).port;
    const config = parseConfig({
      NEO4J_LOCAL_DATA: dataDir,
      NEO4J_LOCAL_PORT: String(await freePort()),
      NEO4J_LOCAL_HEAP: '512m',
      NEO4J_LOCAL_PAGECACHE: '128m',
      NEO4J_LOCAL_UNRESPONSIVE_MS: '4000',
    });
    db = await connectDatabase(config, (m) => logs.push(m));
    expect(db.origin).toBe('started-local');
  });
  afterAll(async () => {
    await db?.close();
    await new Promise((r) => secret.close(r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets LOAD CSV reach no address and no file, even straight from the driver', async () => {
    for (const url of [`http://127.0.0.1:${port}/secret.txt`, `http://localhost:${port}/secret.txt`, `http://[::1]:${port}/secret.txt`, 'file:///etc/passwd']) {
      const run = db.driver.executeQuery(`LOAD CSV FROM '${url}' AS l RETURN l`);
      await expect(run, url).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.ExternalResourceFailed' });
    }
    expect(fetched).toEqual([]);
  });

  it('reports degraded while Neo4j answers no query, and restarts it when that lasts', async () => {
    const app = createApp({ executor: new Executor(db.driver, db.database, db.availability) });
    expect((await request(app).get('/api/health')).body.status).toBe('ok');
    const pid = db.supervisor!.pid!;
    const restarts = db.supervisor!.restarts;
    // A JVM that accepts connections and answers nothing: as stuck as after a memory bomb, for sure.
    process.kill(pid, 'SIGSTOP');
    try {
      let health = await request(app).get('/api/health');
      for (let i = 0; i < 120 && health.body.status === 'ok'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        health = await request(app).get('/api/health');
      }
      expect(health.status).toBe(503);
      expect(['degraded', 'restarting']).toContain(health.body.status);

      const t0 = Date.now();
      while ((db.supervisor!.restarts < restarts + 1 || health.body.status !== 'ok') && Date.now() - t0 < 180_000) {
        await new Promise((r) => setTimeout(r, 250));
        health = await request(app).get('/api/health');
      }
      console.log(`back ${Date.now() - t0} ms after health said degraded; log: ${logs.slice(-3).join(' | ')}`);
      expect(health.body.status).toBe('ok');
      expect(db.supervisor!.restarts).toBe(restarts + 1);
      expect(db.supervisor!.pid).not.toBe(pid);
      expect(logs.some((l) => /answered no query for \d+ s/.test(l))).toBe(true);
    } finally {
      // Never leave a stopped JVM behind, whatever failed above.
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone: the supervisor killed it
      }
    }
  });

  it('is restarted after a kill, outage answers are 503s at once, and the API recovers by itself', async () => {
    const executor = new Executor(db.driver, db.database, db.availability);
    await applySchema(executor);
    const app = createApp({ executor });
    expect((await request(app).get('/api/stats')).status).toBe(200);

    const pid = db.supervisor!.pid!;
    const restarts = db.supervisor!.restarts;
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));

    // While it is down: 503s that say so, health included.
    for (const url of ['/api/stats', '/api/search?q=MIIT', '/api/health']) {
      const t0 = performance.now();
      const res = await request(app).get(url);
      const ms = performance.now() - t0;
      expect(res.status, url).toBe(503);
      // Immediate (milliseconds); before, each waited out the driver's 30 s connection timeout.
      // The bound holds at any load and still tells the two apart.
      expect(ms, url).toBeLessThan(10_000);
    }
    const health = await request(app).get('/api/health');
    expect(health.body.status).toBe('restarting');
    expect((await request(app).get('/api/stats')).body.error.message).toMatch(/restarting/);

    const t0 = Date.now();
    let status = 0;
    while (status !== 200 && Date.now() - t0 < 180_000) {
      status = (await request(app).get('/api/stats')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    console.log(`API back ${Date.now() - t0} ms after the kill; log: ${logs.slice(-2).join(' | ')}`);
    expect(status).toBe(200);
    expect(db.supervisor!.restarts).toBe(restarts + 1);
    expect(db.supervisor!.pid).not.toBe(pid);
    expect((await request(app).get('/api/health')).body.status).toBe('ok');
    expect(logs.some((l) => /exited unexpectedly/.test(l))).toBe(true);

    // A fresh import afterwards reports exactly what is in the graph.
    const outcomes = await importFiles(executor, listBriefFiles([fromRoot('seeds')]));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const briefs = await executor.read((tx) => tx.run('MATCH (b:Brief) RETURN count(b) AS n'));
    expect(Number(briefs.records[0]?.get('n'))).toBe(outcomes.length);
    const counts = await executor.read(graphCounts);
    expect(counts.nodes).toBeGreaterThan(100);
  });
});
