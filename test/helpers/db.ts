import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../server/db/connect.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { wipeGraph } from '../../server/graph/wipe.js';

/** A driver on the run's shared test database (see test/setup/neo4j.global.ts). */
export function testDriver(): Driver {
  return createDriver(inject('neo4jUri'), { NEO4J_USER: inject('neo4jUser'), NEO4J_PASSWORD: inject('neo4jPassword') });
}

export function testExecutor(driver: Driver): Executor {
  return new Executor(driver);
}

/** Integration files run one at a time; each starts from an empty graph. */
export async function clearGraph(driver: Driver): Promise<void> {
  // Batched, so a file that built a hub of thousands of relationships can be followed by another.
  await wipeGraph(new Executor(driver));
}

export async function countGraph(driver: Driver): Promise<{ nodes: number; relationships: number }> {
  const n = await driver.executeQuery('MATCH (n) RETURN count(n) AS c');
  const r = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS c');
  return { nodes: Number(n.records[0]?.get('c')), relationships: Number(r.records[0]?.get('c')) };
}

/** An empty graph with the schema applied. */
export async function emptyGraph(driver: Driver): Promise<Executor> {
  await clearGraph(driver);
  const executor = testExecutor(driver);
  await applySchema(executor);
  return executor;
}

/** An empty graph with the schema and the five seed briefs, as most API tests start. */
export async function seedGraph(driver: Driver): Promise<Executor> {
  const executor = await emptyGraph(driver);
  const outcomes = await importFiles(executor, listBriefFiles([fromRoot('seeds')]));
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length) throw new Error(`seed import failed: ${failed.map((o) => o.error).join('; ')}`);
  return executor;
}
