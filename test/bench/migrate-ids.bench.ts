/**
 * npx tsx test/bench/migrate-ids.bench.ts [POLICIES] [TARGETS]
 *
 * migrate-ids' graph rewrite, pair by pair as before (test/helpers/sequentialRewrite.ts) against
 * the batched one (rewriteGraph), on POLICIES (default 4,000) policies with cut ids and TARGETS
 * (default 1) targets each, built fresh for each (test/helpers/cutIdGraph.ts): the shape of the old
 * 10,000-brief store (4,053 cut policies, 3,804 targets). The plan read (planFromGraph) is the same
 * for both and timed once. Runs a bundled Neo4j of its own on a free port and a throwaway store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDriver } from '../../server/db/connect.js';
import { freePort, startLocalNeo4j } from '../../server/db/local.js';
import { planFromGraph, rewriteGraph } from '../../server/curation/migrateIds.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { wipeGraph } from '../../server/graph/wipe.js';
import { writeCutIdPolicies } from '../helpers/cutIdGraph.js';
import { sequentialRewrite } from '../helpers/sequentialRewrite.js';

const policies = Number(process.argv[2] ?? 4000);
const targets = Number(process.argv[3] ?? 1);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-bench-migrate-'));
const neo4j = await startLocalNeo4j({ port: await freePort(), dataDir, heap: '1g', pagecache: '256m', startTimeoutMs: 900_000, log: () => {} });
const driver = createDriver(neo4j.uri, { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'unused' });
const executor = new Executor(driver);
const secs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

type Rewrite = typeof rewriteGraph;
/** A fresh graph of `n` policies, then the plan and the rewrite; returns the seconds of each and the ids after. */
async function run(n: number, rewrite: Rewrite) {
  await wipeGraph(executor);
  const whole = await writeCutIdPolicies(driver, n, targets);
  let t0 = process.hrtime.bigint();
  const plan = await executor.read((tx) => planFromGraph(tx));
  const planSecs = secs(t0);
  t0 = process.hrtime.bigint();
  const counts = await executor.write((tx) => rewrite(tx, plan));
  const rewriteSecs = secs(t0);
  const ids = (await driver.executeQuery('MATCH (n) WHERE n:Policy OR n:Target RETURN n.id AS id')).records.map((r) => String(r.get('id')));
  if (ids.sort().join() !== whole.sort().join()) throw new Error('the rewrite left ids other than the whole-title ones');
  return { ids: plan.size, planSecs, rewriteSecs, counts };
}

try {
  await applySchema(executor);
  // Queries compiled and the JIT warm for both before anything is timed.
  await run(50, sequentialRewrite);
  await run(50, rewriteGraph);
  const before = await run(policies, sequentialRewrite);
  const after = await run(policies, rewriteGraph);
  console.log(
    `${before.ids} ids (${policies} policies, ${targets} target(s) each); plan read ${before.planSecs.toFixed(1)} s / ${after.planSecs.toFixed(1)} s`,
  );
  console.log(`pair by pair: ${before.rewriteSecs.toFixed(1)} s (${JSON.stringify(before.counts)})`);
  console.log(
    `in runs:      ${after.rewriteSecs.toFixed(1)} s (${JSON.stringify(after.counts)}), ${(before.rewriteSecs / after.rewriteSecs).toFixed(0)}× faster`,
  );
  console.log(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await driver.close();
  await neo4j.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
