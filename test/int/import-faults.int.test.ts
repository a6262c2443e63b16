import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../server/db/connect.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../server/db/local.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { extractFile, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';

// Its own Neo4j, stopped in the middle of an import.
describe('Neo4j stopping during an import', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-fault-'));
  let neo: LocalNeo4j | undefined;
  afterAll(async () => {
    await neo?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails clearly, keeps the committed briefs whole, and a re-run completes the rest', async () => {
    const seeds = listBriefFiles([fromRoot('seeds')]);
    const opts = { port: await freePort(), dataDir, heap: '512m', pagecache: '128m', log: () => {} };
    neo = await startLocalNeo4j(opts);
    let driver = createDriver(neo.uri, { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'x' });
    await applySchema(new Executor(driver));

    let stopping: Promise<void> | undefined;
    // Two briefs per transaction: the first two commit, then the database goes away.
    const outcomes = await importFiles(
      new Executor(driver),
      seeds,
      (done) => {
        if (done === 2 && !stopping) stopping = neo!.stop();
      },
      { briefsPerTransaction: 2 },
    );
    await stopping;
    await driver.close();
    const ok = outcomes.filter((o) => o.status === 'ok').map((o) => o.brief!);
    expect(ok.length).toBeGreaterThanOrEqual(2);
    expect(ok.length).toBeLessThan(seeds.length);
    // The briefs of the transaction in flight failed with the reason; the rest were not attempted.
    const firstBad = outcomes.findIndex((o) => o.status !== 'ok');
    const inFlight = outcomes.slice(firstBad).filter((o) => o.status === 'failed');
    expect(inFlight.length).toBeGreaterThanOrEqual(1);
    expect(inFlight.length).toBeLessThanOrEqual(2);
    for (const o of inFlight) expect(o).toMatchObject({ unavailable: true, error: expect.stringMatching(/not reachable|unavailable/i) });
    expect(outcomes.slice(firstBad + inFlight.length).every((o) => o.status === 'skipped')).toBe(true);
    expect(outcomes.slice(firstBad).every((o) => o.status !== 'ok')).toBe(true);

    neo = await startLocalNeo4j(opts);
    driver = createDriver(neo.uri, { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'x' });
    try {
      // Exactly the committed briefs are there, each with all of its relationships.
      const briefs = await driver.executeQuery('MATCH (b:Brief) RETURN b.id AS id ORDER BY id');
      expect(briefs.records.map((r) => String(r.get('id')).slice(6))).toEqual([...ok].sort());
      for (const brief of ok) {
        const expected = extractFile(seeds.find((f) => f.includes(brief))!).relationships.length;
        const got = await driver.executeQuery('MATCH ()-[r]->() WHERE r.brief = $brief RETURN count(r) AS c', { brief });
        expect(got.records[0]?.get('c')).toBe(expected);
      }
      const rerun = await importFiles(new Executor(driver), seeds);
      expect(rerun.every((o) => o.ok)).toBe(true);
      expect((await driver.executeQuery('MATCH (p:Policy) RETURN count(p) AS c')).records[0]?.get('c')).toBe(25);
    } finally {
      await driver.close();
    }
  });
});
