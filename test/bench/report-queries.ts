/**
 * npx tsx test/bench/report-queries.ts [--uri bolt://127.0.0.1:7690] [--only agency:MIIT,…] [--before-timeout 30 | --now-only] [--app [--state DIR]]
 *
 * The report queries (cypher/reports/) on a large store, each before and after issue 28's rewrite
 * (the earlier texts are test/int/cypher/reports-before/; a query not rewritten runs once), for
 * agency:MIIT, agency:MOST, agency:NDRC, company:longtai-technology and the most connected
 * company, with the parameters the report uses. Each query runs twice in a row; both times are
 * printed, and whether the earlier and the rewritten text gave the same rows. A first run slower
 * than --slow seconds is not repeated.
 *
 * --app then starts the app on the store (server/main.ts, STATE_DIR in a fresh temporary folder)
 * and, right after it listens, asks for MIIT's and the hub company's JSON reports, timed. Only
 * reads: it refuses to start when the start would write (a schema index, a lineage key or a
 * provenance migration missing, a search index of an earlier version, a key cut at 70 characters
 * or a lineage link held twice, or an empty graph the seeds would fill).
 *
 * --state DIR: the app's STATE_DIR instead of a fresh one, so a second run (after restarting
 * Neo4j) finds the reports the first one kept (STATE_DIR/reports). `--only ''` runs no query
 * first: the app meets Neo4j as it started.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { changedSearchIndexes, splitStatements } from '../../server/graph/schema.js';
import { cutTitleKeys, duplicateLineageLinks } from '../../server/lineage/backfill.js';
import { toJson } from '../../server/graph/values.js';
import { fromRoot } from '../../server/paths.js';
import { REPORT_LIMITS as L } from '../../server/reports/limits.js';
import { reportQueries, type ReportQuery } from '../../server/reports/queries.js';
import { sectionParams } from '../../server/reports/sections.js';
import { startAppProcess } from './app.js';

const { values } = parseArgs({
  options: {
    uri: { type: 'string', default: 'bolt://127.0.0.1:7690' },
    only: { type: 'string' },
    slow: { type: 'string', default: '30' },
    timeout: { type: 'string', default: '240' },
    // The earlier texts' timeout, seconds (default --timeout): they took minutes on a hub.
    'before-timeout': { type: 'string' },
    // Only the current texts (the earlier ones took minutes each on a hub).
    'now-only': { type: 'boolean' },
    app: { type: 'boolean' },
    state: { type: 'string' },
  },
});
const driver = neo4j.driver(values.uri);
const rows = async (q: string, params: Record<string, unknown> = {}) =>
  (await driver.executeQuery(q, params, { routing: neo4j.routing.READ })).records.map((r) => r.toObject());

const BEFORE_DIR = fromRoot('test/int/cypher/reports-before');
const before = (name: ReportQuery) => {
  const file = path.join(BEFORE_DIR, `${name}.cypher`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
};
/** The page each list's query reads for the report (build.ts). */
const LIMIT: Partial<Record<ReportQuery, number>> = {
  'agency-policies': L.policies,
  'agency-coissuers': L.coIssuers,
  'agency-sectors': L.sectors,
  'agency-targets': L.targets,
  'agency-news': L.news,
  'agency-companies': L.companies,
  'company-mentions': L.mentions,
  'company-sectors': L.sectors,
  'company-policies': L.companyPolicies,
  'company-agencies': L.agencies,
  'company-peers': L.peers,
};

const hubCompany = String((await rows('MATCH (c:Company) RETURN c.id AS id ORDER BY COUNT { (c)--() } DESC LIMIT 1'))[0]!.id);
const subjects = values.only?.split(',').filter(Boolean) ?? ['agency:MIIT', 'agency:MOST', 'agency:NDRC', 'company:longtai-technology', hubCompany];

/** One run in its own read transaction: ms and rows, or the error's code. */
async function timed(text: string, params: Record<string, unknown>, timeoutS: number) {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  const t = performance.now();
  try {
    const res = await session.executeRead((tx) => tx.run(text, params), { timeout: timeoutS * 1000 });
    return { ms: Math.round(performance.now() - t), rows: JSON.stringify(res.records.map((r) => toJson(r.toObject()))) };
  } catch (err) {
    const e = err as { code?: string; message: string };
    return { ms: Math.round(performance.now() - t), error: `${e.code ?? 'error'}: ${e.message.split('\n')[0]!.slice(0, 120)}` };
  } finally {
    await session.close();
  }
}
const show = (r: { ms: number; error?: string }) => (r.error ? `${r.ms} ms FAILED (${r.error})` : `${r.ms} ms`);

async function twice(text: string, params: Record<string, unknown>, timeoutS = Number(values.timeout)) {
  const first = await timed(text, params, timeoutS);
  const second = first.error || first.ms > Number(values.slow) * 1000 ? undefined : await timed(text, params, timeoutS);
  return { first, second, rows: second?.rows ?? first.rows };
}

console.log(`Neo4j ${values.uri}; the most connected company: ${hubCompany}`);
for (const id of subjects) {
  const kind = id.startsWith('agency:') ? 'agency' : 'company';
  console.log(`\n${id}`);
  for (const name of (Object.keys(reportQueries) as ReportQuery[]).filter((n) => n.startsWith(`${kind}-`))) {
    const params = { ...sectionParams(id, 365), offset: neo4j.int(0), limit: neo4j.int(LIMIT[name] ?? 1) };
    const old = values['now-only'] ? undefined : before(name);
    const a = old === undefined ? undefined : await twice(old, params, Number(values['before-timeout'] ?? values.timeout));
    const b = await twice(reportQueries[name], params);
    const same = a === undefined ? (values['now-only'] ? '' : 'not rewritten') : a.rows === undefined ? '' : a.rows === b.rows ? 'same rows' : 'ROWS DIFFER';
    const runs = (r: Awaited<ReturnType<typeof twice>>) => `${show(r.first)}${r.second ? ` / ${show(r.second)}` : ''}`;
    console.log(`  ${name.padEnd(24)} ${a ? `before ${runs(a)}`.padEnd(40) : ''.padEnd(40)} now ${runs(b).padEnd(24)} ${same}`);
  }
}

if (values.app) {
  // The start applies the schema, keys policies for lineage and migrates provenance only when the
  // store lacks them, and imports the seeds into an empty graph: on a store that has them all it
  // reads only. Checked here, so a shared read-only store is never written.
  const have = new Set([
    ...((await rows('SHOW INDEXES YIELD name RETURN collect(name) AS n'))[0]!.n as string[]),
    ...((await rows('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS n'))[0]!.n as string[]),
  ]);
  const missing = splitStatements(fs.readFileSync(fromRoot('cypher/schema.cypher'), 'utf8'))
    .map((s) => /^CREATE\s+(?:\w+\s+)?(?:INDEX|CONSTRAINT)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b/i.exec(s)?.[1] ?? `(unnamed: ${s.slice(0, 60)})`)
    .filter((n) => !have.has(n));
  const [pending] = await rows(
    `RETURN COUNT { MATCH (p:Policy) WHERE p.titleKey IS NULL AND p.title IS NOT NULL } AS unkeyed,
            COUNT { MATCH (b:Brief) WHERE b.briefs IS NOT NULL } AS unmigrated, COUNT { MATCH (n) } = 0 AS empty`,
  );
  // What the start's own steps would change (graph/schema.ts, lineage/backfill.ts), read by their own functions.
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  const [changed, cutKeys, duplicateLinks] = await session
    .executeRead(async (tx) => [await changedSearchIndexes(tx), (await cutTitleKeys(tx)).length, await duplicateLineageLinks(tx)] as const)
    .finally(() => session.close());
  if (missing.length || changed.length || Number(pending!.unkeyed) || Number(pending!.unmigrated) || pending!.empty || duplicateLinks || cutKeys) {
    console.error(
      `Not starting the app: its start would write to ${values.uri} (${JSON.stringify(toJson({ missing, changed, ...pending, cutKeys, duplicateLinks }))}).`,
    );
    process.exit(2);
  }
  process.env.STATE_DIR = values.state ?? fs.mkdtempSync(path.join(os.tmpdir(), 'report-bench-'));
  const kept = path.join(process.env.STATE_DIR, 'reports');
  console.log(`STATE_DIR ${process.env.STATE_DIR}: ${fs.existsSync(kept) ? fs.readdirSync(kept).length : 0} kept reports`);
  const t0 = performance.now();
  const app = await startAppProcess(values.uri);
  console.log(`\nThe app listens after ${Math.round(performance.now() - t0)} ms (${app.base}); at once:`);
  try {
    for (const p of [
      `/api/reports/agency/${encodeURIComponent('agency:MIIT')}?format=json`,
      `/api/reports/company/${encodeURIComponent(hubCompany)}?format=json`,
    ]) {
      const t = performance.now();
      const res = await fetch(app.base + p);
      const body = await res.text();
      const health = (await (await fetch(`${app.base}/api/health`)).json()) as { warmup?: unknown };
      console.log(
        `  GET ${p}: ${res.status}, ${(body.length / 1024).toFixed(0)} KB in ${Math.round(performance.now() - t)} ms (warm-up then: ${JSON.stringify(health.warmup)})`,
      );
    }
  } finally {
    await app.stop();
  }
}
await driver.close();
