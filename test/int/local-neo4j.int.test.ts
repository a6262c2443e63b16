import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../server/db/connect.js';
import { findRunning, freePort, LocalNeo4jError, startLocalNeo4j, type LocalNeo4j } from '../../server/db/local.js';

// The bundled launcher itself: lock handling and clean restart on the same store.
describe('bundled Neo4j launcher', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-lock-'));
  const opts = { dataDir, heap: '512m', pagecache: '128m', log: () => {} };
  let first: LocalNeo4j | undefined;
  afterAll(async () => {
    await first?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second start on a data folder in use, then reopens the same data after a clean stop', async () => {
    first = await startLocalNeo4j({ ...opts, port: await freePort() });
    expect(findRunning(dataDir)?.uri).toBe(first.uri);
    const auth = { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'any' };
    let driver = createDriver(first.uri, auth);
    await driver.executeQuery("CREATE (:Persisted {id: 'kept'})");
    await driver.close();

    const second = startLocalNeo4j({ ...opts, port: await freePort() });
    await expect(second).rejects.toBeInstanceOf(LocalNeo4jError);
    await expect(second).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/already in use by another Neo4j process/) });

    await first.stop();
    expect(findRunning(dataDir)).toBeUndefined();

    first = await startLocalNeo4j({ ...opts, port: await freePort() });
    driver = createDriver(first.uri, auth);
    const res = await driver.executeQuery('MATCH (p:Persisted) RETURN p.id AS id');
    await driver.close();
    expect(res.records.map((r) => r.get('id'))).toEqual(['kept']);
  });
});
