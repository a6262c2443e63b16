/**
 * npm run bench:api [-- --connections 1,16 --duration 10] [--soak 60]
 *
 * Serves the app in this process on a free loopback port against the configured or bundled
 * Neo4j (seeds imported if the graph is empty), then drives it with autocannon: per endpoint
 * p50/p95/p99 latency and requests/s at each connection count, and the same query timed through
 * the driver directly for the API-overhead ratio. --soak N runs a mixed load of search,
 * neighbours and reports for N seconds at 16 connections and prints errors and memory over time.
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createApp, defaultAppOptions } from '../../server/api/app.js';
import { loadConfigOrExit } from '../../server/config.js';
import { connectDatabase } from '../../server/db/connect.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { importSeedsIfEmpty } from '../../server/import/seeds.js';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '1,16' }, duration: { type: 'string', default: '10' }, soak: { type: 'string' } } });
const connections = values.connections.split(',').map(Number);
const duration = Number(values.duration);

const db = await connectDatabase(loadConfigOrExit());
const executor = new Executor(db.driver, db.database);
await applySchema(executor);
await importSeedsIfEmpty(executor);

// Pick real ids from the graph so every request hits data.
const pick = async (q: string) => String((await db.driver.executeQuery(q)).records[0]?.get('id'));
const agency = await pick('MATCH (a:Agency)<-[r:ISSUED_BY]-() RETURN a.id AS id, count(r) AS c ORDER BY c DESC LIMIT 1');
const company = await pick('MATCH (c:Company)-[r]-() RETURN c.id AS id, count(r) AS c ORDER BY c DESC LIMIT 1');
const server = createApp({ executor, options: defaultAppOptions }).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const endpoints: { name: string; path: string; method?: 'GET' | 'POST'; body?: string; direct?: () => Promise<unknown> }[] = [
  { name: 'search', path: '/api/search?q=min&limit=10' },
  { name: 'node', path: `/api/nodes/${encodeURIComponent(agency)}` },
  { name: 'neighbours', path: `/api/nodes/${encodeURIComponent(agency)}/neighbors?limit=200` },
  { name: 'paths', path: `/api/paths?from=${encodeURIComponent(company)}&to=${encodeURIComponent(agency)}&maxLength=4` },
  { name: 'saved query', path: '/api/queries/co-issuing-agencies/run', method: 'POST', body: '{}' },
  { name: 'report', path: `/api/reports/agency/${encodeURIComponent(agency)}?format=json` },
  {
    name: 'search (driver)',
    path: '',
    direct: () => db.driver.executeQuery("CALL db.index.fulltext.queryNodes('entity_search', '(min*) OR \"min\"', {limit: 300}) YIELD node, score RETURN node.id, score LIMIT 10"),
  },
];

console.log(`Policy Graph API benchmark — ${base}, Neo4j ${db.uri}; agency ${agency}, company ${company}`);
console.log('endpoint'.padEnd(16), 'conns', 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
const p50s = new Map<string, number>();
for (const c of connections) {
  for (const e of endpoints) {
    if (e.direct) {
      // The same work without HTTP: sequential calls, for the API-overhead ratio at 1 connection.
      if (c !== 1) continue;
      const times: number[] = [];
      const until = Date.now() + duration * 1000;
      while (Date.now() < until) {
        const s = performance.now();
        await e.direct();
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
      p50s.set(e.name, q(0.5));
      console.log(e.name.padEnd(16), String(c).padStart(5), (times.length / duration).toFixed(0).padStart(8), q(0.5).toFixed(2).padStart(8), q(0.95).toFixed(2).padStart(8), q(0.99).toFixed(2).padStart(8), '0'.padStart(7));
      continue;
    }
    const r = await autocannon({ url: base + e.path, method: e.method ?? 'GET', body: e.body, headers: { 'content-type': 'application/json' }, connections: c, duration });
    const errors = r.errors + r.timeouts + r.non2xx;
    if (c === 1) p50s.set(e.name, r.latency.p50);
    console.log(e.name.padEnd(16), String(c).padStart(5), r.requests.average.toFixed(0).padStart(8), String(r.latency.p50).padStart(8), String(r.latency.p97_5 ?? r.latency.p90).padStart(8), String(r.latency.p99).padStart(8), String(errors).padStart(7));
  }
}
if (p50s.has('search') && p50s.has('search (driver)')) console.log(`API overhead on search at 1 connection: ${(p50s.get('search')! / Math.max(0.01, p50s.get('search (driver)')!)).toFixed(2)}× the direct driver query (p50).`);
console.log('(p95 column: autocannon reports p97.5; autocannon latencies are whole milliseconds.)');

if (values.soak) {
  const secs = Number(values.soak);
  console.log(`\nSoak: 16 connections for ${secs} s over search, neighbours and report.`);
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss / 1048576), 5000);
  const r = await autocannon({
    url: base,
    connections: 16,
    duration: secs,
    requests: [
      { method: 'GET', path: '/api/search?q=data&limit=10' },
      { method: 'GET', path: `/api/nodes/${encodeURIComponent(agency)}/neighbors?limit=100` },
      { method: 'GET', path: `/api/reports/company/${encodeURIComponent(company)}?format=json` },
    ],
  });
  clearInterval(sampler);
  console.log(`requests ${r.requests.total}, ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}`);
  console.log(`RSS (MB, every 5 s, server and load generator in one process): ${rss.map((x) => x.toFixed(0)).join(' ')}`);
}

server.close();
await db.close();
