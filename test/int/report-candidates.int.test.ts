import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../server/graph/executor.js';
import { resolveEntity, UnknownEntityError } from '../../server/reports/resolve.js';
import { search } from '../../server/api/search/router.js';
import { seedGraph, testDriver } from '../helpers/db.js';

let driver: Driver;
let executor: Executor;
beforeAll(async () => {
  driver = testDriver();
  executor = await seedGraph(driver);
});
afterAll(() => driver.close());

describe('one edit distance for search and reports', () => {
  it('offers MIIT for "MIITT" in the report, as search does', async () => {
    const found = await executor.read((tx) => search(tx, { q: 'MIITT', labels: ['Agency'], limit: 5 }));
    expect(found[0]?.id).toBe('agency:MIIT');
    const err = await resolveEntity(executor, 'agency', 'MIITT').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnknownEntityError);
    expect((err as UnknownEntityError).candidates[0]?.id).toBe('agency:MIIT');
    expect((err as Error).message).toMatch(/^No agency named "MIITT" in the graph\. Closest: MIIT \(agency:MIIT\)/);
  });
});
