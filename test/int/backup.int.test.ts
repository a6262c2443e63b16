import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
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

/**
 * npm run db:dump / db:load. One data folder goes through every case, so the file starts Neo4j
 * five times (seed; the damaged store's failing start; after the failed loads; the good load's own
 * check of its store; after that load) and runs neo4j-admin five times.
 */
describe('backups of the bundled Neo4j', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-backup-'));
  const live = path.join(tmp, 'live');
  const dumpFile = path.join(tmp, 'backups', 'graph.dump');
  const randomDump = path.join(tmp, 'random.dump');
  const truncatedDump = path.join(tmp, 'truncated.dump');
  const damagedDump = path.join(tmp, 'damaged.dump');
  const opts = { heap: '512m', pagecache: '128m', log: () => {} };
  const quiet = { log: () => {} };
  let running: LocalNeo4j | undefined;
  let seeded: Awaited<ReturnType<typeof snapshot>>;
  const start = async () => (running = await startLocalNeo4j({ ...opts, dataDir: live, port: await freePort() }));
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  afterAll(async () => {
    await stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('dumps the seeded graph, refusing while Neo4j serves the store', { timeout: 360_000 }, async () => {
    const neo = await start();
    const driver = createDriver(neo.uri, auth);
    const executor = new Executor(driver);
    await applySchema(executor);
    await importSeedsIfEmpty(executor);
    await driver.close();
    seeded = await snapshot(neo.uri);
    expect(seeded.totals.nodes).toBeGreaterThan(100);

    // A running store is refused, with the command that stops it.
    expect(() => dumpDatabase({ dataDir: live, out: dumpFile, ...quiet })).toThrow(
      expect.objectContaining({ exitCode: 3, message: expect.stringContaining(`kill ${neo.process.pid}`) }),
    );
    await stop();

    const { bytes } = dumpDatabase({ dataDir: live, out: dumpFile, ...quiet });
    expect(bytes).toBeGreaterThan(1000);
    const good = fs.readFileSync(dumpFile);
    fs.writeFileSync(truncatedDump, good.subarray(0, Math.floor(good.length / 2)));
    fs.writeFileSync(damagedDump, damageStore(good));
    // Random bytes of the same size; fixed, so a failure reproduces.
    let x = 0x2545f491;
    fs.writeFileSync(randomDump, Buffer.from(Array.from({ length: good.length }, () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24))));
  });

  // Issue 32: `db:load --from random.dump --force` deleted the store and failed; a truncated dump left the database unavailable.
  it('a random-bytes, a truncated and a damaged dump leave the graph served and counted as before', { timeout: 480_000 }, async () => {
    const before = fs.readdirSync(live).sort();
    await expect(loadDatabase({ dataDir: live, from: randomDump, force: true, ...quiet })).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(/random\.dump is not a Neo4j dump[\s\S]*unchanged/),
    });
    await expect(loadDatabase({ dataDir: live, from: truncatedDump, force: true, ...quiet })).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(/truncated\.dump is cut short[\s\S]*unchanged/),
    });
    // neo4j-admin loads this one; the store then fails to start, which the load's own start notices.
    await expect(loadDatabase({ dataDir: live, from: damagedDump, force: true, ...opts })).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(/damaged\.dump did not open \([\s\S]*unchanged/),
    });
    fs.rmSync(path.join(live, 'logs', 'restore-debug.log')); // kept for the reader of that message
    // Nothing left behind beside the store: no staging folder, no lock.
    expect(fs.readdirSync(live).sort()).toEqual(before);

    const neo = await start();
    expect(await snapshot(neo.uri)).toEqual(seeded);

    // While Neo4j serves the store, a load is refused before anything is read or written.
    await expect(loadDatabase({ dataDir: live, from: dumpFile, force: true, ...quiet })).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringContaining(`kill ${neo.process.pid}`),
    });
    // Change the live graph, so the good load below visibly replaces it.
    await neo4jWrite(neo.uri, 'MATCH (c:Company) DETACH DELETE c');
    expect((await snapshot(neo.uri)).totals).not.toEqual(seeded.totals);
    await stop();
  });

  it('a good dump replaces the graph, after its store opened and answered a count', { timeout: 480_000 }, async () => {
    // Replacing a database needs --force (refused before neo4j-admin runs).
    await expect(loadDatabase({ dataDir: live, from: dumpFile, ...quiet })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--force') });

    const loaded = await loadDatabase({ dataDir: live, from: dumpFile, force: true, ...opts });
    expect(loaded.counts).toEqual(seeded.totals);
    // The graph it replaced is kept beside the store until the next restore.
    expect(loaded.replaced).toBe(path.join(live, 'replaced'));
    expect(fs.existsSync(path.join(loaded.replaced!, 'databases', 'neo4j'))).toBe(true);

    const neo = await start();
    expect(await snapshot(neo.uri)).toEqual(seeded);
    await stop();
  });
});

/**
 * The dump with one store file overwritten: it still loads, but the store does not start. A Neo4j 5
 * dump is "DZV1" and a zstd stream of a short header and a tar of the store's files.
 */
function damageStore(dump: Buffer): Buffer {
  const tar = zlib.zstdDecompressSync(dump.subarray(4));
  const header = tar.indexOf('./neostore.labeltokenstore.db\0');
  expect(header).toBeGreaterThan(0);
  const size = parseInt(tar.toString('latin1', header + 124, header + 136), 8);
  tar.fill(0xa5, header + 512, header + 512 + size);
  return Buffer.concat([dump.subarray(0, 4), zlib.zstdCompressSync(tar)]);
}

async function neo4jWrite(uri: string, cypher: string): Promise<void> {
  const driver = createDriver(uri, auth);
  try {
    await driver.executeQuery(cypher);
  } finally {
    await driver.close();
  }
}
