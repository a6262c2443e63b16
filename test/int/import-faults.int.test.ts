import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver, waitForConnectivity } from '../../server/db/connect.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../server/db/local.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { importFiles, resolveUnknown, type BriefOutcome } from '../../server/import/importer.js';
import { extractFile, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';

const seeds = listBriefFiles([fromRoot('seeds')]);

/**
 * A seed made into a brief of its own: a brief is known by its title and content
 * (server/import/identity.ts), so a mere copy under a new name would replace its seed. Copy N gets
 * a topic of its own, or, where the title is the stated date, a year N years earlier.
 */
function anotherBrief(text: string, copy: number): string {
  const lines = text.split('\n');
  const topics = lines.slice(0, 12).findIndex((l) => l.includes(' + '));
  if (topics >= 0) lines[topics] += ` + Copy ${copy}`;
  else {
    const dated = lines.slice(0, 12).findIndex((l) => /\b20\d\d\b/.test(l));
    lines[dated] = lines[dated]!.replace(/\b20\d\d\b/, (y) => String(Number(y) - copy));
  }
  return lines.join('\n');
}
// Each test starts and restarts its own Neo4j; on a busy machine a start alone can take minutes.
const auth = { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'x' };
const withStatus = (outcomes: BriefOutcome[], ...statuses: BriefOutcome['status'][]) =>
  outcomes
    .filter((o) => statuses.includes(o.status))
    .map((o) => o.brief ?? path.basename(o.file, '.txt'))
    .sort();

async function briefsInGraph(driver: Driver): Promise<string[]> {
  const briefs = await driver.executeQuery('MATCH (b:Brief) RETURN b.id AS id ORDER BY id');
  return briefs.records.map((r) => String(r.get('id')).slice('brief:'.length)).sort();
}

/** Each brief reported as imported is whole: every relationship it extracts is in the graph. */
async function expectWhole(driver: Driver, outcomes: BriefOutcome[]): Promise<void> {
  for (const o of outcomes.filter((x) => x.status === 'ok')) {
    const got = await driver.executeQuery('MATCH ()-[r]->() WHERE r.brief = $brief RETURN count(r) AS c', { brief: o.brief });
    expect(got.records[0]?.get('c'), o.brief).toBe(extractFile(o.file).relationships.length);
  }
}

// Its own Neo4j, stopped in the middle of an import.
describe('Neo4j stopping during an import', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-fault-'));
  let neo: LocalNeo4j | undefined;
  afterAll(async () => {
    await neo?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails clearly, keeps the committed briefs whole, and a re-run completes the rest', async () => {
    const opts = { port: await freePort(), dataDir, heap: '512m', pagecache: '128m', log: () => {} };
    neo = await startLocalNeo4j(opts);
    let driver = createDriver(neo.uri, auth);
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
    const ok = withStatus(outcomes, 'ok');
    expect(ok.length).toBeGreaterThanOrEqual(2);
    expect(ok.length).toBeLessThan(seeds.length);
    // The briefs of the transaction in flight are unknown (with the reason); the rest were not attempted.
    const firstBad = outcomes.findIndex((o) => o.status !== 'ok');
    const inFlight = outcomes.slice(firstBad).filter((o) => o.status === 'unknown');
    expect(inFlight.length).toBeGreaterThanOrEqual(1);
    expect(inFlight.length).toBeLessThanOrEqual(2);
    for (const o of inFlight) expect(o).toMatchObject({ unavailable: true, error: expect.stringMatching(/not reachable|unavailable/i) });
    expect(outcomes.slice(firstBad + inFlight.length).every((o) => o.status === 'skipped')).toBe(true);
    expect(outcomes.some((o) => o.status === 'failed')).toBe(false);

    neo = await startLocalNeo4j(opts);
    driver = createDriver(neo.uri, auth);
    try {
      // Once Neo4j answers, the unknown ones are settled, and the summary is exactly the graph.
      const settled = await resolveUnknown(new Executor(driver), outcomes);
      expect(settled.some((o) => o.status === 'unknown')).toBe(false);
      expect(await briefsInGraph(driver)).toEqual(withStatus(settled, 'ok'));
      await expectWhole(driver, settled);
      const rerun = await importFiles(new Executor(driver), seeds);
      expect(rerun.every((o) => o.ok)).toBe(true);
      // 25 write-up policies and 26 announced by news lines.
      expect((await driver.executeQuery('MATCH (p:Policy) RETURN count(p) AS c')).records[0]?.get('c')).toBe(51);
    } finally {
      await driver.close();
    }
  }, 900_000);
});

// kill -9 of the Neo4j JVM while transactions are in flight: no clean shutdown, no answer to a
// commit that may or may not have reached the transaction log.
describe('Neo4j killed (SIGKILL) during an import', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-kill-'));
  const briefDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-kill-briefs-'));
  let neo: LocalNeo4j | undefined;
  afterAll(async () => {
    await neo?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(briefDir, { recursive: true, force: true });
  });

  it('reports what was committed as imported, and the summary matches the graph', async () => {
    // 30 briefs (the seeds under six names each), two per transaction: a long run to cut into.
    for (let copy = 0; copy < 6; copy++)
      for (const f of seeds) fs.writeFileSync(path.join(briefDir, `c${copy}-${path.basename(f)}`), anotherBrief(fs.readFileSync(f, 'utf8'), copy));
    const files = listBriefFiles([briefDir]);
    const opts = { port: await freePort(), dataDir, heap: '512m', pagecache: '128m', log: () => {} };
    neo = await startLocalNeo4j(opts);
    let driver = createDriver(neo.uri, auth);
    await applySchema(new Executor(driver));

    let killed = false;
    const outcomes = await importFiles(
      new Executor(driver),
      files,
      (done) => {
        // After three transactions, with the fourth on its way: the JVM dies mid-transaction.
        if (done >= 6 && !killed) {
          killed = true;
          neo!.process.kill('SIGKILL');
        }
      },
      { briefsPerTransaction: 2 },
    );
    expect(killed).toBe(true);
    await neo.exited;
    await driver.close();
    const reported = { ok: withStatus(outcomes, 'ok'), failed: withStatus(outcomes, 'failed', 'skipped'), unknown: withStatus(outcomes, 'unknown') };
    expect(reported.ok.length).toBeGreaterThanOrEqual(6);
    expect(reported.ok.length).toBeLessThan(files.length);

    // Restart on the same store: Neo4j recovers from its transaction log.
    neo = await startLocalNeo4j(opts);
    driver = createDriver(neo.uri, auth);
    try {
      await waitForConnectivity(driver);
      const inGraph = await briefsInGraph(driver);
      // Everything reported imported is there and whole; nothing reported failed or skipped is.
      for (const b of reported.ok) expect(inGraph).toContain(b);
      for (const b of reported.failed) expect(inGraph).not.toContain(b);
      await expectWhole(driver, outcomes);
      // The unknown ones are settled against the graph: now the summary is exactly the graph.
      const settled = await resolveUnknown(new Executor(driver), outcomes);
      expect(settled.some((o) => o.status === 'unknown')).toBe(false);
      expect(inGraph).toEqual(withStatus(settled, 'ok'));
      await expectWhole(driver, settled);
      console.log(
        `kill -9 after ${reported.ok.length} committed: ${reported.unknown.length} unknown → ${settled.filter((o) => o.status === 'ok').length - reported.ok.length} of them committed`,
      );
    } finally {
      await driver.close();
    }
  }, 900_000);
});
