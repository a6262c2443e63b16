import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpDatabase, loadDatabase } from '../../server/db/backup.js';
import { createDriver } from '../../server/db/connect.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../server/db/local.js';
import { graphCounts } from '../../server/graph/counts.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { importSeedsIfEmpty } from '../../server/import/seeds.js';

const auth = { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'any' };

/** Node and relationship counts, per-label counts and the index names of a running instance. */
async function snapshot(uri: string) {
  const driver = createDriver(uri, auth);
  try {
    const executor = new Executor(driver);
    const totals = await executor.read(graphCounts);
    const labels = await driver.executeQuery('MATCH (n) RETURN labels(n)[0] AS label, count(*) AS c ORDER BY label');
    const indexes = await driver.executeQuery('SHOW INDEXES YIELD name RETURN name ORDER BY name');
    return { totals, labels: labels.records.map((r) => `${r.get('label')}=${r.get('c')}`), indexes: indexes.records.map((r) => r.get('name') as string) };
  } finally {
    await driver.close();
  }
}

// npm run db:dump / db:load: a dump of the seeded graph, loaded into a new data folder, gives the same graph.
describe('backups of the bundled Neo4j', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-backup-'));
  const source = path.join(tmp, 'source');
  const restored = path.join(tmp, 'restored');
  const dumpFile = path.join(tmp, 'backups', 'graph.dump');
  const opts = { heap: '512m', pagecache: '128m', log: () => {} };
  let running: LocalNeo4j | undefined;
  afterAll(async () => {
    await running?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  // Two Neo4j starts, a dump and two loads: minutes on a busy two-core machine.
  it('round-trips the seeded graph through a dump into a new data folder', { timeout: 480_000 }, async () => {
    running = await startLocalNeo4j({ ...opts, dataDir: source, port: await freePort() });
    const driver = createDriver(running.uri, auth);
    const executor = new Executor(driver);
    await applySchema(executor);
    await importSeedsIfEmpty(executor);
    await driver.close();
    const before = await snapshot(running.uri);
    expect(before.totals.nodes).toBeGreaterThan(100);

    // A running store is refused, with the command that stops it.
    const pid = running.process.pid;
    expect(() => dumpDatabase({ dataDir: source, out: dumpFile, log: () => {} })).toThrow(
      expect.objectContaining({ exitCode: 3, message: expect.stringContaining(`kill ${pid}`) }),
    );
    await running.stop();
    running = undefined;

    const { bytes } = dumpDatabase({ dataDir: source, out: dumpFile, log: () => {} });
    expect(bytes).toBeGreaterThan(1000);
    loadDatabase({ dataDir: restored, from: dumpFile, log: () => {} });
    // A second load would replace the database: only with --force (refused before neo4j-admin runs).
    expect(() => loadDatabase({ dataDir: restored, from: dumpFile, log: () => {} })).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringContaining('--force') }),
    );

    running = await startLocalNeo4j({ ...opts, dataDir: restored, port: await freePort() });
    expect(await snapshot(running.uri)).toEqual(before);
  });
});
