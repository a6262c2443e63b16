import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { inject } from 'vitest';
import { createApp } from '../../server/api/app.js';
import { ConsoleWorker } from '../../server/api/cypher/backend.js';
import { consolePool } from '../../server/db/connect.js';
import { countGraph, seedGraph, testDriver, testExecutor } from '../helpers/db.js';

// Issue 12's reproductions, each against the real Neo4j through the app as `npm start` builds it:
// the console on a thread and a pool of its own, budgets as configured.
const LIMITS = { timeoutMs: 3000, maxRows: 1000, maxBytes: 10 * 1024 * 1024, maxConcurrent: 2 };
let driver: Driver;
let consoleWorker: ConsoleWorker;
let app: Express;

beforeAll(async () => {
  driver = testDriver();
  consoleWorker = new ConsoleWorker({
    uri: inject('neo4jUri'),
    user: inject('neo4jUser'),
    password: inject('neo4jPassword'),
    database: undefined,
    pool: consolePool(LIMITS.maxConcurrent),
  });
  const executor = await seedGraph(driver);
  app = createApp({ executor, consoleBackend: consoleWorker, options: { cypher: LIMITS } });
});
afterAll(async () => {
  await consoleWorker.close();
  await driver.close();
});

const cypher = (query: string, params: Record<string, unknown> = {}) => request(app).post('/api/cypher').send({ query, params });

/** One /api/health answer (200) and how long it took, in ms. */
async function healthMs(): Promise<number> {
  const t0 = performance.now();
  const res = await request(app).get('/api/health');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Math.round(performance.now() - t0);
}

/**
 * Starts `during` once health has answered (as a monitor keeps it warm), then samples
 * /api/health every 100 ms until `during` is done; returns the slowest health answer and the
 * bound it must stay under: 1 s, or ten times the median of five checks with nothing running when
 * the machine is loaded enough to make that more (issue 28). Health held up by the work itself took
 * 1.2 s where it takes 20-70 ms unloaded: thirty times, on any machine.
 */
async function slowestHealthWhile<T>(
  during: () => PromiseLike<T>,
): Promise<{ result: T; slowestMs: number; boundMs: number; samples: number; times: number[] }> {
  const idle: number[] = [];
  for (let i = 0; i < 5; i++) {
    idle.push(await healthMs());
    await new Promise((r) => setTimeout(r, 100));
  }
  const boundMs = Math.max(1000, 10 * idle.sort((a, b) => a - b)[2]!);
  let done = false;
  const times: number[] = [];
  const work = Promise.resolve(during()).finally(() => (done = true));
  while (!done) {
    times.push(await healthMs());
    await new Promise((r) => setTimeout(r, 100));
  }
  const result = await work;
  return { result, slowestMs: Math.max(0, ...times), boundMs, samples: times.length, times };
}

/** Console transactions the server still lists. */
async function consoleTransactions(): Promise<number> {
  const r = await driver.executeQuery("SHOW TRANSACTIONS YIELD metaData WHERE metaData.feature = 'cypher' RETURN count(*) AS n");
  return Number(r.records[0]?.get('n'));
}

/**
 * Waits until no console transaction is left on the server. A 408 answers the analyst at once,
 * but a query stuck inside one expression (a huge reduce) runs on until it ends; the next test
 * should not time its health checks against that.
 */
async function consoleQuiet(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const r = await driver.executeQuery("SHOW TRANSACTIONS YIELD metaData WHERE metaData.feature = 'cypher' RETURN count(*) AS n");
    if (Number(r.records[0]?.get('n')) === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('what the console may run', () => {
  it.each([
    [
      'SHOW TRANSACTIONS … TERMINATE',
      'SHOW TRANSACTIONS YIELD transactionId AS t, currentQuery AS q WHERE NOT q STARTS WITH "SHOW" TERMINATE TRANSACTIONS t YIELD message RETURN count(*)',
    ],
    ['TERMINATE TRANSACTIONS', "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"],
    ['SHOW TRANSACTIONS', 'SHOW TRANSACTIONS'],
    ['SHOW TRANSACTIONS behind comments', '/* just a look */ SHOW // really\n TRANSACTIONS YIELD currentQuery, parameters RETURN *'],
    ['SHOW SETTINGS', 'SHOW SETTINGS'],
    ['SHOW USERS', 'SHOW USERS'],
    ['SHOW DATABASES', 'SHOW DATABASES'],
    ['db.stats.clear', "CALL db.stats.clear('QUERIES')"],
    ['db.resampleOutdatedIndexes', 'CALL db.resampleOutdatedIndexes()'],
    ['db.prepareForReplanning', 'CALL db.prepareForReplanning()'],
    ['a procedure in backticks', 'CALL `db`.`prepareForReplanning`()'],
    ['a procedure inside a subquery', 'CALL { CALL db.prepareForReplanning() } RETURN 1 AS one'],
    ['dbms.components', 'CALL dbms.components()'],
  ])('refuses %s with 403 naming the reason', async (_name, query) => {
    const res = await cypher(query);
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error.message).toMatch(/^Read-only console: .*(not allowed|refused)/);
    expect(res.body.error.details.reason).toMatch(/administration|procedure|write/);
  });

  it('never runs a query on another database', async () => {
    for (const query of ['USE system SHOW USERS', 'USE system MATCH (n) RETURN n']) {
      const res = await cypher(query);
      expect([400, 403], JSON.stringify(res.body)).toContain(res.status);
    }
  });

  it('runs plain reads and the allowed procedures', async () => {
    for (const query of [
      'CALL db.labels()',
      'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType',
      'CALL db.propertyKeys()',
      'CALL db.schema.visualization()',
      "CALL db.index.fulltext.queryNodes('entity_names', 'battery') YIELD node, score RETURN node.id, score LIMIT 3",
      'SHOW INDEXES',
      'MATCH (a:Agency) RETURN a.acronym ORDER BY a.acronym LIMIT 3',
    ]) {
      const res = await cypher(query);
      expect(res.status, `${query}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
    }
    const labels = await cypher('CALL db.labels()');
    expect(labels.body.rows.flat()).toContain('Policy');
  });
});

describe('budgets', () => {
  it('caps a result in bytes and says so', async () => {
    // 100 rows of 4 MB: 400 MB uncapped. The time limit is not what this is about.
    const patient = createApp({ executor: testExecutor(driver), consoleBackend: consoleWorker, options: { cypher: { ...LIMITS, timeoutMs: 30_000 } } });
    const res = await request(patient).post('/api/cypher').send({ query: 'UNWIND range(1, 100) AS i RETURN reduce(s = "x", k IN range(1, 22) | s + s) AS s' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ truncated: true, truncatedBy: 'bytes', byteLimit: LIMITS.maxBytes });
    expect(res.body.rows.length).toBeGreaterThan(0);
    expect(res.body.rows.length).toBeLessThan(100);
    expect(Number(res.headers['content-length'])).toBeLessThanOrEqual(LIMITS.maxBytes + 64 * 1024);
  });

  // Health stays fast while Neo4j is busy. The path explosion has the driver decode
  // paths of thousands of relationships (up to 1.2 s each when that ran on the app's event loop);
  // the console worker's thread does that now. The long expression is one Neo4j cannot interrupt
  // (about 1 s unloaded, 10 s at load average 10 on two cores); a 1 s limit makes it overrun on
  // any machine but the fastest, where its answer is as good. No wall-clock budget on the 408
  // (issue 28: "limit + 3 s" failed at load average 9): what is asserted is what the 408 means,
  // that the server holds nothing of the query any more (issue 32).
  it.each([
    ['a long expression', 'RETURN reduce(s = 0, x IN range(1, 100000000) | s + x) AS n', 1000],
    ['a path explosion', 'MATCH p = ()-[*]-() RETURN p', LIMITS.timeoutMs],
  ])('answers %s with 408 once it is gone from the server, while health stays fast', async (_name, query, timeoutMs) => {
    await consoleQuiet();
    const limited = createApp({ executor: testExecutor(driver), consoleBackend: consoleWorker, options: { cypher: { ...LIMITS, timeoutMs } } });
    const t0 = performance.now();
    const { result, slowestMs, boundMs, samples, times } = await slowestHealthWhile(() => request(limited).post('/api/cypher').send({ query }));
    const ms = performance.now() - t0;
    console.log(
      `${_name}: ${result.status} after ${Math.round(ms)} ms; slowest of ${samples} health checks ${Math.round(slowestMs)} ms (${times.join(' ')}), bound ${boundMs} ms`,
    );
    if (result.status === 200) expect(result.body.rows.length).toBeGreaterThan(0);
    else {
      expect(result.status).toBe(408);
      expect(result.body.error.message).toMatch(/time limit/);
      expect(ms).toBeGreaterThanOrEqual(timeoutMs);
      expect(await consoleTransactions()).toBe(0);
    }
    // 20-70 ms unloaded, up to 265 ms at load average 15; decoding on the event loop held it 1.2 s.
    expect(slowestMs).toBeLessThan(boundMs);
  });

  it('answers 429 with Retry-After beyond the concurrent query limit', async () => {
    await consoleQuiet();
    const slow = 'UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(x)';
    // Twelve heavy queries at once: the console's pool is full, the app's is not.
    const { result: answers, slowestMs, boundMs } = await slowestHealthWhile(() => Promise.all(Array.from({ length: 12 }, () => cypher(slow))));
    console.log(
      `12 heavy console queries at once: ${answers.filter((a) => a.status === 429).length} got 429; slowest health check ${Math.round(slowestMs)} ms, bound ${boundMs} ms`,
    );
    expect(slowestMs).toBeLessThan(boundMs);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(12 - LIMITS.maxConcurrent);
    expect(answers.find((a) => a.status === 429)?.headers['retry-after']).toBe('2');
  });

  it('survives a query that would fill the heap, and when it answers the query is gone and a search answers at once', async () => {
    await consoleQuiet();
    const before = performance.now();
    expect((await request(app).get('/api/search?q=MIIT')).status).toBe(200);
    const baselineMs = performance.now() - before;
    const res = await cypher('RETURN size([x IN range(1, 60000000) | x]) AS n');
    // With a 2 GB heap the list fits and the answer comes; on a smaller heap or a slower machine
    // it is a 408 or 422. Never a 5xx: before, this query took the bundled Neo4j down.
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
    if (res.status === 200) expect(res.body.rows).toEqual([[60000000]]);
    else expect([408, 422]).toContain(res.status);
    // Issue 32: the query ran on for about 30 s after its 408 while searches waited 20-30 s.
    // Now the answer goes out once the server has let go of it: nothing of it is listed, and a
    // search answers at once (about 50 ms unloaded, 2.1 s at load average 13 on two cores, the
    // heap's garbage still being collected; the bound leaves room for more load).
    expect(await consoleTransactions()).toBe(0);
    const t0 = performance.now();
    const search = await request(app).get('/api/search?q=MIIT');
    const searchMs = performance.now() - t0;
    console.log(`memory bomb: ${res.status}; a search right after it took ${Math.round(searchMs)} ms (${Math.round(baselineMs)} ms before it)`);
    expect(search.status).toBe(200);
    expect(searchMs).toBeLessThan(10_000);
    expect((await request(app).get('/api/health')).status).toBe(200);
    expect((await countGraph(driver)).nodes).toBeGreaterThan(100);
  });

  it('refuses collecting beyond the transaction memory cap with 422', async () => {
    const res = await cypher('UNWIND range(1, 100000000) AS x RETURN size(collect(x)) AS n');
    // Either the memory cap or the time limit stops it first; both are clear 4xx answers.
    expect([408, 422], JSON.stringify(res.body)).toContain(res.status);
  });
});

describe('the console thread', () => {
  it('carries answers and errors across the thread as they are', async () => {
    const limited = await cypher('UNWIND range(1, 10) AS x RETURN x LIMIT $n', { n: 3 });
    expect(limited.status, JSON.stringify(limited.body)).toBe(200);
    expect(limited.body.rows).toEqual([[1], [2], [3]]);
    const syntax = await cypher('MATCH (n RETURN n');
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.details.position).toMatchObject({ line: 1 });
    const explain = await cypher('EXPLAIN MATCH (n) RETURN n');
    expect(explain.status).toBe(400);
    expect(explain.body.error.message).toMatch(/EXPLAIN and PROFILE/);
  });

  it('starts a new worker when the last one has stopped', async () => {
    await consoleWorker.close();
    const res = await cypher('RETURN 2 AS two');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual([[2]]);
  });
});

describe('HTTP guards', () => {
  it('refuses a foreign Host (DNS rebinding) and a foreign Origin on writes', async () => {
    const foreign = await request(app).post('/api/cypher').set('Host', 'attacker.example:3000').send({ query: 'RETURN 1' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/ALLOWED_HOSTS/);
    expect((await request(app).get('/api/health').set('Host', 'attacker.example')).status).toBe(403);
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000']) {
      expect((await request(app).get('/api/stats').set('Host', host)).status, host).toBe(200);
    }
    const cross = await request(app).post('/api/cypher').set('Origin', 'https://attacker.example').send({ query: 'RETURN 1' });
    expect(cross.status).toBe(403);
    const same = await request(app).post('/api/cypher').set('Host', 'localhost:3000').set('Origin', 'http://localhost:3000').send({ query: 'RETURN 1' });
    expect(same.status).toBe(200);
    const named = createApp({ executor: testExecutor(driver), options: { cypher: LIMITS, allowedHosts: ['graph.example.org'] } });
    expect((await request(named).get('/api/stats').set('Host', 'graph.example.org')).status).toBe(200);
  });

  it('answers client errors with 4xx', async () => {
    const charset = await request(app).post('/api/cypher').set('content-type', 'application/json; charset=iso-8859-1').send('{"query":"RETURN 1"}');
    expect(charset.status).toBe(415);
    const encoding = await request(app)
      .post('/api/cypher')
      .set('content-type', 'application/json')
      .set('content-encoding', 'bogus')
      .send('{"query":"RETURN 1"}');
    expect(encoding.status).toBe(415);
    const percent = await request(app).get('/api/nodes/agency:%ff');
    expect(percent.status).toBe(400);
    const deep = '{"query":"RETURN $p","params":{"p":' + '['.repeat(5000) + ']'.repeat(5000) + '}}';
    const nested = await request(app).post('/api/cypher').set('content-type', 'application/json').send(deep);
    expect(nested.status).toBe(400);
    expect(nested.body.error.message).toMatch(/nested deeper/);
  });
});
