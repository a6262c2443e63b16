import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../../server/api/app.js';
import { createDriver } from '../../server/db/connect.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../server/db/local.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';

// Its own Neo4j, so stopping it does not disturb the shared test database.
describe('Neo4j going away while the app runs', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-recovery-'));
  let neo: LocalNeo4j | undefined;
  const driverRef: { close?: () => Promise<void> } = {};
  afterAll(async () => {
    await driverRef.close?.();
    await neo?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 while the database is down and recovers without a restart', async () => {
    const port = await freePort();
    const opts = { port, dataDir, heap: '512m', pagecache: '128m', log: () => {} };
    neo = await startLocalNeo4j(opts);
    const driver = createDriver(neo.uri, { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'x' });
    driverRef.close = () => driver.close();
    const executor = new Executor(driver);
    await applySchema(executor);
    const app = createApp({ executor });

    expect((await request(app).get('/api/stats')).status).toBe(200);

    await neo.stop();
    const down = await request(app).get('/api/stats');
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(/unavailable/);
    expect((await request(app).get('/api/search').query({ q: 'MIIT' })).status).toBe(503);
    expect((await request(app).get('/api/health')).body.database.reachable).toBe(false);

    neo = await startLocalNeo4j(opts);
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = (await request(app).get('/api/stats')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(status).toBe(200);
  });
});
