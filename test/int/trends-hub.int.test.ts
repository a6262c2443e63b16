import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { fromRoot } from '../../server/paths.js';
import { clearGraph, emptyGraph, testDriver } from '../helpers/db.js';

// Issue 29: a hub's trend at 10,000 briefs took 55-76 s, because every brief restating a policy
// adds one more relationship between the same two nodes and the queries stepped on from each one.
// Here the generated hub (test/int/cypher/hub.cypher) gets that shape: every relationship the
// trends read is restated by three more briefs, and some items have no quarter. The trend must
// still equal a plain Cypher count of the same thing.

const HUB = fs.readFileSync(fromRoot('test/int/cypher/hub.cypher'), 'utf8');
const BRIEFS = 200; // about seven quarters of briefs, three days apart
const RESTATED = 3;

let driver: Driver;
let app: Express;

beforeAll(async () => {
  driver = testDriver();
  const executor = await emptyGraph(driver);
  for (let from = 0; from < BRIEFS; from += 50) {
    const slice = { from: neo4j.int(from), to: neo4j.int(from + 50), perBrief: neo4j.int(5), coIssuers: neo4j.int(12) };
    await driver.executeQuery(HUB, { ...slice, sectors: neo4j.int(4), companies: neo4j.int(50) });
  }
  const restate = (pattern: string, type: string) =>
    driver.executeQuery(
      `MATCH ${pattern} WITH a, b, r UNWIND range(1, $k) AS k
       CREATE (a)-[:${type} {brief: 'restated-' + k, evidence: r.evidence, line: r.line}]->(b)`,
      { k: neo4j.int(RESTATED) },
    );
  await restate('(a:Policy)-[r:ISSUED_BY]->(b)', 'ISSUED_BY');
  await restate('(a:Policy)-[r:TARGETS]->(b)', 'TARGETS');
  await restate('(a:Company)-[r:MENTIONED_IN]->(b)', 'MENTIONED_IN');
  await restate('(a:NewsItem)-[r:INVOLVES]->(b)', 'INVOLVES');
  // Items dated only by a year, or not at all, have no quarter.
  await driver.executeQuery(`MATCH (p:Policy) WHERE p.id ENDS WITH '7' SET p.datePrecision = 'year'`);
  await driver.executeQuery(`MATCH (x:NewsItem) WHERE x.id ENDS WITH '3' REMOVE x.date`);
  app = createApp({ executor });
}, 300_000);
afterAll(async () => {
  await clearGraph(driver);
  await driver.close();
});

/** Distinct `x` per quarter, asked plainly: `pattern` binds x (and may use $id). */
async function plain(pattern: string, id: string, where = 'true'): Promise<Record<string, number>> {
  const r = await driver.executeQuery(
    `${pattern} WHERE ${where} AND d.date IS NOT NULL AND coalesce(d.datePrecision, 'day') <> 'year'
     RETURN toString(d.date.year) + '-Q' + toString(d.date.quarter) AS q, count(DISTINCT x) AS n`,
    { id },
  );
  return Object.fromEntries(r.records.map((x) => [x.get('q'), Number(x.get('n'))]));
}
const nonZero = (t: { quarters: string[]; series: { values: number[] }[] }, i: number) =>
  Object.fromEntries(t.quarters.flatMap((q, j) => (t.series[i]!.values[j] ? [[q, t.series[i]!.values[j]]] : [])));
const trend = async (id: string) =>
  (
    await request(app)
      .get(`/api/trends/${encodeURIComponent(id)}`)
      .expect(200)
  ).body;

describe('the trend of a hub whose relationships are restated by many briefs', () => {
  it('has that shape: several relationships between the same two nodes', async () => {
    const r = await driver.executeQuery(`MATCH (:Agency {id: 'agency:HUB'})<-[r:ISSUED_BY]-(p:Policy) RETURN count(r) AS links, count(DISTINCT p) AS policies`);
    expect(Number(r.records[0]!.get('links'))).toBe((RESTATED + 1) * Number(r.records[0]!.get('policies')));
  });

  it('counts per quarter what a plain Cypher count gives, for the hub agency, a sector and the hub company', async () => {
    const hub = await trend('agency:HUB');
    expect(nonZero(hub, 0)).toEqual(await plain('MATCH (:Agency {id: $id})<-[:ISSUED_BY]-(x:Policy) WITH x, x AS d', 'agency:HUB'));
    expect(nonZero(hub, 1)).toEqual(await plain('MATCH (:Agency {id: $id})<-[:INVOLVES]-(x:NewsItem) WITH x, x AS d', 'agency:HUB'));
    expect(nonZero(hub, 2)).toEqual(
      await plain('MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(d:Policy)-[:ISSUED_BY]->(x:Agency) WITH a, d, x', 'agency:HUB', 'x <> a'),
    );
    // Several quarters, and co-issuers in them: the comparison is not of empty series.
    expect(hub.quarters.length).toBeGreaterThan(4);
    expect(hub.series[2].total).toBeGreaterThan(hub.quarters.length);

    const sector = await trend('sector:s0');
    expect(nonZero(sector, 0)).toEqual(await plain('MATCH (:Sector {id: $id})<-[:TARGETS]-(x:Policy) WITH x, x AS d', 'sector:s0'));
    expect(nonZero(sector, 2)).toEqual(await plain('MATCH (:Sector {id: $id})<-[:TARGETS]-(d:Policy)-[:ISSUED_BY]->(x:Agency) WITH d, x', 'sector:s0'));

    const company = await trend('company:hubco');
    expect(nonZero(company, 0)).toEqual(await plain('MATCH (:Company {id: $id})-[:MENTIONED_IN]->(x:Policy) WITH x, x AS d', 'company:hubco'));
    expect(nonZero(company, 1)).toEqual(await plain('MATCH (:Company {id: $id})-[:MENTIONED_IN]->(x:NewsItem) WITH x, x AS d', 'company:hubco'));
    expect(nonZero(company, 2)).toEqual(
      await plain('MATCH (:Company {id: $id})-[:MENTIONED_IN]->(d:Policy)-[:ISSUED_BY]->(x:Agency) WITH d, x', 'company:hubco'),
    );
  });
});
