import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

// The app as `npm start` runs it with the bundled Neo4j, on a Neo4j of its own: kill -9 its JVM.
describe('the bundled Neo4j dies while the app runs', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-supervision-'));
  let db: Database | undefined;
  afterAll(async () => {
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is restarted, outage answers are fast 503s, and the API recovers by itself', async () => {
    const logs: string[] = [];
    const config = parseConfig({
      NEO4J_LOCAL_DATA: dataDir,
      NEO4J_LOCAL_PORT: String(await freePort()),
      NEO4J_LOCAL_HEAP: '512m',
      NEO4J_LOCAL_PAGECACHE: '128m',
    });
    db = await connectDatabase(config, (m) => logs.push(m));
    expect(db.origin).toBe('started-local');
    const executor = new Executor(db.driver, db.database, db.availability);
    await applySchema(executor);
    const app = createApp({ executor });
    expect((await request(app).get('/api/stats')).status).toBe(200);

    const pid = db.supervisor!.pid!;
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));

    // While it is down: immediate 503s that say so, health included.
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
    while (status !== 200 && Date.now() - t0 < 60_000) {
      status = (await request(app).get('/api/stats')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`API back ${Date.now() - t0} ms after the kill; log: ${logs.slice(-2).join(' | ')}`);
    expect(status).toBe(200);
    expect(db.supervisor!.restarts).toBe(1);
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
  }, 300_000);
});
