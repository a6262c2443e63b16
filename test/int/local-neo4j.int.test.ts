import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../../server/api/app.js';
import { parseConfig } from '../../server/config.js';
import { CONNECT_TIMEOUT_MS, connectDatabase, createDriver, Neo4jConnectError } from '../../server/db/connect.js';
import { findRunning, freePort, LocalNeo4jError, startLocalNeo4j, type LocalNeo4j } from '../../server/db/local.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';

// The bundled launcher (lock handling, a clean restart on the same store) and the app while that
// Neo4j goes away, on one Neo4j of its own started twice: stopping it does not disturb the shared
// test database. (Before issue 28 these were two files with four starts between them.) It checks
// credentials (the shared one does not), so a wrong password is tested on it too (issue 33).
const PASSWORD = 'launcher-test-password';
describe('bundled Neo4j launcher, and Neo4j going away while the app runs', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-local-'));
  let neo: LocalNeo4j | undefined;
  const driverRef: { close?: () => Promise<void> } = {};
  afterAll(async () => {
    await driverRef.close?.();
    await neo?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second start on a data folder in use; answers 503 while Neo4j is stopped, and recovers on the same data without an app restart', async () => {
    const opts = { port: await freePort(), dataDir, heap: '512m', pagecache: '128m', authPassword: PASSWORD, log: () => {} };
    neo = await startLocalNeo4j(opts);
    expect(findRunning(dataDir)?.uri).toBe(neo.uri);
    const driver = createDriver(neo.uri, { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: PASSWORD });
    driverRef.close = () => driver.close();
    await driver.executeQuery("CREATE (:Persisted {id: 'kept'})");
    const executor = new Executor(driver);
    await applySchema(executor);
    const app = createApp({ executor });
    // Right after a start the first reads can overrun the API's own query limit on a loaded
    // machine (408 at load average 34): what is asserted is that it answers, not how soon.
    expect(await statsOnceUp(app)).toBe(200);

    const second = startLocalNeo4j({ ...opts, port: await freePort() });
    await expect(second).rejects.toBeInstanceOf(LocalNeo4jError);
    await expect(second).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/already in use by another Neo4j process/) });

    await neo.stop();
    expect(findRunning(dataDir)).toBeUndefined();
    const down = await request(app).get('/api/stats');
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(/unavailable/);
    expect((await request(app).get('/api/search').query({ q: 'MIIT' })).status).toBe(503);
    expect((await request(app).get('/api/health')).body.database.reachable).toBe(false);

    neo = await startLocalNeo4j(opts);
    expect(await statsOnceUp(app)).toBe(200);
    const res = await driver.executeQuery('MATCH (p:Persisted) RETURN p.id AS id');
    expect(res.records.map((r) => r.get('id'))).toEqual(['kept']);
  });

  it('as a configured NEO4J_URI with a wrong password, fails the start within 5 s saying to fix NEO4J_USER and NEO4J_PASSWORD', async () => {
    const config = (password: string) => parseConfig({ NEO4J_URI: neo!.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: password });
    const started = Date.now();
    const err = await connectDatabase(config('not-the-password'), () => {}).then(
      () => undefined,
      (e: unknown) => e as Neo4jConnectError,
    );
    const ms = Date.now() - started;
    expect(err).toBeInstanceOf(Neo4jConnectError);
    expect(err!.kind).toBe('unauthorized');
    expect(err!.message).toMatch(/refused the credentials \(Neo\.ClientError\.Security\.Unauthorized\).*Set NEO4J_USER and NEO4J_PASSWORD/);
    // Refused at the first answer; the margin is for a loaded machine's late timers.
    expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS + 10_000);
    // The right password connects: what failed was the password, nothing else.
    const db = await connectDatabase(config(PASSWORD), () => {});
    await db.close();
  });
});

/** /api/stats polled four times a second until it answers 200 (at most a minute): the last status. */
async function statsOnceUp(app: Parameters<typeof request>[0]): Promise<number> {
  let status = 0;
  for (let i = 0; i < 240 && status !== 200; i++) {
    status = (await request(app).get('/api/stats')).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  return status;
}
