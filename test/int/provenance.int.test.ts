import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, ProfiledPlan } from 'neo4j-driver';
import { readNode } from '../../server/api/nodes/repository.js';
import { CorrectionLog } from '../../server/curation/log.js';
import { Curator } from '../../server/curation/service.js';
import type { ExtractedGraph } from '../../server/extract/schema.js';
import type { Executor } from '../../server/graph/executor.js';
import { migrateProvenance } from '../../server/graph/migrateProvenance.js';
import { nodeId } from '../../server/graph/model.js';
import { MERGE_NODES, CREATE_RELS, writeBrief, writeParams } from '../../server/graph/writeBrief.js';
import { fromRoot } from '../../server/paths.js';
import { SEED_FACTS } from '../helpers/seedFacts.js';
import { emptyGraph, seedGraph, testDriver } from '../helpers/db.js';
import { graphSnapshot } from '../helpers/snapshot.js';

/**
 * Issue 28: a node's briefs are IN_BRIEF links, one per node and brief, not a list property that
 * every write rewrote whole. Re-importing and removing briefs keep the links exact, and a graph
 * written with the old lists migrates to the very graph a fresh import writes.
 */

const REMOVE = fs.readFileSync(fromRoot('cypher/import/remove-brief.cypher'), 'utf8');
let driver: Driver;
const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());
const removeBrief = (key: string) => driver.executeQuery(REMOVE, { brief: key, briefId: nodeId('Brief', key) });
/** Every node's briefs, as `id → sorted brief keys`, and how many links there are in all. */
const links = async () => {
  const rows = await q('MATCH (n)-[:IN_BRIEF]->(b:Brief) RETURN n.id AS n, b.id AS b ORDER BY n, b');
  const by: Record<string, string[]> = {};
  for (const r of rows) (by[String(r.n)] ??= []).push(String(r.b).slice('brief:'.length));
  return { by, total: rows.length };
};

beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => {
  await driver.close();
});

/** A brief with one policy of its own, issued by the shared agency MIIT. */
const brief = (key: string, date: string): ExtractedGraph => {
  const policy = `policy:${key}-plan`;
  const at = { brief: key, evidence: `Issuing body: MIIT (${key})`, line: 3 };
  return {
    brief: key,
    nodes: [
      { id: nodeId('Brief', key), label: 'Brief', properties: { title: `Brief ${key}`, date } },
      { id: policy, label: 'Policy', properties: { title: `Plan of ${key}`, date, evidence: `Plan of ${key}`, line: 2 } },
      { id: 'agency:MIIT', label: 'Agency', properties: { name: 'Ministry of Industry and Information Technology', acronym: 'MIIT' } },
    ],
    relationships: [
      { type: 'COVERS', source: nodeId('Brief', key), target: policy, properties: { ...at, evidence: `Plan of ${key}`, line: 2 } },
      { type: 'ISSUED_BY', source: policy, target: 'agency:MIIT', properties: { ...at, lead: true } },
    ],
    warnings: [],
  };
};

describe('brief links on re-import and removal', () => {
  let executor: Executor;
  beforeAll(async () => {
    executor = await emptyGraph(driver);
  });

  it('two briefs sharing an agency: one link per node and brief, none from a Brief node', async () => {
    await writeBrief(executor, brief('pa', '2024-01-05'));
    await writeBrief(executor, brief('pb', '2024-02-05'));
    expect(await links()).toEqual({ by: { 'agency:MIIT': ['pa', 'pb'], 'policy:pa-plan': ['pa'], 'policy:pb-plan': ['pb'] }, total: 4 });
    const miit = await executor.read((tx) => readNode(tx, 'Agency', 'agency:MIIT'));
    expect(miit!.briefs).toEqual({ total: 2, shown: 2 });
    expect(miit!.provenance.map((p) => p.brief)).toEqual(['pb', 'pa']);
    expect(miit!.degree).toEqual([{ type: 'ISSUED_BY', direction: 'in', count: 2 }]);
    expect(miit!.node.properties).not.toHaveProperty('briefs');
    const own = await executor.read((tx) => readNode(tx, 'Brief', 'brief:pa'));
    expect(own!.briefs).toEqual({ total: 1, shown: 1 });
  });

  it('a re-import of a brief leaves the links as they were', async () => {
    await writeBrief(executor, brief('pa', '2024-01-05'));
    await writeBrief(executor, brief('pa', '2024-01-05'));
    expect(await links()).toEqual({ by: { 'agency:MIIT': ['pa', 'pb'], 'policy:pa-plan': ['pa'], 'policy:pb-plan': ['pb'] }, total: 4 });
  });

  it("a write's relationships cost the same however many briefs restated them before (CREATE after the brief's removal, not MERGE)", async () => {
    const hits = (p: ProfiledPlan): number => p.dbHits + p.children.reduce((n, c) => n + hits(c), 0);
    // The same policy, issued by MIIT, stated again by brief after brief.
    const restate = (from: number, to: number) =>
      driver.executeQuery(
        `MATCH (p:Policy {id: 'policy:pa-plan'}), (a:Agency {id: 'agency:MIIT'}) UNWIND range($from, $to) AS i
         CREATE (p)-[:ISSUED_BY {brief: 'restated-' + i}]->(a)`,
        { from, to },
      );
    const write = async (key: string) => {
      const graph = brief(key, '2024-03-05');
      const shared: ExtractedGraph = {
        ...graph,
        nodes: graph.nodes.map((n) => (n.label === 'Policy' ? { ...n, id: 'policy:pa-plan' } : n)),
        relationships: graph.relationships.map((r) => ({
          ...r,
          source: r.source.endsWith('-plan') ? 'policy:pa-plan' : r.source,
          target: r.target.endsWith('-plan') ? 'policy:pa-plan' : r.target,
        })),
      };
      const params = writeParams([shared]);
      await driver.executeQuery(MERGE_NODES, params.nodes);
      const res = await driver.executeQuery(`PROFILE ${CREATE_RELS}`, params.rels);
      return hits(res.summary.profile as ProfiledPlan);
    };
    await restate(1, 10);
    const small = await write('rx');
    await restate(11, 3000);
    const large = await write('ry');
    console.log(`db hits of one brief's relationship write: ${small} beside 11 statements of its link, ${large} beside 3,001`);
    // A MERGE read the link's 3,000 earlier statements to find none with this brief (77 db hits
    // against 12,041 when it was one).
    expect(large).toBeLessThan(small * 1.2 + 50);
    await driver.executeQuery("MATCH ()-[r]->() WHERE r.brief STARTS WITH 'restated-' OR r.brief IN ['rx', 'ry'] DELETE r");
    await driver.executeQuery("MATCH (b:Brief) WHERE b.id IN ['brief:rx', 'brief:ry'] DETACH DELETE b");
    expect(await links()).toEqual({ by: { 'agency:MIIT': ['pa', 'pb'], 'policy:pa-plan': ['pa'], 'policy:pb-plan': ['pb'] }, total: 4 });
  });

  it("a write's database work does not grow with the briefs behind a hub (the link is CREATEd, no lookup through the brief's links)", async () => {
    const hits = (p: ProfiledPlan): number => p.dbHits + p.children.reduce((n, c) => n + hits(c), 0);
    const grow = (from: number, to: number) =>
      driver.executeQuery(
        `MERGE (a:Agency {id: 'agency:MIIT'}) WITH a UNWIND range($from, $to) AS i
         CREATE (a)-[:IN_BRIEF]->(:Brief {id: 'brief:old-' + i, date: date('2020-01-01')})`,
        { from, to },
      );
    const write = async (key: string) => {
      const res = await driver.executeQuery(`PROFILE ${MERGE_NODES}`, writeParams([brief(key, '2024-03-05')]).nodes);
      return hits(res.summary.profile as ProfiledPlan);
    };
    await grow(1, 10);
    const small = await write('px');
    await grow(11, 3000);
    const large = await write('py');
    expect(await q("MATCH (:Agency {id: 'agency:MIIT'})-[:IN_BRIEF]->() RETURN count(*) AS c")).toEqual([{ c: 3004 }]);
    console.log(`db hits of one brief's node write: ${small} beside a hub of 12 briefs, ${large} beside one of 3,004`);
    // Expanded from the hub's side, a MERGE of the link alone would read its 3,000 links.
    expect(large).toBeLessThan(small * 1.2 + 50);
    await driver.executeQuery("MATCH (b:Brief) WHERE b.id STARTS WITH 'brief:old-' OR b.id IN ['brief:px', 'brief:py'] DETACH DELETE b");
    await driver.executeQuery("MATCH (p:Policy) WHERE p.id IN ['policy:px-plan', 'policy:py-plan'] DETACH DELETE p");
    expect(await links()).toEqual({ by: { 'agency:MIIT': ['pa', 'pb'], 'policy:pa-plan': ['pa'], 'policy:pb-plan': ['pb'] }, total: 4 });
  });

  it("a write's database work per node does not grow with the brief's size (each IN_BRIEF link is CREATEd, not looked for)", async () => {
    const hits = (p: ProfiledPlan): number => p.dbHits + p.children.reduce((n, c) => n + hits(c), 0);
    // 400 companies, each named by 50 earlier briefs.
    await q(`UNWIND range(0, 399) AS i CREATE (c:Company {id: 'company:known-' + i, name: 'Known ' + i}) WITH c
             UNWIND range(1, 50) AS j MERGE (o:Brief {id: 'brief:known-' + j}) CREATE (c)-[:IN_BRIEF]->(o)`);
    // A new brief naming `companies` of them.
    const naming = (key: string, companies: number): ExtractedGraph => ({
      brief: key,
      nodes: [
        { id: nodeId('Brief', key), label: 'Brief', properties: { title: `Brief ${key}`, date: '2024-04-05' } },
        ...Array.from({ length: companies }, (_, i) => ({ id: `company:known-${i}`, label: 'Company' as const, properties: { name: `Known ${i}` } })),
      ],
      relationships: [],
      warnings: [],
    });
    const perNode = async (key: string, companies: number) => {
      const res = await driver.executeQuery(`PROFILE ${MERGE_NODES}`, writeParams([naming(key, companies)]).nodes);
      return hits(res.summary.profile as ProfiledPlan) / (companies + 1);
    };
    const small = await perNode('sx', 20);
    const large = await perNode('sy', 400);
    console.log(`db hits per node of one brief's node write: ${small.toFixed(1)} for 21 nodes, ${large.toFixed(1)} for 401`);
    // A MERGE of each link looked through the links the new brief had got so far in the statement
    // (its smaller side): the hits per node grew about threefold from 21 nodes to 401.
    expect(large).toBeLessThan(small * 1.5);
    await q("MATCH (n) WHERE n.id STARTS WITH 'company:known-' OR n.id STARTS WITH 'brief:known-' OR n.id IN ['brief:sx', 'brief:sy'] DETACH DELETE n");
    expect(await links()).toEqual({ by: { 'agency:MIIT': ['pa', 'pb'], 'policy:pa-plan': ['pa'], 'policy:pb-plan': ['pb'] }, total: 4 });
  });

  it('removing one brief leaves the agency one link; removing both takes the agency away', async () => {
    await removeBrief('pa');
    expect(await links()).toEqual({ by: { 'agency:MIIT': ['pb'], 'policy:pb-plan': ['pb'] }, total: 2 });
    expect(await q('MATCH (n) RETURN n.id AS id ORDER BY id')).toEqual([{ id: 'agency:MIIT' }, { id: 'brief:pb' }, { id: 'policy:pb-plan' }]);
    await removeBrief('pb');
    expect(await q('MATCH (n) RETURN count(n) AS c')).toEqual([{ c: 0 }]);
  });
});

// The graph as the previous version wrote it: each node's briefs in a list (a Brief its own), no
// links; a merge listed the briefs it gave the kept node on the merged-away one (`addedBriefs`).
const OLD_STYLE = [
  `MATCH (b:Brief) SET b.briefs = [substring(b.id, 6)]`,
  `MATCH (n)-[:IN_BRIEF]->(b:Brief) WITH n, b ORDER BY b.id WITH n, collect(substring(b.id, 6)) AS briefs SET n.briefs = briefs`,
  `MATCH (d:Merged) MATCH (k {id: d.mergedInto})-[x:IN_BRIEF {mergedBy: d.mergedBy}]->(b) WITH d, collect(substring(b.id, 6)) AS added SET d.addedBriefs = added`,
  `MATCH ()-[x:IN_BRIEF]->() DELETE x`,
];

describe('a graph with lists of briefs migrates to links', () => {
  let executor: Executor;
  let curator: Curator;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-provenance-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  beforeAll(async () => {
    executor = await seedGraph(driver);
    curator = new Curator(new CorrectionLog(path.join(tmp, 'corrections.jsonl')), executor);
  });

  it('turns to the graph a fresh import writes: details, a merge and its undo, and removing a brief behave alike', async () => {
    const pristine = await graphSnapshot(driver);
    const { correction } = await curator.add({ kind: 'merge', keep: SEED_FACTS.keep, drop: SEED_FACTS.drop, reason: 'one company', author: 'analyst' });
    const merged = await graphSnapshot(driver);
    const added = await q('MATCH (:Company {id: $id})-[x:IN_BRIEF {mergedBy: $cid}]->(b) RETURN count(x) AS c', { id: SEED_FACTS.keep, cid: correction.id });
    // The seeds name the two companies in different briefs, so the merge gave the kept one a brief.
    expect(Number(added[0]!.c)).toBeGreaterThan(0);
    const detail = async () => executor.read((tx) => readNode(tx, 'Company', SEED_FACTS.keep));
    const fresh = await detail();
    const hub = await executor.read((tx) => readNode(tx, 'Agency', 'agency:MIIT'));

    for (const stmt of OLD_STYLE) await driver.executeQuery(stmt);
    expect(await q('MATCH ()-[x:IN_BRIEF]->() RETURN count(x) AS c')).toEqual([{ c: 0 }]);
    const lines: string[] = [];
    expect(await migrateProvenance(executor, (l) => lines.push(l))).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/done: [\d,]+ links/);
    expect(await graphSnapshot(driver)).toEqual(merged);
    expect(await migrateProvenance(executor, () => {})).toBe(0);
    expect(await detail()).toEqual(fresh);
    expect(await executor.read((tx) => readNode(tx, 'Agency', 'agency:MIIT'))).toEqual(hub);

    await curator.undo(correction.id);
    expect(await graphSnapshot(driver)).toEqual(pristine);

    // Removing a brief on the migrated graph and on a freshly imported one: the same graph.
    const key = String((await q('MATCH (b:Brief) RETURN b.id AS id ORDER BY id LIMIT 1'))[0]!.id).slice(6);
    await removeBrief(key);
    const removed = await graphSnapshot(driver, { reimported: true });
    await seedGraph(driver);
    await removeBrief(key);
    expect(await graphSnapshot(driver, { reimported: true })).toEqual(removed);
  });
});

describe('a hub named in 12,000 briefs migrates', () => {
  it('within the transaction memory cap, every brief one link (the migration failed at 10,000 briefs in batches of 5,000)', async () => {
    const executor = await emptyGraph(driver);
    const briefs = 12_000;
    await q(
      `UNWIND range(1, $n) AS i
       CREATE (b:Brief {id: 'brief:b' + i, briefs: ['b' + i]})
       CREATE (p:Policy {id: 'policy:p' + i, title: 'Plan ' + i, briefs: ['b' + i]})
       CREATE (b)-[:COVERS {brief: 'b' + i}]->(p)`,
      { n: briefs },
    );
    await q(
      `CREATE (a:Agency {id: 'agency:MIIT', name: 'Ministry of Industry and Information Technology', briefs: [i IN range(1, $n) | 'b' + i]})
             WITH a MATCH (p:Policy) CREATE (p)-[:ISSUED_BY {brief: substring(p.id, 8)}]->(a)`,
      { n: briefs },
    );
    const lines: string[] = [];
    expect(await migrateProvenance(executor, (l) => lines.push(l))).toBe(2 * briefs);
    expect(lines.join('\n')).toMatch(/Agency: 1 nodes, 12,000 links/);
    expect(await q('MATCH (:Agency {id: $id})-[x:IN_BRIEF]->(:Brief) RETURN count(x) AS c', { id: 'agency:MIIT' })).toEqual([{ c: briefs }]);
    expect(await q('MATCH (n) WHERE n.briefs IS NOT NULL RETURN count(n) AS c')).toEqual([{ c: 0 }]);
  });
});
