import { describe, expect, it } from 'vitest';
import { ALLOWED_PROCEDURES } from '../../server/api/cypher/guard.js';
import { checkNested, mask } from '../../server/api/cypher/nested.js';

// The Details text Neo4j 5.26 gives for nested subquery expressions, copied from EXPLAIN (see
// test/int/console-nesting.int.test.ts for the same queries against the real database).
const check = (details: string) => checkNested(details, ALLOWED_PROCEDURES);

describe('nested subquery expressions in plan text', () => {
  it('refuses LOAD CSV and disallowed procedures however they are wrapped', () => {
    expect(check('[x IN $autolist_0 | COLLECT { LOAD CSV FROM "http://127.0.0.1:8798/secret.txt" AS l RETURN l AS l }] AS r')).toEqual({ reason: 'load-csv' });
    expect(
      check(
        'CASE\n  WHEN true THEN COUNT { ResolvedCall(db.prepareForReplanning(timeOutSeconds  =  300 :: INTEGER),ArraySeq(),Vector(),true,false,false,false) }\n  ELSE $autoint_0\nEND AS r',
      ),
    ).toEqual({ reason: 'procedure', procedure: 'db.prepareForReplanning' });
  });

  it('refuses words it does not know inside a nested subquery, and passes read-only ones', () => {
    expect(check('[x IN $autolist_0 | COLLECT { USE `neo4j` MATCH (n) RETURN n AS n }] AS r')).toEqual({ reason: 'nested', word: 'USE' });
    expect(check('[x IN $autolist_0 | COLLECT { UnresolvedCall(db.x) RETURN n AS n }] AS r')).toEqual({ reason: 'nested', word: 'UnresolvedCall' });
    expect(
      check(
        '[x IN $autolist_1 | COUNT { MATCH (a)-[`anon_0`:ISSUED_BY|TARGETS]->(b)   WHERE a:Agency AND a.acronym STARTS WITH $`autostring_0` AND b.x IS NOT NULL WITH DISTINCT b AS b   ORDER BY b.name DESCENDING   SKIP 1   LIMIT 5 RETURN b AS b }] AS r',
      ),
    ).toBeUndefined();
    expect(check('[x IN $autolist_0 | COLLECT { CALL (x) {   MATCH (n)     WHERE n.v IN [x]   RETURN n AS n } RETURN n AS n }] AS r')).toBeUndefined();
    expect(
      check(
        '[x IN $autolist_0 | COLLECT { MATCH (n) ResolvedCall(db.labels() :: label :: STRING,ArraySeq(),ArraySeq(ProcedureResultItem(None,Variable(label))),true,true,false,false) RETURN label AS label }] AS r',
      ),
    ).toBeUndefined();
  });

  it('reads keywords in strings and backticked names as data, not as clauses', () => {
    expect(mask('COLLECT { MATCH (`we"ird}{`) RETURN `we"ird}{`.`a``b` AS x, "a\\"}{ LOAD" AS y }')).toBe('COLLECT { MATCH (_) RETURN _._ AS x, "" AS y }');
    expect(check('[x IN $l | COLLECT { MATCH (`CREATE`) WHERE `CREATE`.name = "DELETE {" RETURN 1 AS `SET` }] AS r')).toBeUndefined();
    // A quote that never ends cannot hide anything: refused.
    expect(check('[x IN $l | COLLECT { MATCH (n) RETURN "abc }] AS r')).toMatchObject({ reason: 'unreadable' });
  });

  it('leaves plans without nested subqueries alone', () => {
    expect(check('getDegree((n)-->()) > $autoint_0')).toBeUndefined();
    expect(check('RANGE INDEX n:Agency(acronym) WHERE acronym = $autostring_0, cache[n.name]')).toBeUndefined();
  });
});
