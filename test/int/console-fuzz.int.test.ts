import fc from 'fast-check';
import neo4j, { type Driver, type ResultSummary } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../server/api/cypher/guard.js';
import { HttpError } from '../../server/api/errors.js';
import { emptyGraph, testDriver } from '../helpers/db.js';

// Issue 32: every refused form, nested every way Cypher allows — subquery expressions in list
// comprehensions, CASE, reduce, predicates, map projections; CALL subqueries; UNION — planned
// by the real Neo4j (EXPLAIN runs nothing) and put to the console's guard. Each must be refused:
// by the guard (403), or by Neo4j itself before planning (a syntax or semantic error), or be
// dropped by the planner as dead code, which is then shown by running it. Neo4j rejects many of
// these nestings (no SHOW or writes inside COLLECT {}): the generator does not need to know which,
// the assertion holds either way.
let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await emptyGraph(driver);
});
afterAll(() => driver.close());

/**
 * Each refused form as a query part that returns one column `v`, with what shows it in a plan (an
 * operator or its text) should Neo4j plan it.
 */
const FORMS: [string, RegExp][] = [
  ["LOAD CSV FROM 'http://127.0.0.1:9/secret.txt' AS l RETURN l AS v", /LOAD\s*CSV/i],
  ["LOAD CSV WITH HEADERS FROM 'https://169.254.169.254/latest/meta-data' AS l RETURN l AS v", /LOAD\s*CSV/i],
  ["CALL db.stats.retrieve('QUERIES') YIELD data RETURN data AS v", /db\.stats\.retrieve/],
  ["CALL db.stats.clear('QUERIES') YIELD section RETURN section AS v", /db\.stats\.clear/],
  ["CALL db.stats.collect('QUERIES') YIELD section RETURN section AS v", /db\.stats\.collect/],
  ['CALL db.prepareForReplanning() RETURN 1 AS v', /db\.prepareForReplanning/],
  ['CALL dbms.listConfig() YIELD name RETURN name AS v', /dbms\.listConfig/],
  ['CALL dbms.components() YIELD name RETURN name AS v', /dbms\.components/],
  ['CALL dbms.listConnections() YIELD connectionId RETURN connectionId AS v', /dbms\.listConnections/],
  ["CALL db.createLabel('Fuzz') RETURN 1 AS v", /db\.createLabel/],
  ['SHOW TRANSACTIONS YIELD transactionId RETURN transactionId AS v', /ShowTransactions|SHOW/i],
  ['SHOW SETTINGS YIELD name RETURN name AS v', /ShowSettings|SHOW/i],
  ["TERMINATE TRANSACTIONS 'neo4j-transaction-1' YIELD message RETURN message AS v", /Terminate/i],
  ['SHOW USERS YIELD user RETURN user AS v', /ShowUsers|SHOW|system/i],
  ['CREATE (n:Fuzz) RETURN n AS v', /Create|Fuzz/i],
  ['MERGE (n:Fuzz {k: 1}) RETURN n AS v', /Merge|Fuzz/i],
  ['MATCH (n) SET n.fuzz = 1 RETURN n AS v', /Set|fuzz/i],
  ['MATCH (n) DETACH DELETE n RETURN 1 AS v', /Delete/i],
  ['USE system MATCH (n) RETURN n AS v', /system/i],
];
const PAYLOADS = FORMS.map(([payload]) => payload);

/** Query parts that return `v`, expressions, and predicates, each holding a payload somewhere inside. */
const { body: bodyArb } = fc.letrec<{ body: string; expr: string; pred: string }>((tie) => ({
  body: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...PAYLOADS),
    tie('body').map((b) => `CALL () { ${b} } RETURN v`),
    tie('body').map((b) => `CALL { ${b} } RETURN v`),
    tie('body').map((b) => `RETURN 1 AS v UNION ALL ${b}`),
    tie('body').map((b) => `MATCH (m) WITH m LIMIT 1 CALL (m) { ${b} } RETURN v`),
    tie('expr').map((e) => `RETURN ${e} AS v`),
    tie('expr').map((e) => `UNWIND [1] AS y WITH y, ${e} AS v RETURN v`),
    tie('pred').map((p) => `MATCH (m) WHERE ${p} RETURN m AS v`),
    tie('pred').map((p) => `WITH 1 AS y WHERE ${p} RETURN y AS v`),
  ),
  expr: fc.oneof(
    { depthSize: 'small' },
    tie('body').map((b) => `COLLECT { ${b} }`),
    tie('body').map((b) => `COUNT { ${b} }`),
    tie('pred').map((p) => `CASE WHEN ${p} THEN 1 ELSE 0 END`),
    tie('expr').map((e) => `[x IN [1] | ${e}]`),
    tie('expr').map((e) => `CASE WHEN true THEN ${e} ELSE null END`),
    tie('expr').map((e) => `CASE ${e} WHEN 1 THEN 1 ELSE 2 END`),
    tie('expr').map((e) => `reduce(a = [], x IN [1] | a + [${e}])`),
    tie('expr').map((e) => `{k: ${e}}`),
    tie('expr').map((e) => `[(p)-->(q) | ${e}]`),
    tie('expr').map((e) => `head([${e}])`),
  ),
  pred: fc.oneof(
    { depthSize: 'small' },
    tie('body').map((b) => `EXISTS { ${b} }`),
    tie('body').map((b) => `COUNT { ${b} } > 0`),
    tie('expr').map((e) => `${e} IS NOT NULL`),
    tie('pred').map((p) => `all(x IN [1] WHERE ${p})`),
    tie('pred').map((p) => `any(x IN [1] WHERE ${p})`),
    tie('pred').map((p) => `size([x IN [1] WHERE ${p}]) > 0`),
    tie('pred').map((p) => `(true AND ${p})`),
    tie('pred').map((p) => `NOT ${p}`),
  ),
}));

/** Top-level shapes around a body: plain, in a map projection, a WHERE, a RETURN expression. */
const queryArb = fc.oneof(
  bodyArb,
  bodyArb.map((b) => `MATCH (n) RETURN n {.name, k: COLLECT { ${b} }} AS r LIMIT 1`),
  bodyArb.map((b) => `MATCH (n) WHERE EXISTS { ${b} } RETURN n LIMIT 1`),
  bodyArb.map((b) => `RETURN [x IN [1] | COLLECT { ${b} }] AS r`),
  bodyArb.map((b) => `RETURN CASE WHEN COUNT { ${b} } > 0 THEN 1 END AS r`),
);

/**
 * guard: the guard refused it (403). neo4j: Neo4j refused to plan it, so nothing would run.
 * pruned: the plan holds no trace of the refused form at all, because Neo4j dropped it as dead
 * code (`COUNT { RETURN COLLECT { LOAD CSV … } AS v }` counts one row and never loads), so running
 * it runs nothing refused; the guard may let that through.
 */
type Verdict = 'guard' | 'neo4j' | 'pruned';

/** Plans the query and puts the plan to the guard; throws when the guard lets a refused form through. */
async function verdict(query: string): Promise<Verdict> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  let summary: ResultSummary;
  try {
    summary = await session.run(`EXPLAIN ${query}`).summary();
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (/^Neo\.ClientError\.Statement\.(SyntaxError|SemanticError|ArgumentError|TypeError)$/.test(code)) return 'neo4j';
    throw err;
  } finally {
    await session.close();
  }
  try {
    checkPlan(summary);
  } catch (err) {
    if (err instanceof HttpError && err.status === 403) return 'guard';
    throw err;
  }
  const plan = JSON.stringify(summary.plan);
  const traces = FORMS.filter(([payload, trace]) => query.includes(payload) && trace.test(plan));
  if (traces.length || summary.queryType !== 'r') throw new Error(`the guard let this through:\n${query}\nplan: ${plan}`);
  // Run for real, read-only: a LOAD CSV that ran would fail (a closed port, or the bundled
  // Neo4j's address block), and so would a write. These are small reads of the seeds; the limit
  // only ends a runaway, so it is far from what load makes of them (issue 28).
  await driver.executeQuery(query, {}, { routing: neo4j.routing.READ, transactionConfig: { timeout: 60_000 } });
  return 'pruned';
}

describe('the console guard, fuzzed', () => {
  it('refuses every refused form in every nesting', async () => {
    const seen: Record<Verdict, number> = { guard: 0, neo4j: 0, pruned: 0 };
    await fc.assert(
      fc.asyncProperty(queryArb, async (query) => {
        seen[await verdict(query)]++;
      }),
      // Found by this test under load: Neo4j drops the COLLECT as dead code.
      { numRuns: 60, seed: 32, examples: [[`RETURN {k: COUNT { RETURN head([COLLECT { ${PAYLOADS[0]} }]) AS v }} AS v`]] },
    );
    console.log(`fuzzed nestings: ${seen.guard} refused by the guard, ${seen.neo4j} by Neo4j before planning, ${seen.pruned} dropped by Neo4j as dead code`);
    // Enough of them planned that the guard, not only the parser, is what the property tests.
    expect(seen.guard).toBeGreaterThanOrEqual(15);
  });

  it('refuses every payload at the top level and in each single nesting', async () => {
    const wraps = [
      (b: string) => b,
      (b: string) => `RETURN [x IN [1] | COLLECT { ${b} }] AS r`,
      (b: string) => `RETURN CASE WHEN true THEN COUNT { ${b} } ELSE 0 END AS r`,
      (b: string) => `WITH 1 AS y WHERE EXISTS { ${b} } RETURN y`,
      (b: string) => `RETURN reduce(a = [], x IN [1] | a + COLLECT { ${b} }) AS r`,
      (b: string) => `MATCH (n) RETURN n {.name, k: COLLECT { ${b} }} AS r`,
      (b: string) => `CALL () { ${b} } RETURN v`,
      (b: string) => `RETURN 1 AS v UNION ${b}`,
    ];
    for (const payload of PAYLOADS) for (const wrap of wraps) expect(await verdict(wrap(payload)), wrap(payload)).not.toBe('pruned');
    // Nothing ran: EXPLAIN executes nothing, and nothing was written.
    const fuzz = await driver.executeQuery('MATCH (n) WHERE n:Fuzz OR n.fuzz IS NOT NULL RETURN count(n) AS c');
    expect(Number(fuzz.records[0]?.get('c'))).toBe(0);
  });
});
