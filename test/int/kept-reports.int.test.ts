import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import { createApp } from '../../server/api/app.js';
import { ChangeLog } from '../../server/changes/store.js';
import { CorrectionLog } from '../../server/curation/log.js';
import { Executor } from '../../server/graph/executor.js';
import { KeptReports } from '../../server/reports/kept.js';
import { assembleReport } from '../../server/reports/service.js';
import { emptyGraph, testDriver } from '../helpers/db.js';
import { CountingExecutor } from '../helpers/reportReads.js';
import { importAndRecord, reportsFromApp, seedsButOne, type OneBriefLater } from '../helpers/oneBrief.js';

// Issue 28: the first hub report after a restart took 11 s at 10,000 briefs. Reports are kept on
// disk (server/reports/kept.ts) and served after a restart while they are still true of the graph.

let driver: Driver;
let tmp: string;
let log: ChangeLog;
let kept: string;
let scene: OneBriefLater;

/** A server started anew: fresh response caches, the same state folder and kept reports. */
function restart() {
  const executor = new CountingExecutor(driver);
  const app = createApp({
    executor,
    options: { cypher: {}, stateDir: tmp, changeLog: log, correctionLog: new CorrectionLog(path.join(tmp, 'corrections.jsonl')), reportsDir: kept },
  });
  const get = async (id: string, format = 'json') => {
    const res = await request(app)
      .get(`/api/reports/agency/${encodeURIComponent(id)}`)
      .query({ format })
      .expect(200);
    return format === 'json' ? (res.body as { generatedAt: string }) : res.text;
  };
  return { app, executor, json: (id: string) => get(id) as Promise<{ generatedAt: string }>, html: (id: string) => get(id, 'html') as Promise<string> };
}
const keptFiles = () => (fs.existsSync(kept) ? fs.readdirSync(kept).filter((f) => f.endsWith('.json')) : []);

beforeAll(async () => {
  driver = testDriver();
  await emptyGraph(driver);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-kept-'));
  kept = path.join(tmp, 'reports');
  log = new ChangeLog(path.join(tmp, 'changes'));
  // The agencies are chosen with reports that are not kept.
  scene = await seedsButOne(driver, log, reportsFromApp(driver, log, tmp));
  expect(keptFiles()).toEqual([]);
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('reports kept across restarts', () => {
  it('a restarted server serves the kept report in every format without running its queries', async () => {
    const first = restart();
    const built = await first.json(scene.unrelated);
    expect(first.executor.reportReads).toBeGreaterThan(0);
    expect(keptFiles()).toHaveLength(1);

    const second = restart();
    expect(await second.json(scene.unrelated)).toEqual(built);
    expect(await second.html(scene.unrelated)).toContain(built.generatedAt.slice(0, 10));
    expect(second.executor.reportReads).toBe(0);
  });

  it('after an import made while the server was down, rebuilds the report it touched and keeps the one it did not', async () => {
    const before = restart();
    const touchedBefore = await before.json(scene.touched);
    const unrelatedBefore = await before.json(scene.unrelated);
    expect(JSON.stringify(touchedBefore)).not.toContain(scene.newPolicy);

    await importAndRecord(driver, log, [scene.later]);

    const after = restart();
    expect(await after.json(scene.unrelated)).toEqual(unrelatedBefore);
    expect(after.executor.reportReads).toBe(0);
    const touchedAfter = await after.json(scene.touched);
    expect(after.executor.reportReads).toBeGreaterThan(0);
    expect(touchedAfter.generatedAt).not.toBe(touchedBefore.generatedAt);
    expect(JSON.stringify(touchedAfter)).toContain(scene.newPolicy);

    // Both kept as of the new graph: the next start reads them as they are.
    const again = restart();
    expect(await again.json(scene.touched)).toEqual(touchedAfter);
    expect(await again.json(scene.unrelated)).toEqual(unrelatedBefore);
    expect(again.executor.reportReads).toBe(0);
  });

  it("builds again after an analyst's note, a write no import recorded, or a kept file cut short", async () => {
    const warm = restart();
    const before = await warm.json(scene.unrelated);

    await request(warm.app).post('/api/notes').send({ target: scene.unrelated, text: 'Checked against the ministry site' }).expect(201);
    const noted = restart();
    const withNote = (await noted.json(scene.unrelated)) as { generatedAt: string; analystNotes: { text: string }[] };
    expect(noted.executor.reportReads).toBeGreaterThan(0);
    expect(withNote.analystNotes.map((n) => n.text)).toEqual(['Checked against the ministry site']);
    expect(withNote.generatedAt).not.toBe(before.generatedAt);

    // A restored dump or another writer: what changed is not known.
    await driver.executeQuery("CREATE (:Place {id: 'place:kept-test', name: 'Nowhere'})");
    try {
      const other = restart();
      expect((await other.json(scene.unrelated)).generatedAt).not.toBe(withNote.generatedAt);
      expect(other.executor.reportReads).toBeGreaterThan(0);
    } finally {
      await driver.executeQuery("MATCH (p:Place {id: 'place:kept-test'}) DETACH DELETE p");
    }

    for (const f of keptFiles()) fs.writeFileSync(path.join(kept, f), '{"stamp": {"gr');
    const cut = restart();
    expect((await cut.json(scene.unrelated)).generatedAt).toBeTruthy();
    expect(cut.executor.reportReads).toBeGreaterThan(0);
    const mended = restart();
    await mended.json(scene.unrelated);
    expect(mended.executor.reportReads).toBe(0);
  });

  it('keeps nothing for a graph without import stamps, and at most its number of files', async () => {
    const executor = new Executor(driver);
    const build = (id: string) => () => assembleReport(executor, 'agency', id);
    const dir = path.join(tmp, 'bounded');
    const bounded = new KeptReports(dir, executor, () => '', undefined, 1);
    await bounded.get('agency', scene.touched, build(scene.touched));
    await bounded.get('agency', scene.unrelated, build(scene.unrelated));
    expect(fs.readdirSync(dir)).toEqual([expect.stringMatching(/^agency-[0-9a-f]{32}\.json$/)]);

    // A graph written by hand: its version is only its size, which another graph can share.
    const stamps = (await driver.executeQuery('MATCH (b:Brief) WHERE b.importedAt IS NOT NULL RETURN collect([b.id, b.importedAt]) AS s')).records[0]!.get('s');
    await driver.executeQuery('MATCH (b:Brief) REMOVE b.importedAt');
    try {
      const hand = path.join(tmp, 'by-hand');
      await new KeptReports(hand, executor, () => '').get('agency', scene.touched, build(scene.touched));
      expect(fs.existsSync(hand)).toBe(false);
    } finally {
      await driver.executeQuery('UNWIND $s AS s MATCH (b:Brief {id: s[0]}) SET b.importedAt = s[1]', { s: stamps });
    }
  });
});
