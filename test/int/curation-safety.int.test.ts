import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import request from 'supertest';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { CorrectionLog } from '../../server/curation/log.js';
import { Curator } from '../../server/curation/service.js';
import { Executor } from '../../server/graph/executor.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { seedGraph, testDriver } from '../helpers/db.js';
import { graphSnapshot } from '../helpers/snapshot.js';

// Issue 32, curation: each finding of the probe reproduced against the seeds in a real Neo4j.
const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-curation-safety-'));
const seeds = listBriefFiles([fromRoot('seeds')]);
let driver: Driver;
let executor: Executor;
let file: string;
let log: CorrectionLog;
let app: Express;
let n = 0;

const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());
const post = (body: object) => request(app).post('/api/corrections').send(body);
const undo = (id: string) => request(app).delete(`/api/corrections/${id}`);
const lines = () => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const aliasesOf = async (id: string) =>
  ((await q('MATCH (n {id: $id}) WHERE NOT n:Merged RETURN n.curatedAliases AS a', { id }))[0]?.a as string[] | null) ?? [];
const listed = async () => (await request(app).get('/api/corrections').expect(200)).body;

beforeAll(async () => {
  driver = testDriver();
  executor = await seedGraph(driver);
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
// Each test starts from the seeds and a log of its own.
beforeEach(async () => {
  if (n > 0) await seedGraph(driver);
  file = path.join(tmp, `log-${n++}`, 'corrections.jsonl');
  log = new CorrectionLog(file);
  app = createApp({ executor, options: { cypher: {}, correctionLog: log } });
});

/** `npm run curate -- ARGS` against the test database and this test's log. */
const curate = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', fromRoot('server/curation/cli.ts'), ...args], {
    cwd: fromRoot('.'),
    env: {
      ...process.env,
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_USER: inject('neo4jUser'),
      NEO4J_PASSWORD: inject('neo4jPassword'),
      CORRECTIONS_FILE: file,
    },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('concurrent corrections', () => {
  it('20 aliases posted at once on agency:MOST: 20 lines, 20 aliases in the graph in file order, all listed applied', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `MOST name ${i}`);
    const res = await Promise.all(names.map((name) => post({ kind: 'alias', node: 'agency:MOST', name })));
    expect(res.map((r) => r.status)).toEqual(names.map(() => 201));
    const logged = lines().map((l) => JSON.parse(l) as { name: string });
    expect(logged.map((l) => l.name).sort()).toEqual([...names].sort());
    // The graph took them in the order the file has them.
    expect(await aliasesOf('agency:MOST')).toEqual(logged.map((l) => l.name));
    expect((await listed()).corrections.map((l: { status: string }) => l.status)).toEqual(names.map(() => 'applied'));
  });

  it('the CLI and the API at once on one file and one graph: every correction lands in both, in file order', async () => {
    const api = Array.from({ length: 6 }, (_, i) => post({ kind: 'alias', node: 'agency:MOST', name: `API name ${i}` }));
    const cli = Array.from({ length: 3 }, (_, i) => curate('alias', 'agency:MOST', `CLI name ${i}`));
    expect((await Promise.all(api)).map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect((await Promise.all(cli)).map((r) => [r.code, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
    ]);
    const logged = lines().map((l) => (JSON.parse(l) as { name: string }).name);
    expect(logged).toHaveLength(9);
    expect(await aliasesOf('agency:MOST')).toEqual(logged);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  }, 120_000);

  it('a lock left by a process that died is broken; one held by a live process makes a correction wait', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // A pid that does not exist on this host (above the kernel's pid_max).
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: 99_999_999, host: os.hostname(), at: new Date().toISOString() }));
    await post({ kind: 'alias', node: 'agency:MOST', name: 'After a crash' }).expect(201);
    expect(await aliasesOf('agency:MOST')).toEqual(['After a crash']);
    // This process holds it now, as `curate apply` would: the request waits for it.
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }));
    let answered = false;
    const pending = post({ kind: 'alias', node: 'agency:MOST', name: 'After the lock' }).then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    fs.rmSync(`${file}.lock`);
    expect((await pending).status).toBe(201);
    expect(await aliasesOf('agency:MOST')).toEqual(['After a crash', 'After the lock']);
  });

  it('a correction whose transaction fails after it was logged is answered as not applied and listed pending; curate apply lands it', async () => {
    // A commit that fails (a lost connection, say): the work runs in a real transaction that is rolled back.
    class FailingCommit extends Executor {
      override write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
        return (async () => {
          const session = this.driver.session();
          try {
            const tx = await session.beginTransaction();
            await work(tx as unknown as ManagedTransaction);
            await tx.rollback();
            throw new Error('the connection was lost during commit');
          } finally {
            await session.close();
          }
        })();
      }
    }
    const failing = createApp({ executor: new FailingCommit(driver), options: { cypher: {}, correctionLog: log } });
    const res = await request(failing).post('/api/corrections').send({ kind: 'alias', node: 'agency:MOST', name: 'Not yet' }).expect(500);
    expect(res.body.error.message).toMatch(
      /^Correction c-\S+ is recorded in .*corrections\.jsonl but is not in the graph \(the connection was lost during commit\)\. `npm run curate -- apply` applies it/,
    );
    expect(lines()).toHaveLength(1);
    expect(await aliasesOf('agency:MOST')).toEqual([]);
    const [one] = (await listed()).corrections;
    expect(one).toMatchObject({ status: 'pending', detail: 'agency:MOST does not have the name "Not yet"' });
    await new Curator(log, executor).applyAll();
    expect(await aliasesOf('agency:MOST')).toEqual(['Not yet']);
    expect((await listed()).corrections[0].status).toBe('applied');
  });
});

describe('merge chains', () => {
  const A = 'company:bmw-brilliance';
  const B = 'company:brilliance-auto';
  const C = 'company:bmw';

  it('undo of A→B after B→C is refused with the reason and recorded nothing; B→C then A→B undo restores every node', async () => {
    const pristine = await graphSnapshot(driver, { reimported: true });
    const first = (await post({ kind: 'merge', keep: B, drop: A }).expect(201)).body.correction.id as string;
    const second = (await post({ kind: 'merge', keep: C, drop: B }).expect(201)).body.correction.id as string;
    const refused = await undo(first).expect(409);
    expect(refused.body.error.message).toBe(`Cannot undo ${first} yet: ${B} was merged into ${C} by ${second} since. Undo ${second} first, then ${first}.`);
    expect(lines()).toHaveLength(2);
    // The refusal left the graph whole: a re-import keeps one node per id.
    const noDuplicateIds = async () => expect(await q('MATCH (n) WHERE n.id IS NOT NULL WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id')).toEqual([]);
    await importFiles(executor, seeds, undefined, { corrections: new Curator(log, executor).state() });
    await noDuplicateIds();
    // The other order works, and every node is as it was.
    await undo(second).expect(200);
    await undo(first).expect(200);
    expect(await graphSnapshot(driver, { reimported: true })).toEqual(pristine);
    expect((await listed()).corrections.map((l: { status: string }) => l.status)).toEqual(['undone', 'undone', 'undo', 'undo']);
    // A can be merged again, and a re-import leaves one node per id.
    await post({ kind: 'merge', keep: B, drop: A }).expect(201);
    await importFiles(executor, seeds, undefined, { corrections: new Curator(log, executor).state() });
    await noDuplicateIds();
  });

  it('undo of a rename or an alias of a node merged away since is refused the same way', async () => {
    const pristine = await graphSnapshot(driver);
    const rename = (await post({ kind: 'rename', node: A, name: 'BMW Brilliance JV' }).expect(201)).body.correction.id as string;
    const alias = (await post({ kind: 'alias', node: A, name: 'BBA JV' }).expect(201)).body.correction.id as string;
    const merge = (await post({ kind: 'merge', keep: B, drop: A }).expect(201)).body.correction.id as string;
    for (const id of [rename, alias])
      expect((await undo(id).expect(409)).body.error.message).toMatch(new RegExp(`^Cannot undo ${id} yet: ${A} was merged into ${B} by ${merge} since`));
    expect(lines()).toHaveLength(3);
    await undo(merge).expect(200);
    await undo(alias).expect(200);
    await undo(rename).expect(200);
    expect(await graphSnapshot(driver)).toEqual(pristine);
  });
});

describe('well-formed Unicode', () => {
  it('a lone surrogate in any text is refused with 400 naming the field, and nothing is recorded', async () => {
    const bad = 'Tesla \ud800 Inc';
    expect((await post({ kind: 'rename', node: 'company:tesla', name: bad }).expect(400)).body.error.message).toMatch(/^name: not well-formed Unicode/);
    expect((await post({ kind: 'alias', node: 'company:tesla', name: 'Tesla', reason: bad }).expect(400)).body.error.message).toMatch(/^reason: /);
    expect((await post({ kind: 'reject', node: 'company:tesla', author: '\udc00' }).expect(400)).body.error.message).toMatch(/^author: /);
    expect(fs.existsSync(file)).toBe(false);
    // A well-formed name with an astral character is fine, and undo restores the import's name.
    const id = (await post({ kind: 'rename', node: 'company:tesla', name: 'Tesla 🚗 Inc' }).expect(201)).body.correction.id as string;
    expect((await q("MATCH (c:Company {id: 'company:tesla'}) RETURN c.name AS name"))[0]!.name).toBe('Tesla 🚗 Inc');
    await undo(id).expect(200);
    expect((await q("MATCH (c:Company {id: 'company:tesla'}) RETURN c.name AS name, c.curation AS book"))[0]).toEqual({ name: 'Tesla', book: null });
  });

  it('an alias applied again (curate apply twice, a re-import) stays one alias', async () => {
    await post({ kind: 'alias', node: 'company:tesla', name: 'Tesla Motors' }).expect(201);
    const curator = new Curator(log, executor);
    await curator.applyAll();
    await curator.applyAll();
    await importFiles(executor, seeds, undefined, { corrections: curator.state() });
    expect(await aliasesOf('company:tesla')).toEqual(['Tesla Motors']);
  });
});

describe('a malformed line in the corrections file', () => {
  it('node details and reports answer 200 with a warning, the list names the line, and nothing is appended until curate check passes', async () => {
    await post({ kind: 'alias', node: 'agency:MIIT', name: 'Min. of Industry & IT' }).expect(201);
    fs.appendFileSync(file, '<<<<<<< HEAD\n');
    await post({ kind: 'alias', node: 'agency:MOF', name: 'MinFin' }).expect(409);
    fs.appendFileSync(file, '=======\n>>>>>>> theirs\n');

    const detail = await request(app).get('/api/nodes/agency:MIIT').expect(200);
    expect(detail.body.corrections.map((c: { text: string }) => c.text)).toEqual(['alias "Min. of Industry & IT" added']);
    expect(detail.body.correctionsWarning).toMatch(
      /corrections\.jsonl:2: a merge conflict marker; the line is ignored \(and 2 more bad line\(s\)\)\. Run `npm run curate -- check`/,
    );
    expect(detail.headers['x-corrections-warning']).toBeDefined();
    const report = await request(app).get('/api/reports/agency/agency:MIIT').query({ format: 'md' }).expect(200);
    expect(report.headers['x-corrections-warning']).toMatch(/corrections\.jsonl:2:/);
    expect(report.text).toContain('alias "Min. of Industry & IT" added');
    const list = await listed();
    expect(list.corrections).toHaveLength(1);
    expect(list.problems.map((p: { line: number }) => p.line)).toEqual([2, 3, 4]);

    const refused = await post({ kind: 'alias', node: 'agency:MOF', name: 'MinFin' }).expect(409);
    expect(refused.body.error.message).toMatch(/corrections\.jsonl:2: .*Nothing is added to the file until it is fixed: run `npm run curate -- check`/);
    await undo(list.corrections[0].correction.id).expect(409);
    expect(lines()).toHaveLength(4);

    const check = await curate('check');
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/corrections\.jsonl:2: a merge conflict marker/);
    expect(check.stderr).toMatch(/delete the marker lines/);
    fs.writeFileSync(file, `${lines()[0]}\n`);
    expect(await curate('check')).toMatchObject({ code: 0 });
    await post({ kind: 'alias', node: 'agency:MOF', name: 'MinFin' }).expect(201);
    expect((await request(app).get('/api/nodes/agency:MIIT').expect(200)).body.correctionsWarning).toBeUndefined();
  }, 60_000);
});
