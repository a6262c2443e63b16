import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { rewriteGraph, runs } from '../../server/curation/migrateIds.js';
import type { Executor } from '../../server/graph/executor.js';
import { fromRoot } from '../../server/paths.js';
import { emptyGraph, testDriver } from '../helpers/db.js';
import { writeCutIdPolicies } from '../helpers/cutIdGraph.js';
import { sequentialRewrite } from '../helpers/sequentialRewrite.js';

/**
 * Issue 28: migrate-ids renames a run of ids per query instead of one id (and label) per query.
 * The result must be the one of renaming pair by pair (test/helpers/sequentialRewrite.ts, the code
 * before), in the map's order, where ids of one run meet: two old ids of one new id, chains, a swap.
 */
let driver: Driver;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-migrate-batch-'));
const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());

beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Old id → new id, in the order the rewrite takes them (the order decides chains and swaps). */
const MAP = new Map<string, string>([
  // Two old ids of one new id: the second folds into the first (the same news line in two briefs).
  ['policy:a', 'policy:n'],
  ['news:b1:p1', 'news:2024-01-02:same-line'],
  ['policy:b', 'policy:n'],
  ['news:b2:p1', 'news:2024-01-02:same-line'],
  ['target:policy:a:1', 'target:policy:n:1'],
  ['target:policy:b:1', 'target:policy:n:1'],
  // Into a node that holds the new id already.
  ['policy:c', 'policy:whole-c'],
  // A chain, the new id first: q folds into p, then p (with q's relationships) becomes w.
  ['policy:q', 'policy:p'],
  ['policy:p', 'policy:w'],
  // A chain, the old id first: r2 becomes s, then r1 takes r2's old id.
  ['policy:r2', 'policy:s'],
  ['policy:r1', 'policy:r2'],
  // A swap: s1 folds into s2, then s2 becomes s1.
  ['policy:s1', 'policy:s2'],
  ['policy:s2', 'policy:s1'],
  // Hidden nodes, whose ids no constraint keeps unique: two rejected ids of one new id.
  ['policy:rej1', 'policy:rej'],
  ['policy:rej2', 'policy:rej'],
  ['policy:gone', 'policy:nowhere'],
  // Two hidden nodes of one id (rejected in two curations): both renamed, one rename counted.
  ['policy:dup', 'policy:dup2'],
  ['policy:same', 'policy:same'],
]);

const GRAPH = `
CREATE (b1:Brief {id: 'b1'}), (b2:Brief {id: 'b2'}), (miit:Agency {id: 'agency:MIIT'}), (ndrc:Agency {id: 'agency:NDRC'}),
  (a:Policy {id: 'policy:a', title: 'A'}), (b:Policy {id: 'policy:b', title: 'B'}), (c:Policy {id: 'policy:c', title: 'C'}),
  (wc:Policy {id: 'policy:whole-c', title: 'C, whole'}), (q:Policy {id: 'policy:q', title: 'Q'}), (p:Policy {id: 'policy:p', title: 'P'}),
  (r1:Policy {id: 'policy:r1', title: 'R1'}), (r2:Policy {id: 'policy:r2', title: 'R2'}),
  (s1:Policy {id: 'policy:s1', title: 'S1'}), (s2:Policy {id: 'policy:s2', title: 'S2'}), (same:Policy {id: 'policy:same', title: 'Same'}),
  (ta:Target {id: 'target:policy:a:1', text: 'TA'}), (tb:Target {id: 'target:policy:b:1', text: 'TB'}),
  (n1:NewsItem {id: 'news:b1:p1', text: 'same line'}), (n2:NewsItem {id: 'news:b2:p1', text: 'same line'}),
  (x1:Rejected {id: 'policy:rej1', rejectedLabel: 'Policy', rejectedBy: 'c1'}), (x2:Rejected {id: 'policy:rej2', rejectedLabel: 'Policy', rejectedBy: 'c2'}),
  (d1:Rejected {id: 'policy:dup', rejectedLabel: 'Policy', rejectedBy: 'c3'}), (d2:Rejected {id: 'policy:dup', rejectedLabel: 'Policy', rejectedBy: 'c4'}),
  (mg:Merged {id: 'policy:mrg', mergedInto: 'policy:b', mergedLabel: 'Policy'})
CREATE (a)-[:ISSUED_BY {lead: true, brief: 'b1'}]->(miit), (a)-[:IN_BRIEF]->(b1),
  (b)-[:ISSUED_BY {lead: true, brief: 'b2'}]->(ndrc), (b)-[:IN_BRIEF]->(b1), (b)-[:IN_BRIEF]->(b2),
  (a)-[:HAS_TARGET {brief: 'b1'}]->(ta), (b)-[:HAS_TARGET {brief: 'b2'}]->(tb), (ta)-[:IN_BRIEF]->(b1), (tb)-[:IN_BRIEF]->(b2),
  (n1)-[:MENTIONS {brief: 'b1'}]->(a), (n2)-[:MENTIONS {brief: 'b2'}]->(b), (n1)-[:IN_BRIEF]->(b1), (n2)-[:IN_BRIEF]->(b2),
  (c)-[:ISSUED_BY {lead: true, brief: 'b1'}]->(miit), (wc)-[:ISSUED_BY {lead: true, brief: 'b2'}]->(ndrc), (c)-[:IN_BRIEF]->(b1), (wc)-[:IN_BRIEF]->(b2),
  (q)-[:ISSUED_BY {brief: 'b1'}]->(miit), (p)-[:ISSUED_BY {brief: 'b2'}]->(ndrc), (q)-[:SUPERSEDES {brief: 'b1'}]->(p),
  (r1)-[:ISSUED_BY {brief: 'b1'}]->(miit), (r2)-[:ISSUED_BY {brief: 'b2'}]->(ndrc),
  (s1)-[:ISSUED_BY {brief: 'b1'}]->(miit), (s2)-[:ISSUED_BY {brief: 'b2'}]->(ndrc), (s1)-[:IN_BRIEF]->(b1), (s2)-[:IN_BRIEF]->(b1),
  (x1)-[:REJECTED {rejectedType: 'ISSUED_BY', rejectedBy: 'c1'}]->(miit), (x2)-[:REJECTED {rejectedType: 'ISSUED_BY', rejectedBy: 'c2'}]->(ndrc),
  (mg)-[:IN_BRIEF]->(b2)`;

let schema: Executor | undefined;
/** The graph above, alone; the schema is applied once (six applications took half a minute under load). */
async function build(): Promise<Executor> {
  if (schema) await q('MATCH (n) DETACH DELETE n');
  else schema = await emptyGraph(driver);
  await q(GRAPH);
  return schema;
}

const sorted = (p: Record<string, unknown>) => JSON.stringify(Object.entries(p).sort(([x], [y]) => x.localeCompare(y)));
/** Every node and relationship with its labels, type and properties (not their internal ids). */
async function dump(): Promise<{ nodes: string[]; rels: string[] }> {
  const nodes = await q('MATCH (n) RETURN labels(n) AS l, properties(n) AS p');
  const rels = await q('MATCH (a)-[r]->(b) RETURN labels(a) AS la, a.id AS a, type(r) AS t, properties(r) AS p, labels(b) AS lb, b.id AS b');
  return {
    nodes: nodes.map((n) => `${(n.l as string[]).sort().join(':')} ${sorted(n.p as Record<string, unknown>)}`).sort(),
    rels: rels.map((r) => `${String(r.la)} ${String(r.a)} -${String(r.t)} ${sorted(r.p as Record<string, unknown>)}-> ${String(r.lb)} ${String(r.b)}`).sort(),
  };
}

describe('migrate-ids in runs of ids (issue 28)', () => {
  it('cuts the pairs into runs where no id occurs twice, in the map order', () => {
    expect(runs(MAP, 500).map((r) => r.map(([old]) => old))).toEqual([
      ['policy:a', 'news:b1:p1'],
      ['policy:b', 'news:b2:p1', 'target:policy:a:1'],
      ['target:policy:b:1', 'policy:c', 'policy:q'],
      ['policy:p', 'policy:r2'],
      ['policy:r1', 'policy:s1'],
      ['policy:s2', 'policy:rej1'],
      ['policy:rej2', 'policy:gone', 'policy:dup'],
    ]);
    expect(runs(MAP, 2).flat().length).toBe(MAP.size - 1);
  });

  it('leaves the graph as renaming pair by pair did, at every run size: two old ids of one new id fold, chains and a swap follow the map order', async () => {
    let executor = await build();
    const before = await executor.write((tx) => sequentialRewrite(tx, MAP));
    const want = await dump();
    // What pair by pair gives, spelled out: the folds kept both briefs' relationships.
    const ids = async (label: string) => (await q(`MATCH (n:${label}) RETURN n.id AS id ORDER BY id`)).map((r) => String(r.id));
    expect(await ids('Policy')).toEqual(['policy:n', 'policy:r2', 'policy:s', 'policy:s1', 'policy:same', 'policy:w', 'policy:whole-c']);
    expect([await ids('Target'), await ids('NewsItem'), await ids('Rejected')]).toEqual([
      ['target:policy:n:1'],
      ['news:2024-01-02:same-line'],
      ['policy:dup2', 'policy:dup2', 'policy:rej'],
    ]);
    expect(want.rels).toEqual(
      expect.arrayContaining([
        'Policy policy:n -ISSUED_BY [["brief","b1"],["lead",true]]-> Agency agency:MIIT',
        'Policy policy:n -ISSUED_BY [["brief","b2"],["lead",true]]-> Agency agency:NDRC',
        'Policy policy:n -IN_BRIEF []-> Brief b2',
        'Policy policy:w -ISSUED_BY [["brief","b1"]]-> Agency agency:MIIT',
        'Policy policy:w -SUPERSEDES [["brief","b1"]]-> Policy policy:w',
        'Policy policy:r2 -ISSUED_BY [["brief","b1"]]-> Agency agency:MIIT',
        'Policy policy:s1 -ISSUED_BY [["brief","b1"]]-> Agency agency:MIIT',
        'Policy policy:s1 -ISSUED_BY [["brief","b2"]]-> Agency agency:NDRC',
      ]),
    );
    expect(want.rels.filter((r) => r.startsWith('Policy policy:n -IN_BRIEF'))).toHaveLength(2);
    expect(want.nodes).toContainEqual(expect.stringContaining('["mergedInto","policy:n"]'));
    expect(before).toEqual({ renamed: 9, folded: 7 });

    for (const batch of [1, 2, 3, 500]) {
      executor = await build();
      const counts = await executor.write((tx) => rewriteGraph(tx, MAP, { batch }));
      expect({ batch, counts }).toEqual({ batch, counts: before });
      expect({ batch, graph: await dump() }).toEqual({ batch, graph: want });
    }
  });

  it('reports progress after each run, up to every pair', async () => {
    const executor = await build();
    const seen: [number, number][] = [];
    await executor.write((tx) => rewriteGraph(tx, MAP, { batch: 2, progress: (done, total) => seen.push([done, total]) }));
    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(seen.every(([, total]) => total === MAP.size - 1)).toBe(true);
    expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((x, y) => x - y));
    expect(seen.at(-1)).toEqual([MAP.size - 1, MAP.size - 1]);
  });

  it('the CLI prints progress lines on stderr as it goes, and the same summary at the end', async () => {
    await emptyGraph(driver);
    const whole = await writeCutIdPolicies(driver, 600, 1);
    const env = {
      ...process.env,
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_USER: inject('neo4jUser'),
      NEO4J_PASSWORD: inject('neo4jPassword'),
      STATE_DIR: tmp,
      CORRECTIONS_FILE: path.join(tmp, 'corrections.jsonl'),
    };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fromRoot('server/curation/cli.ts'), 'migrate-ids'], {
      cwd: fromRoot(),
      env,
    });
    // stderr is a pipe here, so plain lines (a bar on a terminal), as the importer's.
    const lines = stderr.split('\n').filter((l) => l.startsWith('Migrating ids: '));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const done = lines.map((l) => Number(/^Migrating ids: (\d+)\/1200 \(\d+%\)/.exec(l)?.[1]));
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(lines.at(-1)).toMatch(/^Migrating ids: 1200\/1200 \(100%\), [\d.]+ ids\/(s|min)$/);
    expect(stdout).toContain('1200 node id(s) of the old scheme in the graph: 1200 renamed, 0 folded into a node that is the same fact');
    const ids = (await q('MATCH (n) WHERE n:Policy OR n:Target RETURN n.id AS id')).map((r) => String(r.id));
    expect(ids.sort()).toEqual([...whole].sort());
  });
});
