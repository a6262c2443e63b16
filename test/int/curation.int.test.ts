import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { spawnSync } from 'node:child_process';
import { exportAliases } from '../../server/curation/exportAliases.js';
import { CorrectionLog, newCorrection } from '../../server/curation/log.js';
import { CorrectionError, Curator } from '../../server/curation/service.js';
import type { Executor } from '../../server/graph/executor.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { SEED_FACTS } from '../helpers/seedFacts.js';
import { seedGraph, testDriver } from '../helpers/db.js';
import { graphSnapshot } from '../helpers/snapshot.js';

let driver: Driver;
let executor: Executor;
let curator: Curator;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-curation-'));
const logFile = path.join(tmp, 'corrections.jsonl');
const seeds = listBriefFiles([fromRoot('seeds')]);

const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());
const count = async (cypher: string) => Number((await q(cypher))[0]!.c);
const reimport = async (files = seeds) => {
  const outcomes = await importFiles(executor, files, undefined, { corrections: curator.state() });
  expect(outcomes.filter((o) => !o.ok)).toEqual([]);
};

const { keep: KEEP, drop: DROP, notACompany: NOT_A_COMPANY, policy: POLICY, sector: SECTOR } = SEED_FACTS;

beforeAll(async () => {
  driver = testDriver();
  executor = await seedGraph(driver);
  curator = new Curator(new CorrectionLog(logFile), executor);
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('corrections on the live graph, kept by every re-import', () => {
  let pristine: string[];
  let corrected: string[];
  const ids: Record<string, string> = {};

  it('merges two companies: one node with both names, all relationships and evidence, its briefs', async () => {
    pristine = await graphSnapshot(driver, { reimported: true });
    const companies = await count('MATCH (c:Company) RETURN count(c) AS c');
    const dropRels = await q(
      // Its facts; its links to its briefs stay with it (and KEEP gets its own, checked below).
      `MATCH (:Company {id: $id})-[r]->(m) WHERE NOT r:IN_BRIEF RETURN type(r) AS type, m.id AS other, r.evidence AS evidence, r.brief AS brief ORDER BY other`,
      { id: DROP },
    );
    expect(dropRels.length).toBeGreaterThan(0);
    const { correction } = await curator.add({ kind: 'merge', keep: KEEP, drop: DROP, reason: 'the same joint venture', author: 'analyst' });
    ids.merge = correction.id;
    expect(await count('MATCH (c:Company) RETURN count(c) AS c')).toBe(companies - 1);
    expect(await count(`MATCH (c:Company {id: '${DROP}'}) RETURN count(c) AS c`)).toBe(0);
    const [keep] = await q(
      `MATCH (c:Company {id: $id}) RETURN c.name AS name, c.curatedAliases AS aliases, COLLECT { MATCH (c)-[:IN_BRIEF]->(b) RETURN substring(b.id, 6) } AS briefs, c.nameText AS nameText`,
      {
        id: KEEP,
      },
    );
    expect(keep!.name).toBe('Brilliance Auto');
    expect(keep!.aliases).toEqual(expect.arrayContaining(['BMW Brilliance', 'BMW Brilliance Automotive']));
    expect(keep!.briefs).toEqual(expect.arrayContaining(['003_5dfaceee19610131', '004_5729922ff7017db5']));
    // Evidence moves with its brief and sentence.
    const moved = await q(
      `MATCH (:Company {id: $id})-[r]->(m) WHERE r.movedFrom IS NOT NULL RETURN type(r) AS type, m.id AS other, r.evidence AS evidence, r.brief AS brief ORDER BY other`,
      { id: KEEP },
    );
    expect(moved).toEqual(dropRels);
    // Found by the other name.
    const hits = await q("CALL db.index.fulltext.queryNodes('entity_names', 'BMW') YIELD node RETURN collect(node.id) AS ids");
    expect(hits[0]!.ids).toContain(KEEP);
  });

  it('rejects a company and a relationship: hidden from every label, type and index, and listable', async () => {
    const targets = await count('MATCH ()-[r:TARGETS]->() RETURN count(r) AS c');
    ids.reject = (await curator.add({ kind: 'reject', node: NOT_A_COMPANY, reason: 'a news site, not a company' })).correction.id;
    ids.rejectRel = (await curator.add({ kind: 'reject-rel', from: POLICY, type: 'TARGETS', to: SECTOR, reason: 'wrong sector' })).correction.id;
    expect(await count(`MATCH (c:Company {id: '${NOT_A_COMPANY}'}) RETURN count(c) AS c`)).toBe(0);
    expect(await count(`MATCH (c:Rejected {id: '${NOT_A_COMPANY}', rejectedLabel: 'Company'}) RETURN count(c) AS c`)).toBe(1);
    expect(await count("CALL db.index.fulltext.queryNodes('entity_search', 'Yahoo') YIELD node WHERE node.id = 'company:yahoo' RETURN count(node) AS c")).toBe(
      0,
    );
    // Its mention is hidden too: no domain relationship reaches it.
    expect(await count(`MATCH (c {id: '${NOT_A_COMPANY}'})-[r:MENTIONED_IN]-() RETURN count(r) AS c`)).toBe(0);
    expect(await count('MATCH ()-[r:TARGETS]->() RETURN count(r) AS c')).toBe(targets - 1);
    expect(
      await q(
        `MATCH (:Policy {id: $p})-[r:REJECTED]->(:Sector {id: $s}) RETURN r.rejectedType AS type, r.rejectedBy AS by, r.evidence IS NOT NULL AS evidence`,
        { p: POLICY, s: SECTOR },
      ),
    ).toEqual([{ type: 'TARGETS', by: ids.rejectRel, evidence: true }]);
    const list = await curator.list();
    expect(list.map((l) => [l.correction.kind, l.status])).toEqual([
      ['merge', 'applied'],
      ['reject', 'applied'],
      ['reject-rel', 'applied'],
    ]);
    corrected = await graphSnapshot(driver, { reimported: true });
  });

  it('re-importing all seeds, then one brief, keeps every correction: the same graph', async () => {
    const counts = await picture();
    await reimport();
    expect(await graphSnapshot(driver, { reimported: true })).toEqual(corrected);
    // One brief alone: its nodes take that brief's properties (as without corrections), and every
    // correction holds.
    await reimport([seeds.find((f) => f.includes('003_'))!]);
    expect(await picture()).toEqual(counts);
    expect(await count(`MATCH (c:Company {id: '${DROP}'}) RETURN count(c) AS c`)).toBe(0);
    expect(await count(`MATCH (c:Company {id: '${NOT_A_COMPANY}'}) RETURN count(c) AS c`)).toBe(0);
    expect(await count(`MATCH (:Policy {id: '${POLICY}'})-[r:REJECTED]->(:Sector {id: '${SECTOR}'}) RETURN count(r) AS c`)).toBe(1);
  });

  it('without the corrections, a re-import would bring the facts back (the test above is not vacuous)', async () => {
    const none = await importFiles(executor, [seeds.find((f) => f.includes('003_'))!]);
    expect(none.every((o) => o.ok)).toBe(true);
    expect(await count(`MATCH (c:Company {id: '${DROP}'}) RETURN count(c) AS c`)).toBe(1);
    const counts = await picture();
    await reimport();
    expect(await count(`MATCH (c:Company {id: '${DROP}'}) RETURN count(c) AS c`)).toBe(0);
    expect((await picture()).companies.length).toBe(counts.companies.length - 1);
  });

  it('undo restores the earlier picture exactly, in any order, and the log keeps every line', async () => {
    // Rename and alias on the kept node as well, so undoing the merge first must leave them.
    ids.rename = (await curator.add({ kind: 'rename', node: KEEP, name: 'Brilliance China Automotive' })).correction.id;
    ids.alias = (await curator.add({ kind: 'alias', node: KEEP, name: '华晨' })).correction.id;
    ids.link = (
      await curator.add({ kind: 'link', from: 'company:tesla', type: 'MENTIONED_IN', to: POLICY, note: 'Tesla is named in the annex' })
    ).correction.id;
    expect(await q(`MATCH (c:Company {id: $id}) RETURN c.name AS name`, { id: KEEP })).toEqual([{ name: 'Brilliance China Automotive' }]);
    await curator.undo(ids.merge!);
    const [keep] = await q(`MATCH (c:Company {id: $id}) RETURN c.name AS name, c.curatedAliases AS aliases`, { id: KEEP });
    expect(keep).toEqual({ name: 'Brilliance China Automotive', aliases: ['华晨'] });
    expect(await count(`MATCH (c:Company {id: '${DROP}'}) RETURN count(c) AS c`)).toBe(1);
    for (const id of [ids.rejectRel, ids.alias, ids.link, ids.reject, ids.rename]) await curator.undo(id!);
    // Re-imports happened in between, which stamp importedAt anew; everything else is as imported.
    expect(await graphSnapshot(driver, { reimported: true })).toEqual(pristine);
    const lines = fs
      .readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string });
    expect(lines.map((l) => l.kind)).toEqual(['merge', 'reject', 'reject-rel', 'rename', 'alias', 'link', 'undo', 'undo', 'undo', 'undo', 'undo', 'undo']);
    await expect(curator.undo(ids.merge!)).rejects.toMatchObject({ status: 409 });
  });

  it('undo without a re-import in between restores the graph byte for byte', async () => {
    const before = await graphSnapshot(driver);
    const made = [
      await curator.add({ kind: 'merge', keep: 'company:bmw', drop: DROP }),
      await curator.add({ kind: 'reject', node: 'company:shell' }),
      await curator.add({ kind: 'alias', node: 'company:bmw', name: 'Bayerische Motoren Werke' }),
      await curator.add({ kind: 'reject-rel', from: POLICY, type: 'TARGETS', to: SECTOR }),
    ];
    expect(await graphSnapshot(driver)).not.toEqual(before);
    for (const m of made.reverse()) await curator.undo(m.correction.id);
    expect(await graphSnapshot(driver)).toEqual(before);
  });

  it('reports a stale correction instead of dropping it, and refuses a correction of nothing', async () => {
    // A correction made on another graph (or before the brief changed): its target is not here.
    await curator.log.append(newCorrection({ kind: 'reject', node: 'company:no-such-company', reason: 'test' }));
    const stale = (await curator.list()).filter((l) => l.status === 'stale');
    expect(stale).toEqual([expect.objectContaining({ status: 'stale', detail: 'no node company:no-such-company' })]);
    await expect(curator.add({ kind: 'merge', keep: KEEP, drop: 'company:nobody' })).rejects.toBeInstanceOf(CorrectionError);
    await expect(curator.add({ kind: 'rename', node: 'agency:NOPE', name: 'x' })).rejects.toMatchObject({ status: 404 });
    // Neither refused correction reached the log.
    expect(fs.readFileSync(logFile, 'utf8')).not.toContain('company:nobody');
  });

  it('keeps both of two corrections made at once', async () => {
    const [a, b] = await Promise.all([
      curator.add({ kind: 'alias', node: 'company:tesla', name: 'Tesla Motors' }),
      curator.add({ kind: 'alias', node: 'company:byd', name: 'Build Your Dreams' }),
    ]);
    const logged = curator.state();
    expect(logged.byId.has(a.correction.id) && logged.byId.has(b.correction.id)).toBe(true);
    expect(await q("MATCH (c:Company) WHERE c.id IN ['company:tesla', 'company:byd'] RETURN c.id AS id, c.curatedAliases AS aliases ORDER BY id")).toEqual([
      { id: 'company:byd', aliases: ['Build Your Dreams'] },
      { id: 'company:tesla', aliases: ['Tesla Motors'] },
    ]);
  });
});

describe('export-aliases', () => {
  it('writes merges and aliases as a patch of the registries that git applies; a merged company brings its entry along', async () => {
    await curator.add({ kind: 'merge', keep: KEEP, drop: DROP });
    await curator.add({ kind: 'alias', node: 'agency:MIIT', name: 'Min. of Industry & IT' });
    await curator.add({ kind: 'alias', node: 'agency:MOF', name: 'MIIT' });
    const { patch, unplaced } = await executor.read((tx) => exportAliases(tx, curator.state()));
    const changed = patch.split('\n').filter((l) => /^[-+] /.test(l));
    // The BMW Brilliance entry goes; its names join Brilliance Auto's.
    expect(changed.filter((l) => l.includes('{"name": "BMW Brilliance"'))).toEqual([expect.stringMatching(/^- {2}\{"name": "BMW Brilliance"/)]);
    expect(changed.find((l) => l.startsWith('+  {"name": "Brilliance Auto"'))).toMatch(/"BMW Brilliance", "BBA", "BMW Brilliance Automotive", "华晨宝马"\]/);
    expect(changed.find((l) => l.startsWith('+  {"id": "MIIT"'))).toContain('"Min. of Industry & IT"]');
    // An agency's name is never moved to another agency: a person decides.
    expect(unplaced).toEqual(['agency:MOF: "MIIT" is a name of registry entry MIIT; an agency entry is never removed, so decide by hand']);
    const file = path.join(tmp, 'aliases.patch');
    fs.writeFileSync(file, patch);
    expect(spawnSync('git', ['apply', '--check', file], { cwd: fromRoot('.') }).status).toBe(0);
  });
});

/** Nodes per label, relationships per type and the companies: what a re-import must keep. */
async function picture() {
  return {
    labels: await q('MATCH (n) RETURN labels(n)[0] AS label, count(*) AS c ORDER BY label'),
    types: await q('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS c ORDER BY type'),
    companies: await q('MATCH (c:Company) RETURN c.id AS id ORDER BY id'),
  };
}
