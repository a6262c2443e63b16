import neo4j, { type Driver } from 'neo4j-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/api/app.js';
import { ConsoleWorker } from '../../server/api/cypher/backend.js';
import { consolePool, createDriver } from '../../server/db/connect.js';
import { Availability } from '../../server/db/availability.js';
import { Executor, POOL_BUSY, QueryRejectedError } from '../../server/graph/executor.js';
import { toJson } from '../../server/graph/values.js';
import { emptyGraph, testDriver } from '../helpers/db.js';

// Issue 32's smaller API findings, against the real Neo4j.
const creds = { NEO4J_USER: inject('neo4jUser'), NEO4J_PASSWORD: inject('neo4jPassword') };
let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await emptyGraph(driver);
});
afterAll(async () => driver.close());

describe('a full connection pool (issue 32: pool timeouts answered 500)', () => {
  it('answers 503 with Retry-After while every connection is busy, marks nothing down, and serves again once one is free', async () => {
    const tiny = createDriver(inject('neo4jUri'), creds, { maxConnectionPoolSize: 1, connectionAcquisitionTimeout: 300 });
    const availability = new Availability(() => tiny.verifyConnectivity());
    const executor = new Executor(tiny, undefined, availability);
    const app = createApp({ executor, options: { cypher: {} } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const holding = new Promise<void>((r) => (started = r));
    // One read transaction holds the pool's only connection until released.
    const held = executor.read(async (tx) => {
      await tx.run('RETURN 1');
      started();
      await gate;
    });
    try {
      await holding;
      // The driver's own error, as mapped: pins the text the mapping depends on (the driver gives no code).
      const err = await executor.read((tx) => tx.run('RETURN 1')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueryRejectedError);
      expect(err).toMatchObject({ kind: 'busy', code: POOL_BUSY });

      const res = await request(app).get('/api/search?q=MIIT');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body.error.message).toMatch(/Every connection to the graph database is in use; retry in a few seconds/);
      // Load is not an outage: the database is not marked down for everyone else.
      expect(availability.state).toBe('up');
    } finally {
      release();
      await held;
    }
    await request(app).get('/api/search?q=MIIT').expect(200);
    availability.close();
    await tiny.close();
  });
});

describe('integers beyond 2^53 (issue 32: large integers lost precision in JSON)', () => {
  let worker: ConsoleWorker;
  beforeAll(() => {
    // The console as `npm start` runs it: on a worker thread with the console's pool.
    worker = new ConsoleWorker({ uri: inject('neo4jUri'), user: creds.NEO4J_USER, password: creds.NEO4J_PASSWORD, database: undefined, pool: consolePool(2) });
  });
  afterAll(async () => worker.close());

  it('the console returns them exactly, as decimal strings; safe integers stay numbers', async () => {
    const app = createApp({ executor: new Executor(driver), consoleBackend: worker, options: { cypher: { timeoutMs: 5000, maxRows: 10 } } });
    const res = await request(app)
      .post('/api/cypher')
      .send({
        query:
          'RETURN 9007199254740993 AS n, -9007199254740993 AS neg, 9223372036854775807 AS max, 9007199254740991 AS safe, 42 AS small, [9007199254740993] AS list, {big: 9007199254740993} AS map, 0.5 AS float',
      })
      .expect(200);
    expect(res.body.columns).toEqual(['n', 'neg', 'max', 'safe', 'small', 'list', 'map', 'float']);
    expect(res.body.rows).toEqual([
      ['9007199254740993', '-9007199254740993', '9223372036854775807', 9007199254740991, 42, ['9007199254740993'], { big: '9007199254740993' }, 0.5],
    ]);
    // In the raw JSON text too: no number a double would round.
    expect(res.text).toContain('"9007199254740993"');
    expect(res.text).not.toMatch(/9007199254740992/);
  });

  it('toJson writes Neo4j Integers and bigints the same way', () => {
    expect(toJson(neo4j.int('9007199254740993'))).toBe('9007199254740993');
    expect(toJson(neo4j.int(-5))).toBe(-5);
    expect(toJson(2n ** 53n)).toBe('9007199254740992');
    expect(toJson(2n ** 53n - 1n)).toBe(9007199254740991);
    expect(toJson({ a: [neo4j.int('-9223372036854775808')] })).toEqual({ a: ['-9223372036854775808'] });
  });
});
