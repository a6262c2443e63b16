import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { recordImport } from '../../server/changes/history.js';
import { ChangeLog } from '../../server/changes/store.js';
import type { ExtractedGraph } from '../../server/extract/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { emptyGraph, testDriver, testExecutor } from '../helpers/db.js';

// Issue 28: an import drops the cached answers about the nodes it touched, and only those.
let driver: Driver;
let app: Express;
let log: ChangeLog;
let tmp: string;
const seeds = listBriefFiles([fromRoot('seeds')]);
const later = seeds.find((f) => path.basename(f).startsWith('001_'))!;
let graph: ExtractedGraph;
/** An agency that issues a policy brief 001 adds, and is in the graph before. */
let touched: string;
let newPolicy: string;
/** An agency brief 001 names nowhere, linked to nothing it names. */
let unrelated: string | undefined;

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

async function importAndRecord(files: string[]) {
  const outcomes = await importFiles(testExecutor(driver), files);
  expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  expect((await recordImport(outcomes, 'cli', log)).warning).toBeUndefined();
}

beforeAll(async () => {
  driver = testDriver();
  await emptyGraph(driver);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-cache-'));
  log = new ChangeLog(path.join(tmp, 'changes'));
  app = createApp({
    executor: testExecutor(driver),
    options: { cypher: {}, changeLog: log, viewsDir: path.join(tmp, 'views'), watchDir: path.join(tmp, 'watch') },
  });
  await importAndRecord(seeds.filter((f) => f !== later));

  graph = extractText(fs.readFileSync(later, 'utf8'), path.basename(later));
  const ids = graph.nodes.map((n) => n.id);
  const present = new Set(
    (await driver.executeQuery('UNWIND $ids AS id MATCH (n {id: id}) RETURN collect(n.id) AS ids', { ids })).records[0]!.get('ids') as string[],
  );
  const issued = graph.relationships.find((r) => r.type === 'ISSUED_BY' && !present.has(r.source) && present.has(r.target))!;
  expect(issued, 'brief 001 adds a policy issued by an agency already in the graph').toBeDefined();
  [newPolicy, touched] = [issued.source, issued.target];
  // What the import will touch: the brief's nodes, and the entities linked to its policies and news
  // items already in the graph (see server/api/touched.ts).
  const linked = await driver.executeQuery(
    'UNWIND $ids AS id MATCH (d {id: id})--(n) WHERE d:Policy OR d:NewsItem OR d:Target RETURN collect(DISTINCT n.id) AS ids',
    {
      ids,
    },
  );
  const touching = new Set([...ids, ...(linked.records[0]!.get('ids') as string[])]);
  // An agency whose report names none of them. An agency report names its policies' sectors (it
  // lists companies active there), and the seeds share their sectors: the smallest first.
  const candidates = await driver.executeQuery(
    `MATCH (a:Agency) WHERE NOT a.id IN $touching AND COUNT { (a)--() } > 0 RETURN a.id AS id ORDER BY COUNT { (a)--() }, a.id LIMIT 25`,
    { touching: [...touching] },
  );
  for (const r of candidates.records) {
    const named = JSON.stringify(await report(String(r.get('id'))));
    if (![...touching].some((id) => named.includes(`"${id}"`))) {
      unrelated = String(r.get('id'));
      break;
    }
  }
  expect(unrelated, 'an agency of the seeds whose report names nothing brief 001 touches').toBeDefined();
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('response caches after an import of one brief', () => {
  it('drop the report and trend of an agency the brief touches and keep an unrelated report cached; the next request shows the new fact', async () => {
    const touchedBefore = await report(touched);
    const unrelatedBefore = await report(unrelated!);
    const trendBefore = await trendTotal(touched);
    expect(JSON.stringify(touchedBefore)).not.toContain(newPolicy);
    // Served from the cache: the same build, the same stamp.
    expect((await report(unrelated!)).generatedAt).toBe(unrelatedBefore.generatedAt);

    await importAndRecord([later]);

    const touchedAfter = await report(touched);
    expect(touchedAfter.generatedAt).not.toBe(touchedBefore.generatedAt);
    expect(JSON.stringify(touchedAfter)).toContain(newPolicy);
    expect(await trendTotal(touched)).toBeGreaterThan(trendBefore);
    // Kept: the graph changed, but nothing this report names.
    expect(await report(unrelated!)).toEqual(unrelatedBefore);
  });

  it('drops everything on a change of the graph the import history does not account for', async () => {
    const before = await report(unrelated!);
    expect((await report(unrelated!)).generatedAt).toBe(before.generatedAt);
    // A write no import recorded (a restored dump, another writer): what it touched is unknown.
    await driver.executeQuery("CREATE (:Place {id: 'place:cache-test', name: 'Nowhere'})");
    try {
      expect((await report(unrelated!)).generatedAt).not.toBe(before.generatedAt);
    } finally {
      await driver.executeQuery("MATCH (p:Place {id: 'place:cache-test'}) DETACH DELETE p");
    }
  });
});
