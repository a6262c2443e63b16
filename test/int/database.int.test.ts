import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import { createApp } from '../../server/api/app.js';
import { applySchema } from '../../server/graph/schema.js';
import { clearGraph, testDriver, testExecutor } from '../helpers/db.js';

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await clearGraph(driver);
});
afterAll(async () => driver.close());

describe('Bolt round trip', () => {
  it('writes a node and reads it back through a read transaction', async () => {
    const executor = testExecutor(driver);
    const id = `roundtrip-${Date.now()}`;
    await executor.write((tx) => tx.run('CREATE (:RoundTrip {id: $id, n: $n, when: date($d)})', { id, n: 42, d: '2024-04-02' }));
    const got = await executor.read(async (tx) => (await tx.run('MATCH (x:RoundTrip {id: $id}) RETURN x.n AS n, toString(x.when) AS d', { id })).records[0]);
    expect(got?.get('n')).toBe(42);
    expect(got?.get('d')).toBe('2024-04-02');
    await executor.write((tx) => tx.run('MATCH (x:RoundTrip {id: $id}) DELETE x', { id }));
  });
});

describe('schema', () => {
  const listSchema = async () => {
    const c = await driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
    const i = await driver.executeQuery("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN collect(name) AS names");
    return { constraints: (c.records[0]?.get('names') as string[]).sort(), indexes: (i.records[0]?.get('names') as string[]).sort() };
  };

  it('applies cypher/schema.cypher twice without error and without changes the second time', async () => {
    const executor = testExecutor(driver);
    const n = await applySchema(executor);
    const first = await listSchema();
    expect(await applySchema(executor)).toBe(n);
    expect(await listSchema()).toEqual(first);
    expect(first.constraints).toEqual(expect.arrayContaining(['policy_id', 'agency_id', 'company_id', 'brief_id', 'newsitem_id', 'sector_id']));
    expect(first.indexes).toEqual(expect.arrayContaining(['entity_search', 'policy_date']));
  });

  it('enforces uniqueness of ids', async () => {
    await driver.executeQuery("CREATE (:Agency {id: 'UNIQ_TEST'})");
    await expect(driver.executeQuery("CREATE (:Agency {id: 'UNIQ_TEST'})")).rejects.toThrow(/already exists/);
    await driver.executeQuery("MATCH (a:Agency {id: 'UNIQ_TEST'}) DELETE a");
  });
});

describe('GET /api/health', () => {
  it('reports the database reachable with its version and counts', async () => {
    await driver.executeQuery("CREATE (:HealthProbe {id: 'a'})-[:PROBE]->(:HealthProbe {id: 'b'})");
    const res = await request(createApp({ executor: testExecutor(driver) })).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database.reachable).toBe(true);
    expect(res.body.database.version).toMatch(/^5\.26\./);
    expect(res.body.database.nodes).toBeGreaterThanOrEqual(2);
    expect(res.body.database.relationships).toBeGreaterThanOrEqual(1);
    await driver.executeQuery('MATCH (n:HealthProbe) DETACH DELETE n');
  });

  it('answers 503 with reachable=false when Neo4j cannot be reached', async () => {
    const { createDriver } = await import('../../server/db/connect.js');
    const dead = createDriver('bolt://127.0.0.1:1', { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'x' });
    try {
      const res = await request(createApp({ executor: testExecutor(dead) })).get('/api/health');
      expect(res.status).toBe(503);
      expect(res.body.database.reachable).toBe(false);
    } finally {
      await dead.close();
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await request(createApp({ executor: testExecutor(driver) })).get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/No route/);
  });
});
