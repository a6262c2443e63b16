/**
 * npm run bench:api [-- --connections 1,16 --duration 10] [--soak 60] [--only paths]
 *
 * Starts the app as its own process (server/main.ts, as `npm start` does) against the configured
 * or bundled Neo4j (seeds imported if the graph is empty), and drives it from this process with
 * autocannon. Each endpoint is asked about many different things drawn from the graph (search
 * prefixes as typed, nodes of every label, agencies and companies for reports), the way analysts
 * use it; the most connected agency and company are measured on their own rows as the worst case.
 * Prints requests/s and p50/p95/p99 computed from every response's latency.
 *
 * The search endpoint's own queries are also run through the driver directly, at the same
 * concurrency, for the API-overhead ratio. --soak N runs a mixed load for N seconds at 16 connections and prints
 * errors and the server's memory over time.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { search } from '../../server/api/search/router.js';
import { loadConfigOrExit } from '../../server/config.js';
import { connectDatabase } from '../../server/db/connect.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { importSeedsIfEmpty } from '../../server/import/seeds.js';
import { startAppProcess } from './app.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '1,16' },
    duration: { type: 'string', default: '10' },
    soak: { type: 'string' },
    // Rows whose name starts with one of these (comma-separated), e.g. --only changes,feed,trend
    only: { type: 'string' },
  },
});
const connections = values.connections.split(',').map(Number);
const duration = Number(values.duration);

const config = loadConfigOrExit();
const db = await connectDatabase(config);
const executor = new Executor(db.driver, db.database);
await applySchema(executor);
await importSeedsIfEmpty(executor);

// ---- What to ask: real ids and names from the graph, spread evenly over each label. ----------
const rows = async (q: string, params: Record<string, unknown> = {}) =>
  (await db.driver.executeQuery(q, params, { database: db.database })).records.map((r) => r.toObject());
const spread = async (label: string, k: number) =>
  (
    await rows(
      `MATCH (n:${label}) WITH n ORDER BY n.id WITH collect(n {.id, .name}) AS xs
               RETURN [i IN range(0, size(xs) - 1, toInteger(ceil(size(xs) / toFloat($k)))) | xs[i]] AS picked`,
      { k: neo4j.int(k) },
    )
  )[0]!.picked as { id: string; name: string }[];
const hub = async (label: string) => String((await rows(`MATCH (n:${label}) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC, n.id LIMIT 1`))[0]!.id);

const agencies = await spread('Agency', 15);
const companies = await spread('Company', 20);
const policies = await spread('Policy', 15);
const sectors = await spread('Sector', 5);
const news = await spread('NewsItem', 5);
const hubAgency = await hub('Agency');
const hubCompany = await hub('Company');
const hubSector = await hub('Sector');
const sampled = [...agencies, ...companies, ...policies, ...sectors, ...news];
// Type-ahead as analysts type it: 3 to 6 letters of a word of a real name, and a few whole words.
const terms = [
  ...new Set(
    sampled.flatMap((n, i) => {
      const word = String(n.name ?? '')
        .split(/[^\p{L}\p{N}]+/u)
        .find((w) => w.length >= 3);
      return word ? [word.toLowerCase().slice(0, 3 + (i % 4))] : [];
    }),
  ),
].slice(0, 40);
const enc = encodeURIComponent;

// ---- The app, in its own process. ----------------------------------------------------------------
const app = await startAppProcess(db.uri);
const base = app.base;
const headers: Record<string, string> = { 'content-type': 'application/json', ...(config.API_TOKEN ? { authorization: `Bearer ${config.API_TOKEN}` } : {}) };
type Request = { method: 'GET' | 'POST'; path: string; body?: string };
const get = (path: string): Request => ({ method: 'GET', path });
const nodeIds = sampled.map((n) => n.id);
// A watch-list as an analyst makes one: the hub agency, the hub company and the hub sector. Named
// for this run: a second run on the same state folder found the first one's and stopped (409).
const created = await fetch(`${base}/api/watchlists`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ name: `bench: hubs ${new Date().toISOString()}`, entities: [hubAgency, hubCompany, hubSector] }),
});
if (!created.ok) throw new Error(`POST /api/watchlists: HTTP ${created.status} ${await created.text()}`);
const watchList = ((await created.json()) as { id: string }).id;
const allEndpoints: { name: string; requests: Request[] }[] = [
  { name: 'search', requests: terms.map((t) => get(`/api/search?q=${enc(t)}&limit=10`)) },
  { name: 'node', requests: nodeIds.map((id) => get(`/api/nodes/${enc(id)}`)) },
  { name: 'neighbours', requests: nodeIds.map((id) => get(`/api/nodes/${enc(id)}/neighbors?limit=150`)) },
  { name: 'paths', requests: companies.map((c, i) => get(`/api/paths?from=${enc(c.id)}&to=${enc(agencies[i % agencies.length]!.id)}&maxLength=4`)) },
  { name: 'saved query', requests: [{ method: 'POST', path: '/api/queries/co-issuing-agencies/run', body: '{}' }] },
  {
    name: 'report',
    requests: [
      ...agencies.slice(0, 10).map((a) => get(`/api/reports/agency/${enc(a.id)}?format=json`)),
      ...companies.slice(0, 10).map((c) => get(`/api/reports/company/${enc(c.id)}?format=json`)),
    ],
  },
  { name: 'node, hub', requests: [get(`/api/nodes/${enc(hubAgency)}`)] },
  { name: 'neighbours, hub', requests: [get(`/api/nodes/${enc(hubAgency)}/neighbors?limit=150`)] },
  { name: 'report, hub agency', requests: [get(`/api/reports/agency/${enc(hubAgency)}?format=json`)] },
  { name: 'report, hub company', requests: [get(`/api/reports/company/${enc(hubCompany)}?format=json`)] },
  { name: 'paths, hubs', requests: [get(`/api/paths?from=${enc(hubCompany)}&to=${enc(hubAgency)}&maxLength=4`)] },
  // Not cached: read from the import history and the graph on every request.
  { name: 'changes (last import)', requests: [get('/api/changes')] },
  { name: 'feed, watch-list JSON', requests: [get(`/api/watchlists/${watchList}/feed`)] },
  { name: 'feed, watch-list Atom', requests: [get(`/api/watchlists/${watchList}/feed?format=atom`)] },
  // Cached until an import changes the graph: the first request (warm-up pass) is uncached.
  { name: 'trend, hub agency', requests: [get(`/api/trends/${enc(hubAgency)}`)] },
  { name: 'trend, hub company', requests: [get(`/api/trends/${enc(hubCompany)}`)] },
  { name: 'trend, hub sector', requests: [get(`/api/trends/${enc(hubSector)}`)] },
];
const only = values.only?.split(',').map((s) => s.trim());
const endpoints = only ? allEndpoints.filter((e) => only.some((o) => e.name.startsWith(o))) : allEndpoints;
if (!endpoints.length) throw new Error(`--only ${values.only}: no row starts with that; rows: ${allEndpoints.map((e) => e.name).join(', ')}`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}
const row = (name: string, c: number, f: Figures) =>
  console.log(
    name.padEnd(22),
    String(c).padStart(5),
    f.rps.toFixed(0).padStart(7),
    ...[f.p50, f.p95, f.p99].map((x) => x.toFixed(1).padStart(8)),
    String(f.errors).padStart(7),
  );

async function drive(requests: Request[], c: number, secs: number): Promise<Figures> {
  const times: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base, headers, connections: c, duration: secs, requests }, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  return {
    rps: times.length / secs,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

/** The search endpoint's own queries through the driver (no HTTP, no JSON), c loops in parallel. */
async function driveDriver(c: number, secs: number): Promise<Figures> {
  const times: number[] = [];
  const until = Date.now() + secs * 1000;
  await Promise.all(
    Array.from({ length: c }, async (_, k) => {
      for (let i = k; Date.now() < until; i++) {
        const s = performance.now();
        await executor.read((tx) => search(tx, { q: terms[i % terms.length]!, labels: [], limit: 10 }));
        times.push(performance.now() - s);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { rps: times.length / secs, p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99), errors: 0 };
}

try {
  const count = (await rows('MATCH (b:Brief) RETURN count(b) AS c'))[0]!.c;
  console.log(`Policy Graph API benchmark: app at ${base} (own process), Neo4j ${db.uri}, ${count} briefs.`);
  console.log(
    `Asked: ${terms.length} search prefixes, ${nodeIds.length} nodes, ${companies.length} paths, 20 reports; hubs ${hubAgency}, ${hubCompany} and ${hubSector} (watch-list ${watchList}).`,
  );
  console.log('endpoint'.padEnd(22), 'conns', 'req/s'.padStart(7), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
  // Warm-up: every request once, one at a time, so no figure below includes query planning or
  // the JIT. It also fills the response cache (reports, neighbourhoods): the time those took here
  // is their uncached cost.
  const firstTimes = new Map<string, number[]>();
  const largest = new Map<string, number>();
  for (const e of endpoints) {
    for (const r of e.requests) {
      const s = performance.now();
      const res = await fetch(base + r.path, { method: r.method, headers, body: r.body });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) throw new Error(`${r.method} ${r.path}: HTTP ${res.status}`);
      firstTimes.set(e.name, [...(firstTimes.get(e.name) ?? []), performance.now() - s]);
      largest.set(e.name, Math.max(largest.get(e.name) ?? 0, bytes));
    }
  }
  console.log('first request of each (uncached; p50 / p95 / max ms, largest response):');
  for (const e of endpoints) {
    const t = firstTimes.get(e.name)!.sort((a, b) => a - b);
    console.log(
      `  ${e.name.padEnd(22)} ${[percentile(t, 0.5), percentile(t, 0.95), t[t.length - 1]!].map((x) => x.toFixed(1).padStart(8)).join(' ')}   ${(largest.get(e.name)! / 1024).toFixed(1)} KB`,
    );
  }
  console.log('  (first requests are built from the graph; later ones come from the cache until an import)');
  for (const c of connections) {
    await drive(
      endpoints.flatMap((e) => e.requests),
      c,
      3,
    );
    for (const e of endpoints) row(e.name, c, await drive(e.requests, c, duration));
    if (only) continue;
    const api = await drive(allEndpoints[0]!.requests, c, duration);
    const direct = await driveDriver(c, duration);
    row('search (API, again)', c, api);
    row('search (driver only)', c, direct);
    console.log(`  API overhead on search at ${c} connection(s): ${(api.p50 / direct.p50).toFixed(2)}× at p50, ${(api.p95 / direct.p95).toFixed(2)}× at p95.`);
  }

  if (values.soak) {
    const secs = Number(values.soak);
    console.log(`\nSoak: 16 connections for ${secs} s over every request above.`);
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(app.rssMb()), 5000);
    const f = await drive(
      endpoints.flatMap((e) => e.requests),
      16,
      secs,
    );
    clearInterval(sampler);
    console.log(`requests ${Math.round(f.rps * secs)}, ${f.rps.toFixed(0)} req/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, errors ${f.errors}`);
    console.log(`RSS of the app process (MB, every 5 s): ${rss.map((x) => x.toFixed(0)).join(' ')}`);
  }
} finally {
  await app.stop();
  await db.close();
}
