import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { CorrectionLog, newCorrection } from '../../server/curation/log.js';
import { cutIdsWarning, migrateIds, oldIdsWarning } from '../../server/curation/migrateIds.js';
import { policyNodeId, uncutPolicyId } from '../../server/graph/ids.js';
import { correctionNotes, noteLine } from '../../server/curation/provenance.js';
import { Curator } from '../../server/curation/service.js';
import type { Executor } from '../../server/graph/executor.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { SEED_FACTS } from '../helpers/seedFacts.js';
import { NoteStore } from '../../server/notes/store.js';
import { WatchStore } from '../../server/watch/store.js';
import { emptyGraph, seedGraph, testDriver } from '../helpers/db.js';

/**
 * Issue 27: ids follow the fact. A graph, corrections and views of the old id scheme (dates and
 * positions) are migrated; an edited brief re-imported keeps every id that still exists, its
 * corrections still apply, and a correction whose fact is gone is listed stale.
 */
let driver: Driver;
let executor: Executor;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-identity-'));
const seeds = listBriefFiles([fromRoot('seeds')]);
const EDITED = '001_1d74fb64a44c94fe.txt';

const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());
const factIds = async () => (await q('MATCH (n) WHERE n:Policy OR n:NewsItem OR n:Target RETURN n.id AS id ORDER BY id')).map((r) => String(r.id));
const allIds = async () => (await q('MATCH (n) WHERE n.id IS NOT NULL AND NOT n:Brief RETURN n.id AS id')).map((r) => String(r.id));
const oldIds = JSON.parse(fs.readFileSync(fromRoot('test/fixtures/old-ids.json'), 'utf8')) as [string, string | null][];
const oldOf = new Map(oldIds.filter(([, n]) => n).map(([o, n]) => [n!, o]));

beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('migrate-ids: a graph, corrections and views of the old id scheme', () => {
  const dir = path.join(tmp, 'migrate');
  const logFile = path.join(dir, 'corrections.jsonl');
  const viewsDir = path.join(dir, 'views');
  const state = { views: viewsDir, watchlists: path.join(dir, 'watchlists'), notes: path.join(dir, 'notes.json') };
  let fresh: string[];

  beforeAll(async () => {
    executor = await seedGraph(driver);
    fresh = await factIds();
    // The seeds as the old importer wrote them: every id of the fixture back to its old form,
    // targets with their policy's old id.
    const pairs = [...oldOf];
    for (const [to, old] of oldOf)
      if (to.startsWith('policy:'))
        for (const t of await q('MATCH (t:Target) WHERE t.id STARTS WITH $p RETURN t.id AS id', { p: `target:${to}:` }))
          pairs.push([String(t.id), `target:${old}:${String(t.id).slice(`target:${to}:`.length)}`]);
    await q('UNWIND $pairs AS p MATCH (n {id: p[0]}) SET n.id = p[1]', { pairs });
    fs.mkdirSync(viewsDir, { recursive: true });
  });

  it('rewrites node ids from their own properties, the corrections (with a backup) and the saved views; a re-import keeps the corrections', async () => {
    const oldPolicy = oldOf.get(SEED_FACTS.policy)!;
    const oldNews = oldOf.get(SEED_FACTS.notACompanyNews)!;
    expect(oldPolicy).toMatch(/^policy:\d{4}-\d{2}-\d{2}:/);
    expect(await factIds()).not.toContain(SEED_FACTS.policy);
    const rename = newCorrection({ kind: 'rename', node: oldPolicy, name: 'Talent pilot notice' });
    const reject = newCorrection({ kind: 'reject', node: oldNews, reason: 'not news about industry' });
    fs.writeFileSync(logFile, `${JSON.stringify(rename)}\n${JSON.stringify(reject)}\n`);
    const view = {
      id: 'abcdefghijkl',
      created: '2026-01-01T00:00:00.000Z',
      view: { nodes: [[oldPolicy, 1, 2]], zoom: 1, pan: { x: 0, y: 0 }, selected: [oldNews] },
    };
    fs.writeFileSync(path.join(viewsDir, 'abcdefghijkl.json'), JSON.stringify(view));
    const log = new CorrectionLog(logFile);
    expect(oldIdsWarning(log)).toContain('npm run curate -- migrate-ids');

    const report = await migrateIds(executor, log, state, new Date('2026-12-06T00:00:00Z'));
    expect(await factIds()).toEqual(fresh);
    expect(report.mapped).toBe(oldIds.filter(([, n]) => n).length + oldIds.filter(([o]) => o.startsWith('target:')).length);
    expect(report.corrections.changed).toBe(2);
    expect(fs.readFileSync(report.corrections.backup!, 'utf8')).toContain(oldPolicy);
    const lines = fs.readFileSync(logFile, 'utf8');
    expect(lines).toContain(SEED_FACTS.policy);
    expect(lines).toContain(SEED_FACTS.notACompanyNews);
    expect(lines).toContain(rename.id);
    const saved = JSON.parse(fs.readFileSync(path.join(viewsDir, 'abcdefghijkl.json'), 'utf8')) as typeof view;
    expect(saved.view.nodes[0]![0]).toBe(SEED_FACTS.policy);
    expect(saved.view.selected).toEqual([SEED_FACTS.notACompanyNews]);
    expect(oldIdsWarning(log)).toBeUndefined();

    // The corrections now name the nodes a re-import writes: they apply and stay applied.
    const curator = new Curator(log, executor);
    expect((await importFiles(executor, seeds, undefined, { corrections: curator.state() })).every((o) => o.ok)).toBe(true);
    expect(await factIds()).toEqual(fresh.filter((id) => id !== SEED_FACTS.notACompanyNews));
    expect((await q('MATCH (p:Policy {id: $id}) RETURN p.name AS name', { id: SEED_FACTS.policy }))[0]!.name).toBe('Talent pilot notice');
    const status = Object.fromEntries((await curator.list()).map((l) => [l.correction.id, l.status]));
    expect(status).toEqual({ [rename.id]: 'applied', [reject.id]: 'applied' });

    // Once is enough: a second run finds nothing to change.
    const again = await migrateIds(executor, log, state);
    expect([again.mapped, again.corrections.changed, again.views.changed]).toEqual([0, 0, 0]);
  });
});

describe('migrate-ids: policies whose id holds a title cut at 70 characters (issue 28)', () => {
  const dir = path.join(tmp, 'cut');
  const logFile = path.join(dir, 'corrections.jsonl');
  const viewsDir = path.join(dir, 'views');
  const state = { views: viewsDir, watchlists: path.join(dir, 'watchlists'), notes: path.join(dir, 'notes.json') };
  let fresh: string[];
  let cut: [string, string][];

  beforeAll(async () => {
    executor = await seedGraph(driver);
    fresh = await factIds();
    // As the importer of issue 27 wrote them: a long English title cut at 70 characters.
    const policies = await q(`MATCH (p:Policy) RETURN p.id AS id`);
    cut = policies.flatMap((p) => {
      const m = /^policy:([^:]{71,}):([^:]+)$/.exec(String(p.id));
      return m ? [[String(p.id), `policy:${m[1]!.slice(0, 70).replace(/-+$/, '')}:${m[2]}`] as [string, string]] : [];
    });
    const pairs = [...cut];
    for (const [to, old] of cut)
      for (const t of await q('MATCH (t:Target) WHERE t.id STARTS WITH $p RETURN t.id AS id', { p: `target:${to}:` }))
        pairs.push([String(t.id), `target:${old}:${String(t.id).slice(`target:${to}:`.length)}`]);
    await q('UNWIND $pairs AS p MATCH (n {id: p[0]}) SET n.id = p[1]', { pairs });
    // A curation since moved one's lead issuer: the id, not the graph's lead, says what it was.
    await q('MATCH (p:Policy {id: $id})-[r:ISSUED_BY]->() SET r.lead = false', { id: cut[1]![1] });
    fs.mkdirSync(viewsDir, { recursive: true });
  });

  it('the import CLI refuses while the graph holds one: exit 2, the command to run, nothing written', async () => {
    const before = await allIds();
    const env = {
      ...process.env,
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_USER: inject('neo4jUser'),
      NEO4J_PASSWORD: inject('neo4jPassword'),
      STATE_DIR: dir,
      CORRECTIONS_FILE: logFile,
    };
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', fromRoot('server/import/cli.ts'), seeds[0]!], { cwd: fromRoot(), env });
    const failed = (await run.then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: number; stderr: string } | undefined;
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('npm run curate -- migrate-ids');
    expect(failed?.stderr).toContain('Nothing was imported.');
    expect((await allIds()).sort()).toEqual(before.sort());
  });

  it('finds them by their own titles, warns, and rewrites the graph, the corrections and the views to whole-title ids', async () => {
    // The seeds alone state eleven policies whose titles the first scheme cut.
    expect(cut.length).toBeGreaterThanOrEqual(8);
    const [whole, old] = cut[0]!;
    expect(old.length).toBeLessThan(whole.length);
    expect(await factIds()).not.toContain(whole);
    const rename = newCorrection({ kind: 'rename', node: old, name: 'Logistics plan' });
    fs.writeFileSync(logFile, `${JSON.stringify(rename)}\n`);
    const view = { id: 'cutcutcutcut', created: '2026-01-01T00:00:00.000Z', view: { nodes: [[old, 1, 2]], zoom: 1, pan: { x: 0, y: 0 }, selected: [old] } };
    fs.writeFileSync(path.join(viewsDir, 'cutcutcutcut.json'), JSON.stringify(view));
    new NoteStore(state.notes).add({ target: old, text: 'checked against the gov.cn text' });
    const watched = await new WatchStore(state.watchlists).create({ name: 'Long titles', entities: [old, 'agency:MIIT'] });
    const log = new CorrectionLog(logFile);
    // The corrections file alone cannot tell a cut id: the graph's titles do.
    expect(oldIdsWarning(log)).toBeUndefined();
    const warning = await cutIdsWarning(executor);
    expect(warning).toContain(`${cut.length} policies`);
    expect(warning).toContain('npm run curate -- migrate-ids');

    const report = await migrateIds(executor, log, state, new Date('2026-12-06T00:00:00Z'));
    expect(await factIds()).toEqual(fresh);
    expect(report.corrections.changed).toBe(1);
    expect(fs.readFileSync(logFile, 'utf8')).toContain(whole);
    const saved = JSON.parse(fs.readFileSync(path.join(viewsDir, 'cutcutcutcut.json'), 'utf8')) as typeof view;
    expect([saved.view.nodes[0]![0], saved.view.selected[0]]).toEqual([whole, whole]);
    // The notes and watch-lists under STATE_DIR follow too (each with a copy of the old file).
    expect(new NoteStore(state.notes).of(whole).map((n) => n.text)).toEqual(['checked against the gov.cn text']);
    expect((await new WatchStore(state.watchlists).get(watched.id))?.entities).toEqual([whole, 'agency:MIIT']);
    expect([report.notes.changed, report.watchlists.changed]).toEqual([1, 1]);
    expect(fs.readFileSync(report.notes.backup!, 'utf8')).toContain(old);
    expect(await cutIdsWarning(executor)).toBeUndefined();

    // The rename now names the node a re-import writes.
    const curator = new Curator(log, executor);
    expect((await importFiles(executor, seeds, undefined, { corrections: curator.state() })).every((o) => o.ok)).toBe(true);
    expect(await factIds()).toEqual(fresh);
    expect((await q('MATCH (p:Policy {id: $id}) RETURN p.name AS name', { id: whole }))[0]!.name).toBe('Logistics plan');
    const again = await migrateIds(executor, log, state);
    expect([again.mapped, again.corrections.changed, again.views.changed, again.notes.changed, again.watchlists.changed]).toEqual([0, 0, 0, 0, 0]);

    // A later policy whose own whole id is a saved cut id (a shorter title): a correction of it
    // stays its own, though the saved mapping still names that id.
    await q(`CREATE (:Policy {id: $id, title: 'A shorter title'})`, { id: old });
    fs.appendFileSync(logFile, `${JSON.stringify(newCorrection({ kind: 'rename', node: old, name: 'Shorter' }))}\n`);
    const third = await migrateIds(executor, log, state);
    expect(third.corrections.changed).toBe(0);
    expect(fs.readFileSync(logFile, 'utf8')).toContain(`"node":"${old}"`);
  });
});

describe("migrate-ids: a final whose whole title is its draft's cut id (issue 28)", () => {
  it('keeps the two documents apart: the cut draft moves to its whole id before the final of the older scheme takes the freed one', async () => {
    const ex = await emptyGraph(driver);
    const final = 'Guiding Opinions on Accelerating the Development of New Energy Storage';
    const draft = `${final} (Draft for Comments)`;
    // The final's title slugs to 70 characters: its whole id is the draft's cut id.
    const finalId = policyNodeId({ title: final, leadIssuer: 'agency:NDRC' });
    const draftId = policyNodeId({ title: draft, leadIssuer: 'agency:NDRC' });
    expect(uncutPolicyId(finalId, draft)).toBe(draftId);
    const olderFinal = 'policy:2021-07-15:guiding-opinions-on-accelerating-the-development-of-new-energy';
    await q(
      `CREATE (a:Agency {id: 'agency:NDRC', name: 'NDRC'})
       CREATE (d:Policy {id: $cut, title: $draft})-[:ISSUED_BY {lead: true}]->(a)
       CREATE (d)-[:HAS_TARGET]->(:Target {id: 'target:' + $cut + ':1', text: 'draft target'})
       CREATE (f:Policy {id: $olderFinal, title: $final})-[:ISSUED_BY {lead: true}]->(a)
       CREATE (f)-[:HAS_TARGET]->(:Target {id: 'target:' + $olderFinal + ':1', text: 'final target'})`,
      { cut: finalId, draft, olderFinal, final },
    );
    const log = new CorrectionLog(path.join(tmp, 'draft-final', 'corrections.jsonl'));
    fs.mkdirSync(path.dirname(log.file), { recursive: true });
    fs.writeFileSync(
      log.file,
      `${JSON.stringify(newCorrection({ kind: 'rename', node: finalId, name: 'The draft' }))}\n${JSON.stringify(newCorrection({ kind: 'rename', node: olderFinal, name: 'The final' }))}\n`,
    );
    const dir = path.dirname(log.file);
    const report = await migrateIds(ex, log, { views: path.join(dir, 'views'), watchlists: path.join(dir, 'watchlists'), notes: path.join(dir, 'notes.json') });
    expect(report.folded).toBe(0);
    const rows = await q('MATCH (p:Policy)-[:HAS_TARGET]->(t:Target) RETURN p.id AS id, p.title AS title, t.id AS target, t.text AS text ORDER BY id');
    expect(rows).toEqual(
      [
        { id: draftId, title: draft, target: `target:${draftId}:1`, text: 'draft target' },
        { id: finalId, title: final, target: `target:${finalId}:1`, text: 'final target' },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    // Each correction follows its own document: ids are swapped once, never along a chain.
    const nodes = log.read().corrections.map((c) => (c.kind === 'rename' ? [c.node, c.name] : []));
    expect(nodes).toEqual([
      [draftId, 'The draft'],
      [finalId, 'The final'],
    ]);
  });
});

/** The seed brief edited: a news line inserted at the top, the last write-up moved first, one news line removed. */
function edit(text: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => /^1\. /.test(l));
  const fifth = lines.findIndex((l) => /^5\. /.test(l));
  const end = lines.findIndex((l) => l.trim() === 'Noteworthy');
  const moved = lines.slice(fifth, end);
  const rest = lines.slice(first, fifth);
  const renumber = (block: string[], from: number) => {
    let n = from;
    return block.map((l) => (/^\d\. /.test(l) ? l.replace(/^\d/, String(n++)) : l));
  };
  const body = [...lines.slice(0, first), ...renumber(moved, 1), '', ...renumber(rest, 2), ...lines.slice(end)];
  const top = body.findIndex((l) => l.trim() === 'Policy news');
  body.splice(
    top + 2,
    0,
    '  • April 1: The National Energy Administration held a meeting on grid safety for the summer peak, calling on grid companies to strengthen inspections (NEA notice)',
  );
  return body.filter((l) => !l.includes('Tesla together with Chinese tech firm Baidu')).join('\n');
}

describe('an edited brief re-imported: ids follow the facts, corrections follow the ids', () => {
  const dir = path.join(tmp, 'edited');
  const logFile = path.join(dir, 'corrections.jsonl');
  const copy = path.join(dir, EDITED);
  let curator: Curator;

  beforeAll(async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(fromRoot('seeds', EDITED), copy);
    executor = await emptyGraph(driver);
    curator = new Curator(new CorrectionLog(logFile), executor);
    const outcomes = await importFiles(executor, [...seeds.filter((f) => !f.endsWith(EDITED)), copy]);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  });

  it('keeps every id that still exists; a rename of the moved policy and a rejected mention in a moved news item still apply; a correction of the removed line is stale', async () => {
    const before = await allIds();
    const [telco] = await q(`MATCH (p:Policy) WHERE p.title STARTS WITH 'Notice on Launching a Pilot Program' RETURN p.id AS id`);
    const [bmw] = await q(`MATCH (c:Company)-[:MENTIONED_IN]->(n:NewsItem) WHERE n.text CONTAINS 'BMW announced' RETURN c.id AS company, n.id AS news`);
    const [tesla] = await q(`MATCH (n:NewsItem) WHERE n.text CONTAINS 'Tesla together with Chinese tech firm Baidu' RETURN n.id AS id`);
    const rename = (await curator.add({ kind: 'rename', node: String(telco!.id), name: 'Telco opening pilot' })).correction;
    const rejectRel = (await curator.add({ kind: 'reject-rel', from: String(bmw!.company), type: 'MENTIONED_IN', to: String(bmw!.news) })).correction;
    const rejectNews = (await curator.add({ kind: 'reject', node: String(tesla!.id) })).correction;
    // Undo the reject so the line's node is back, then the line goes: the correction has no fact left.
    await curator.undo(rejectNews.id, {});
    const stale = (await curator.add({ kind: 'rename', node: String(tesla!.id), name: 'Map permit' })).correction;
    const link = (await curator.add({ kind: 'link', from: String(tesla!.id), type: 'ANNOUNCES', to: String(telco!.id), note: 'the permit follows the pilot' }))
      .correction;

    const text = fs.readFileSync(copy, 'utf8');
    fs.writeFileSync(copy, edit(text));
    expect((await importFiles(executor, [copy], undefined, { corrections: curator.state() })).every((o) => o.ok)).toBe(true);

    const after = new Set(await allIds());
    const missing = before.filter((id) => !after.has(id));
    expect(missing.filter((id) => /^(policy|news|target|agency|sector):/.test(id))).toEqual([String(tesla!.id)]);
    expect((await q('MATCH (p:Policy {id: $id}) RETURN p.name AS name', { id: telco!.id }))[0]!.name).toBe('Telco opening pilot');
    expect(await q('MATCH (:Company {id: $c})-[r:MENTIONED_IN]->(:NewsItem {id: $n}) RETURN r', { c: bmw!.company, n: bmw!.news })).toEqual([]);
    const status = Object.fromEntries((await curator.list()).map((l) => [l.correction.id, l.status]));
    expect(status[rename.id]).toBe('applied');
    expect(status[rejectRel.id]).toBe('applied');
    expect(status[stale.id]).toBe('stale');
    expect(status[link.id]).toBe('stale');
    // The moved policy's details and reports say so, instead of "corrected".
    const notes = await executor.read((tx) => correctionNotes(tx, curator.state(), String(telco!.id)));
    expect(notes.map(noteLine)).toEqual([
      expect.stringMatching(/^corrected: renamed to "Telco opening pilot"/),
      expect.stringMatching(/^stale, not applied \(no node news:2024-04-30:.*\): ANNOUNCES ← /),
    ]);
    // Stale means not applied to anything: no node carries the name.
    expect(await q(`MATCH (n) WHERE n.name = 'Map permit' RETURN n.id AS id`)).toEqual([]);
  });
});
