import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { loadSavedQueries } from '../../server/api/queries/catalog.js';
import { seedGraph, testDriver } from '../helpers/db.js';

// Issue 32's reproductions: a subquery expression inside an expression (list comprehension, CASE,
// reduce, a predicate) is planned as a nested plan whose operators are not children in the plan
// the guard walks. Each of these ran before: the LOAD CSV fetched a file from a loopback server,
// db.stats.retrieve answered with other sessions' query texts.
let driver: Driver;
let app: Express;
let secret: http.Server;
/** Every request the loopback server saw: a fetch from the console is a failure whatever it answers. */
const fetched: string[] = [];
let secretUrl = '';

beforeAll(async () => {
  secret = http.createServer((req, res) => {
    fetched.push(req.url ?? '');
    res.end('name,password\nadmin,hunter2\n');
  });
  await new Promise<void>((r) => secret.listen(0, '127.0.0.1', r));
  secretUrl = `http://127.0.0.1:${(secret.address() as AddressInfo).port}/secret.txt`;
  driver = testDriver();
  const executor = await seedGraph(driver);
  app = createApp({ executor, options: { cypher: { timeoutMs: 10_000, maxRows: 1000, maxBytes: 10 * 1024 * 1024, maxConcurrent: 2 } } });
});
afterAll(async () => {
  await driver.close();
  await new Promise((r) => secret.close(r));
});

const cypher = (query: string) => request(app).post('/api/cypher').send({ query });

describe('subquery expressions nested in expressions', () => {
  it('refuses LOAD CSV in a COLLECT inside a list comprehension, and nothing is fetched', async () => {
    const res = await cypher(`RETURN [x IN [1] | COLLECT { LOAD CSV FROM '${secretUrl}' AS l RETURN l }] AS r`);
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error.details.reason).toBe('load-csv');
    expect(fetched).toEqual([]);
  });

  it('refuses db.stats.retrieve in a COLLECT inside a list comprehension, and returns no query text', async () => {
    // Something for the statistics to hold: another session's query with a parameter.
    await driver.executeQuery('MATCH (a:Agency {acronym: $secret}) RETURN a', { secret: 'other-session-parameter' });
    const res = await cypher(`RETURN [x IN [1] | COLLECT { CALL db.stats.retrieve('QUERIES') YIELD data RETURN data }] AS r`);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(403);
    expect(res.body.error.details).toMatchObject({ reason: 'procedure', procedure: 'db.stats.retrieve' });
    expect(JSON.stringify(res.body)).not.toContain('other-session-parameter');
  });

  it.each([
    ['db.stats.clear in CASE', `RETURN CASE WHEN true THEN COUNT { CALL db.stats.clear('QUERIES') YIELD section RETURN section } ELSE 0 END AS r`],
    ['db.prepareForReplanning in a list comprehension', `RETURN [x IN [1] | COUNT { CALL db.prepareForReplanning() }] AS r`],
    ['db.stats.retrieve in a predicate', `RETURN all(x IN [1] WHERE COUNT { CALL db.stats.retrieve('QUERIES') YIELD data RETURN data } > 0) AS r`],
    ['LOAD CSV in reduce', `RETURN reduce(a = [], x IN [1] | a + COLLECT { LOAD CSV FROM '${secretUrl}' AS l RETURN l }) AS r`],
    ['LOAD CSV in a WHERE', `MATCH (n:Agency) WHERE n.name = COLLECT { LOAD CSV FROM '${secretUrl}' AS l RETURN l[0] }[0] RETURN n`],
    ['LOAD CSV in a list filter', `RETURN [x IN [1] WHERE EXISTS { LOAD CSV FROM '${secretUrl}' AS l RETURN l }] AS r`],
    ['LOAD CSV in a CALL inside COLLECT', `RETURN [x IN [1] | COLLECT { CALL () { LOAD CSV FROM '${secretUrl}' AS l RETURN l } RETURN l }] AS r`],
    [
      'LOAD CSV after UNION inside COLLECT',
      `RETURN [x IN [1] | COLLECT { MATCH (n) RETURN n.x AS v UNION ALL LOAD CSV FROM '${secretUrl}' AS l RETURN l AS v }] AS r`,
    ],
    ['dbms.listConfig in a COLLECT', `RETURN [x IN [1] | COLLECT { CALL dbms.listConfig() YIELD name RETURN name }] AS r`],
    ['USE inside a COLLECT', `RETURN [x IN [1] | COLLECT { USE neo4j MATCH (n) RETURN n }] AS r`],
  ])('refuses %s with 403', async (_name, query) => {
    const res = await cypher(query);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(403);
    expect(res.body.error.message).toMatch(/^Read-only console: /);
    expect(fetched).toEqual([]);
  });

  it('runs subquery expressions that only read, nested or not', async () => {
    for (const query of [
      'MATCH (a:Agency) RETURN a.acronym, [x IN [1] | COUNT { MATCH (a)<-[:ISSUED_BY]-(p:Policy) RETURN p }] AS n ORDER BY a.acronym LIMIT 3',
      'MATCH (a:Agency) RETURN CASE WHEN EXISTS { (a)<-[:ISSUED_BY]-(:Policy) } THEN COLLECT { MATCH (a)<-[:ISSUED_BY]-(p) RETURN p.title ORDER BY p.title LIMIT 2 } ELSE [] END AS t LIMIT 3',
      'RETURN [x IN [1] | COLLECT { CALL () { MATCH (n:Agency) RETURN n.acronym AS v ORDER BY v DESC LIMIT 2 } RETURN v }] AS r',
      'MATCH (a:Agency) RETURN a {.acronym, policies: [x IN [1] | COLLECT { MATCH (a)<-[:ISSUED_BY|CO_ISSUED_BY]-(p:Policy) WHERE p.title STARTS WITH "A" OR p.date IS NOT NULL RETURN DISTINCT p.id }]} AS m LIMIT 2',
      'RETURN reduce(s = 0, x IN [1, 2] | s + COUNT { MATCH (n:Agency) WHERE n.acronym IN ["MIIT", "NDRC"] }) AS r',
      'RETURN [x IN [1] | COLLECT { MATCH (n:Agency) RETURN n.acronym AS v UNION MATCH (n:Sector) RETURN n.name AS v }] AS r',
    ]) {
      const res = await cypher(query);
      expect(res.status, `${query}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
    }
  });

  it('still runs every saved query', async () => {
    for (const q of loadSavedQueries()) {
      const res = await request(app).post(`/api/queries/${q.name}/run`).send({});
      expect(res.status, `${q.name}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
    }
  });
});
