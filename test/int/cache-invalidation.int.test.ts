import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { ChangeLog } from '../../server/changes/store.js';
import { emptyGraph, testDriver, testExecutor } from '../helpers/db.js';
import { importAndRecord, seedsButOne } from '../helpers/oneBrief.js';

// Issue 28: an import drops the cached answers about the nodes it touched, and only those.
let driver: Driver;
let app: Express;
let log: ChangeLog;
let tmp: string;
let later: string;
/** An agency that issues a policy brief 001 adds, and is in the graph before. */
let touched: string;
let newPolicy: string;
/** An agency brief 001 names nowhere, linked to nothing it names. */
let unrelated: string;

const report = async (id: string) =>
  (
    await request(app)
      .get(`/api/reports/agency/${encodeURIComponent(id)}`)
      .query({ format: 'json' })
      .expect(200)
  ).body;
const trendTotal = async (id: string) =>
  (
    (
      await request(app)
        .get(`/api/trends/${encodeURIComponent(id)}`)
        .expect(200)
    ).body.series as { key: string; total: number }[]
  ).find((s) => s.key === 'primary')!.total;

beforeAll(async () => {
  driver = testDriver();
  await emptyGraph(driver);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-cache-'));
  log = new ChangeLog(path.join(tmp, 'changes'));
  app = createApp({
    executor: testExecutor(driver),
    options: { cypher: {}, changeLog: log, viewsDir: path.join(tmp, 'views'), watchDir: path.join(tmp, 'watch') },
  });
  ({ later, touched, newPolicy, unrelated } = await seedsButOne(driver, log, report));
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('response caches after an import of one brief', () => {
  it('drop the report and trend of an agency the brief touches and keep an unrelated report cached; the next request shows the new fact', async () => {
    const touchedBefore = await report(touched);
    const unrelatedBefore = await report(unrelated);
    const trendBefore = await trendTotal(touched);
    expect(JSON.stringify(touchedBefore)).not.toContain(newPolicy);
    // Served from the cache: the same build, the same stamp.
    expect((await report(unrelated)).generatedAt).toBe(unrelatedBefore.generatedAt);

    await importAndRecord(driver, log, [later]);

    const touchedAfter = await report(touched);
    expect(touchedAfter.generatedAt).not.toBe(touchedBefore.generatedAt);
    expect(JSON.stringify(touchedAfter)).toContain(newPolicy);
    expect(await trendTotal(touched)).toBeGreaterThan(trendBefore);
    // Kept: the graph changed, but nothing this report names.
    expect(await report(unrelated)).toEqual(unrelatedBefore);
  });

  it('drops everything on a change of the graph the import history does not account for', async () => {
    const before = await report(unrelated);
    expect((await report(unrelated)).generatedAt).toBe(before.generatedAt);
    // A write no import recorded (a restored dump, another writer): what it touched is unknown.
    await driver.executeQuery("CREATE (:Place {id: 'place:cache-test', name: 'Nowhere'})");
    try {
      expect((await report(unrelated)).generatedAt).not.toBe(before.generatedAt);
    } finally {
      await driver.executeQuery("MATCH (p:Place {id: 'place:cache-test'}) DETACH DELETE p");
    }
  });
});
