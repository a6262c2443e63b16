import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { Executor, type TxOptions } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { writeBrief } from '../../server/graph/writeBrief.js';
import { importFiles } from '../../server/import/importer.js';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { clearGraph, countGraph, testDriver, testExecutor } from '../helpers/db.js';

let driver: Driver;
const seeds = listBriefFiles([fromRoot('seeds')]);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-import-'));

beforeAll(async () => {
  driver = testDriver();
  await clearGraph(driver);
  await applySchema(testExecutor(driver));
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());

describe('importing the seed briefs into Neo4j', () => {
  it('imports all five and a second import changes no counts', async () => {
    const first = await importFiles(testExecutor(driver), seeds);
    expect(first.filter((o) => !o.ok)).toEqual([]);
    const counts = await countGraph(driver);
    expect(counts.nodes).toBeGreaterThan(200);
    const perLabel = await q('MATCH (n) RETURN labels(n)[0] AS label, count(*) AS c ORDER BY label');

    await importFiles(testExecutor(driver), seeds);
    expect(await countGraph(driver)).toEqual(counts);
    expect(await q('MATCH (n) RETURN labels(n)[0] AS label, count(*) AS c ORDER BY label')).toEqual(perLabel);
  });

  it('writes the graph model: 25 write-up policies and 26 announced by news lines, one MIIT node however it was spelled, provenance on every edge', async () => {
    expect(await q('MATCH (p:Policy) RETURN count(p) AS c')).toEqual([{ c: 51 }]);
    expect(await q('MATCH (:Brief)-[:COVERS]->(p:Policy) RETURN count(DISTINCT p) AS c')).toEqual([{ c: 25 }]);
    expect(await q("MATCH (:NewsItem)-[:ANNOUNCES]->(p:Policy {extraction: 'news'}) RETURN count(DISTINCT p) AS c")).toEqual([{ c: 26 }]);
    expect(await q("MATCH (a:Agency) WHERE a.acronym = 'MIIT' RETURN count(a) AS c")).toEqual([{ c: 1 }]);
    const miit = await q(
      "MATCH (:Brief)-[:COVERS]->(p:Policy)-[r:ISSUED_BY]->(:Agency {id: 'agency:MIIT'}) RETURN count(DISTINCT p) AS c, sum(CASE WHEN r.lead THEN 1 ELSE 0 END) AS led",
    );
    // Counted by hand in seeds/: MIIT issues 3 write-ups in each brief and leads 12 of the 15.
    expect(miit[0]).toEqual({ c: 15, led: 12 });
    // Every fact carries its provenance; the IN_BRIEF links are the provenance of nodes.
    expect(await q('MATCH ()-[r]->() WHERE NOT r:IN_BRIEF AND (r.brief IS NULL OR r.evidence IS NULL OR r.line IS NULL) RETURN count(r) AS c')).toEqual([
      { c: 0 },
    ]);
    const issued = await q(
      "MATCH (p:Policy {title: 'Ethical Guidelines for Brain Computer Interface Research'})-[r:ISSUED_BY]->(a:Agency) RETURN a.acronym AS a, r.evidence AS evidence, r.brief AS brief",
    );
    expect(issued).toEqual([{ a: 'MOST', evidence: 'Issuing body: MOST', brief: '004_5729922ff7017db5' }]);
    // A company named in two briefs is one node with both briefs behind it.
    const tesla = await q(
      "MATCH (c:Company {name: 'Tesla'})-[r:MENTIONED_IN]->() RETURN count(DISTINCT r.brief) AS briefs, COUNT { (c)-[:IN_BRIEF]->() } AS listed",
    );
    expect(tesla[0]!.briefs).toBeGreaterThanOrEqual(3);
    expect(tesla[0]!.listed).toBe(tesla[0]!.briefs);
  });

  it('finds entities through the full-text index', async () => {
    const hits = await q("CALL db.index.fulltext.queryNodes('entity_search', 'lithium') YIELD node RETURN labels(node)[0] AS label, node.title AS title");
    expect(hits.some((h) => h.label === 'Policy' && /Lithium-ion Battery/.test(String(h.title)))).toBe(true);
  });

  it('a malformed brief fails alone with a clear message and leaves no trace', async () => {
    const before = await countGraph(driver);
    const text = fs.readFileSync(seeds[2]!, 'utf8').replace('**Date:** November 18, 2021', '**Date:** February 30, 2021');
    const bad = path.join(tmp, 'broken_brief.txt');
    fs.writeFileSync(bad, text);
    const outcomes = await importFiles(testExecutor(driver), [bad, seeds[0]!]);
    expect(outcomes[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^broken_brief\.txt:\d+: "February 30, 2021" is not a valid calendar date/) });
    expect(outcomes[1]!.ok).toBe(true);
    expect(await countGraph(driver)).toEqual(before);
    expect(await q("MATCH (b:Brief {id: 'brief:broken_brief'}) RETURN count(b) AS c")).toEqual([{ c: 0 }]);
  });

  it('re-importing a corrected brief replaces its facts and leaves the other briefs untouched', async () => {
    const file = seeds[3]!;
    const original = fs.readFileSync(file, 'utf8');
    const others = await q("MATCH ()-[r]->() WHERE r.brief <> '003_5dfaceee19610131' RETURN count(r) AS c");
    // The corrected version drops a corporate news item and changes an issuer.
    const corrected = original
      .replace(/^.*November 7: State-owned China Aviation Supplies.*$/m, '')
      .replace('Issuing bodies: CNIPA, MIIT', 'Issuing bodies: CNIPA, MOST');
    await writeBrief(testExecutor(driver), extractText(corrected, path.basename(file)));
    expect(await q("MATCH (c:Company {name: 'China Aviation Supplies'}) RETURN count(c) AS c")).toEqual([{ c: 0 }]);
    const issuers = await q(
      "MATCH (p:Policy)-[:ISSUED_BY]->(a) WHERE p.title STARTS WITH 'Notice on Intellectual Property Rights Measures' RETURN a.acronym AS a ORDER BY a",
    );
    expect(issuers.map((r) => r.a)).toEqual(['CNIPA', 'MOST']);
    expect(await q("MATCH ()-[r]->() WHERE r.brief <> '003_5dfaceee19610131' RETURN count(r) AS c")).toEqual(others);

    // And back: the original restores the original counts.
    const before = await countGraph(driver);
    await writeBrief(testExecutor(driver), extractText(original, path.basename(file)));
    const after = await countGraph(driver);
    expect(after.nodes).toBeGreaterThan(before.nodes);
    await importFiles(testExecutor(driver), seeds);
    expect(await countGraph(driver)).toEqual(after);
  });

  it('passes no list as a parameter of its own, so Neo4j plans each statement once (issue 28)', async () => {
    // Neo4j keys a cached plan on the size of each list parameter, rounded to a power of ten: with
    // lists as parameters, a brief of other proportions planned the import's statements again (a
    // second of a one-brief import into 10,000 briefs; test/bench/profile-brief.ts shows it). Lists
    // travel inside a map, which carries no size.
    await clearGraph(driver);
    const lists = new Set<string>();
    const statements = new Set<string>();
    const recorded = (tx: ManagedTransaction) =>
      ({
        run: (query: string, params: Record<string, unknown> = {}) => {
          statements.add(query);
          for (const [k, v] of Object.entries(params)) if (Array.isArray(v)) lists.add(`$${k} of ${query.slice(0, 60)}`);
          return tx.run(query, params);
        },
      }) as ManagedTransaction;
    const recording = new (class extends Executor {
      override write<T>(work: (tx: ManagedTransaction) => Promise<T>, opts?: TxOptions) {
        return super.write((tx) => work(recorded(tx)), opts);
      }
      override read<T>(work: (tx: ManagedTransaction) => Promise<T>, opts?: TxOptions) {
        return super.read((tx) => work(recorded(tx)), opts);
      }
    })(driver);
    // New briefs one per transaction, then all again in one: removal, history diff and lineage too.
    const first = await importFiles(recording, seeds, undefined, { briefsPerTransaction: 1 });
    const again = await importFiles(recording, seeds, undefined, { briefsPerTransaction: 5 });
    expect([...first, ...again].every((o) => o.ok)).toBe(true);
    expect(statements.size).toBeGreaterThanOrEqual(9);
    expect([...lists]).toEqual([]);
  });

  it('a brief the database refuses fails alone; the briefs sharing its transaction are written', async () => {
    await clearGraph(driver);
    // A constraint this import does not expect, and a node that one seed's Brief collides with.
    const victim = extractText(fs.readFileSync(seeds[1]!, 'utf8'), path.basename(seeds[1]!));
    const title = victim.nodes.find((n) => n.label === 'Brief')!.properties.title;
    await driver.executeQuery('CREATE CONSTRAINT test_brief_title IF NOT EXISTS FOR (b:Brief) REQUIRE b.title IS UNIQUE');
    try {
      await driver.executeQuery("CREATE (:Brief {id: 'brief:blocker', title: $title})", { title });
      const outcomes = await importFiles(testExecutor(driver), seeds, undefined, { briefsPerTransaction: 5 });
      expect(outcomes.map((o) => o.status)).toEqual(['ok', 'failed', 'ok', 'ok', 'ok']);
      expect(outcomes[1]!.error).toMatch(new RegExp(`^${seeds[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*already exists`));
      expect(await q('MATCH ()-[r]->() WHERE r.brief = $b RETURN count(r) AS c', { b: victim.brief })).toEqual([{ c: 0 }]);
      expect(await q("MATCH (b:Brief) WHERE b.id <> 'brief:blocker' RETURN count(b) AS c")).toEqual([{ c: 4 }]);
    } finally {
      await driver.executeQuery('DROP CONSTRAINT test_brief_title IF EXISTS');
      await clearGraph(driver);
    }
  });
});
