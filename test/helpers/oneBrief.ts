import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import { createApp } from '../../server/api/app.js';
import { recordImport } from '../../server/changes/history.js';
import type { ChangeLog } from '../../server/changes/store.js';
import type { ExtractedGraph } from '../../server/extract/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { testExecutor } from './db.js';

/** Imports `files` and records the import in `log`, as the CLI does. */
export async function importAndRecord(driver: Driver, log: ChangeLog, files: string[]): Promise<void> {
  const outcomes = await importFiles(testExecutor(driver), files);
  expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  expect((await recordImport(outcomes, 'cli', log)).warning).toBeUndefined();
}

export interface OneBriefLater {
  /** Seed brief 001, not imported yet. */
  later: string;
  graph: ExtractedGraph;
  /** An agency that issues a policy brief 001 adds, and is in the graph before. */
  touched: string;
  newPolicy: string;
  /** An agency brief 001 names nowhere, whose report names nothing the brief touches. */
  unrelated: string;
}

/**
 * The seeds but brief 001 imported and recorded in `log`, and the agencies its import will and
 * will not touch (see server/cache/touched.ts). `report` reads an agency's report as JSON.
 */
export async function seedsButOne(driver: Driver, log: ChangeLog, report: (id: string) => Promise<unknown>): Promise<OneBriefLater> {
  const seeds = listBriefFiles([fromRoot('seeds')]);
  const later = seeds.find((f) => path.basename(f).startsWith('001_'))!;
  await importAndRecord(
    driver,
    log,
    seeds.filter((f) => f !== later),
  );
  const graph = extractText(fs.readFileSync(later, 'utf8'), path.basename(later));
  const ids = graph.nodes.map((n) => n.id);
  const present = new Set(
    (await driver.executeQuery('UNWIND $ids AS id MATCH (n {id: id}) RETURN collect(n.id) AS ids', { ids })).records[0]!.get('ids') as string[],
  );
  const issued = graph.relationships.find((r) => r.type === 'ISSUED_BY' && !present.has(r.source) && present.has(r.target))!;
  expect(issued, 'brief 001 adds a policy issued by an agency already in the graph').toBeDefined();
  // What the import will touch: the brief's nodes, and the entities linked to its policies and news
  // items already in the graph.
  const linked = await driver.executeQuery(
    'UNWIND $ids AS id MATCH (d {id: id})--(n) WHERE d:Policy OR d:NewsItem OR d:Target RETURN collect(DISTINCT n.id) AS ids',
    { ids },
  );
  const touching = new Set([...ids, ...(linked.records[0]!.get('ids') as string[])]);
  // An agency whose report names none of them. An agency report names its policies' sectors (it
  // lists companies active there), and the seeds share their sectors: the smallest first.
  const candidates = await driver.executeQuery(
    `MATCH (a:Agency) WHERE NOT a.id IN $touching AND COUNT { (a)--() } > 0 RETURN a.id AS id ORDER BY COUNT { (a)--() }, a.id LIMIT 25`,
    { touching: [...touching] },
  );
  let unrelated: string | undefined;
  for (const r of candidates.records) {
    const named = JSON.stringify(await report(String(r.get('id'))));
    if (![...touching].some((id) => named.includes(`"${id}"`))) {
      unrelated = String(r.get('id'));
      break;
    }
  }
  expect(unrelated, 'an agency of the seeds whose report names nothing brief 001 touches').toBeDefined();
  return { later, graph, touched: issued.target, newPolicy: issued.source, unrelated: unrelated! };
}

/**
 * An agency's JSON report from an app of its own on `stateDir` (nothing kept or cached elsewhere):
 * how a test picks its agencies without filling the caches it then measures.
 */
export function reportsFromApp(driver: Driver, log: ChangeLog, stateDir: string): (id: string) => Promise<unknown> {
  const app = createApp({ executor: testExecutor(driver), options: { cypher: {}, stateDir, changeLog: log } });
  return async (id) =>
    (
      await request(app)
        .get(`/api/reports/agency/${encodeURIComponent(id)}`)
        .query({ format: 'json' })
        .expect(200)
    ).body;
}
