import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDriver, waitForConnectivity } from '../../server/db/connect.js';
import { Availability } from '../../server/db/availability.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../server/db/local.js';
import { LocalSupervisor } from '../../server/db/supervisor.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { BriefReader } from '../../server/import/briefReader.js';
import { importFiles, resolveUnknown, settleUnknown, type BriefOutcome } from '../../server/import/importer.js';
import { extractFile, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { emptyGraph, testDriver } from '../helpers/db.js';
import { commentRun, nestedDivs, pdfBomb, unclosedTables } from '../helpers/hostileInputs.js';

const seeds = listBriefFiles([fromRoot('seeds')]);

/**
 * A seed made into a brief of its own: a brief is known by its title and content
 * (server/import/identity.ts), so a mere copy under a new name would replace its seed. Copy N gets
 * a topic of its own, or, where the title is the stated date, a year N years earlier.
 */
function anotherBrief(text: string, copy: number): string {
  const lines = text.split('\n');
  const topics = lines.slice(0, 12).findIndex((l) => l.includes(' + '));
  if (topics >= 0) lines[topics] += ` + Copy ${copy}`;
  else {
    const dated = lines.slice(0, 12).findIndex((l) => /\b20\d\d\b/.test(l));
    lines[dated] = lines[dated]!.replace(/\b20\d\d\b/, (y) => String(Number(y) - copy));
  }
  return lines.join('\n');
}
// Each test starts and restarts its own Neo4j; on a busy machine a start alone can take minutes.
const auth = { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'x' };
const withStatus = (outcomes: BriefOutcome[], ...statuses: BriefOutcome['status'][]) =>
  outcomes
    .filter((o) => statuses.includes(o.status))
    .map((o) => o.brief ?? path.basename(o.file, '.txt'))
    .sort();

async function briefsInGraph(driver: Driver): Promise<string[]> {
  const briefs = await driver.executeQuery('MATCH (b:Brief) RETURN b.id AS id ORDER BY id');
  return briefs.records.map((r) => String(r.get('id')).slice('brief:'.length)).sort();
}

/** Each brief reported as imported is whole: every relationship it extracts is in the graph. */
async function expectWhole(driver: Driver, outcomes: BriefOutcome[]): Promise<void> {
  for (const o of outcomes.filter((x) => x.status === 'ok')) {
    const got = await driver.executeQuery('MATCH ()-[r]->() WHERE r.brief = $brief RETURN count(r) AS c', { brief: o.brief });
    expect(got.records[0]?.get('c'), o.brief).toBe(extractFile(o.file).relationships.length);
  }
}

// One Neo4j of its own for both faults: stopped cleanly in the middle of an import, then (started
// again, emptied) killed in the middle of another, under a supervisor. Three starts in all; the
// second case takes over the instance the first one left running (issue 28: one start fewer).
describe('Neo4j stopping or killed during an import', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-fault-'));
  const briefDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-kill-briefs-'));
  let opts: Parameters<typeof startLocalNeo4j>[0] | undefined;
  let neo: LocalNeo4j | undefined;
  let supervisor: LocalSupervisor | undefined;
  afterAll(async () => {
    await (supervisor ? supervisor.stop() : neo?.stop());
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(briefDir, { recursive: true, force: true });
  });

  it('stopped: fails clearly, keeps the committed briefs whole, and a re-run completes the rest', async () => {
    opts = { port: await freePort(), dataDir, heap: '512m', pagecache: '128m', log: () => {} };
    neo = await startLocalNeo4j(opts);
    let driver = createDriver(neo.uri, auth);
    await applySchema(new Executor(driver));

    let stopping: Promise<void> | undefined;
    // Two briefs per transaction: the first two commit, then the database goes away.
    const outcomes = await importFiles(
      new Executor(driver),
      seeds,
      (done) => {
        if (done === 2 && !stopping) stopping = neo!.stop();
      },
      { briefsPerTransaction: 2 },
    );
    await stopping;
    await driver.close();
    const ok = withStatus(outcomes, 'ok');
    expect(ok.length).toBeGreaterThanOrEqual(2);
    expect(ok.length).toBeLessThan(seeds.length);
    // The briefs of the transaction in flight are unknown (with the reason); the rest were not attempted.
    const firstBad = outcomes.findIndex((o) => o.status !== 'ok');
    const inFlight = outcomes.slice(firstBad).filter((o) => o.status === 'unknown');
    expect(inFlight.length).toBeGreaterThanOrEqual(1);
    expect(inFlight.length).toBeLessThanOrEqual(2);
    for (const o of inFlight) expect(o).toMatchObject({ unavailable: true, error: expect.stringMatching(/not reachable|unavailable/i) });
    expect(outcomes.slice(firstBad + inFlight.length).every((o) => o.status === 'skipped')).toBe(true);
    expect(outcomes.some((o) => o.status === 'failed')).toBe(false);

    neo = await startLocalNeo4j(opts);
    driver = createDriver(neo.uri, auth);
    try {
      // Once Neo4j answers, the unknown ones are settled, and the summary is exactly the graph.
      const settled = await resolveUnknown(new Executor(driver), outcomes);
      expect(settled.some((o) => o.status === 'unknown')).toBe(false);
      expect(await briefsInGraph(driver)).toEqual(withStatus(settled, 'ok'));
      await expectWhole(driver, settled);
      const rerun = await importFiles(new Executor(driver), seeds);
      expect(rerun.every((o) => o.ok)).toBe(true);
      // 25 write-up policies and 26 announced by news lines.
      expect((await driver.executeQuery('MATCH (p:Policy) RETURN count(p) AS c')).records[0]?.get('c')).toBe(51);
      // Emptied for the next case, which counts every brief in the graph.
      await driver.executeQuery('MATCH (n) DETACH DELETE n');
    } finally {
      await driver.close();
    }
  }, 900_000);

  // kill -9 of the Neo4j JVM while transactions are in flight: no clean shutdown, no answer to a
  // commit that may or may not have reached the transaction log. As under `npm run import` with the
  // bundled Neo4j, a supervisor starts it again; the import waits for it (settleUnknown) and its
  // summary says which briefs were committed, never "unknown" (issue 32).
  it('killed: waits for the restarted Neo4j and reports exactly what was committed as imported', async () => {
    // 30 briefs (the seeds under six names each), two per transaction: a long run to cut into.
    for (let copy = 0; copy < 6; copy++)
      for (const f of seeds) fs.writeFileSync(path.join(briefDir, `c${copy}-${path.basename(f)}`), anotherBrief(fs.readFileSync(f, 'utf8'), copy));
    const files = listBriefFiles([briefDir]);
    // The instance the case above left running, emptied; its own start if that case failed early.
    if (!neo || neo.process.exitCode !== null || neo.process.signalCode !== null) {
      opts ??= { port: await freePort(), dataDir, heap: '512m', pagecache: '128m', log: () => {} };
      await neo?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      neo = await startLocalNeo4j(opts);
    }
    const first = neo;
    const restart = opts!;
    const driver = createDriver(first.uri, auth);
    await driver.executeQuery('MATCH (n) DETACH DELETE n');
    const availability = new Availability(() => driver.verifyConnectivity());
    supervisor = new LocalSupervisor(
      first,
      () => startLocalNeo4j(restart),
      availability,
      () => {},
    );
    try {
      await applySchema(new Executor(driver));
      let killed = false;
      const outcomes = await importFiles(
        new Executor(driver),
        files,
        (done) => {
          // After three transactions, with the fourth on its way: the JVM dies mid-transaction.
          if (done >= 6 && !killed) {
            killed = true;
            first.process.kill('SIGKILL');
          }
        },
        { briefsPerTransaction: 2 },
      );
      expect(killed).toBe(true);
      const reported = { ok: withStatus(outcomes, 'ok'), failed: withStatus(outcomes, 'failed', 'skipped'), unknown: withStatus(outcomes, 'unknown') };
      expect(reported.ok.length).toBeGreaterThanOrEqual(6);
      expect(reported.ok.length).toBeLessThan(files.length);

      // What the CLI does next: wait for Neo4j (the supervisor restarts it on the same store,
      // which recovers from its transaction log) and settle the briefs in flight against the graph.
      const settled = await settleUnknown(new Executor(driver), outcomes, { waitMs: 600_000 });
      expect(supervisor.restarts).toBe(1);
      expect(settled.some((o) => o.status === 'unknown')).toBe(false);
      await waitForConnectivity(driver);
      const inGraph = await briefsInGraph(driver);
      // Everything reported imported is there and whole; nothing reported failed or skipped is.
      for (const b of reported.ok) expect(inGraph).toContain(b);
      for (const b of reported.failed) expect(inGraph).not.toContain(b);
      expect(inGraph).toEqual(withStatus(settled, 'ok'));
      await expectWhole(driver, settled);
      console.log(
        `kill -9 after ${reported.ok.length} committed: ${reported.unknown.length} unknown → ${settled.filter((o) => o.status === 'ok').length - reported.ok.length} of them committed`,
      );
    } finally {
      availability.close();
      await driver.close();
    }
  }, 900_000);
});

// Issue 32: files that hung the importer, grew it to gigabytes or faked its output, in one folder
// with the seeds, imported into the suite's shared Neo4j.
describe('hostile files in an import folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-hostile-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const FAKE = 'n-name\nok      fake.txt';
  const expected: Record<string, RegExp> = {
    'a-comments.txt': /^a-comments\.txt: no policy write-ups/,
    'b-nested.html': /^b-nested\.html: web page nests elements more than 500 deep/,
    'c-tables.html': /^c-tables\.html: web page nests elements more than 500 deep/,
    'd-bomb.pdf': /^d-bomb\.pdf: PDF's compressed streams inflate to more than 100\.0 MB .* decompression bomb/,
    'e-fifo.txt': /^e-fifo\.txt: is a FIFO \(named pipe\), not a regular file/,
    'f-zero.txt': /^f-zero\.txt: is a link to \/dev\/zero, outside the folder/,
    [FAKE]: /^n-name\nok {6}fake\.txt: no policy write-ups/,
  };
  const made = (async () => {
    fs.writeFileSync(path.join(dir, 'a-comments.txt'), commentRun());
    fs.writeFileSync(path.join(dir, 'b-nested.html'), nestedDivs(99_000));
    fs.writeFileSync(path.join(dir, 'c-tables.html'), unclosedTables(30_000));
    fs.writeFileSync(path.join(dir, 'd-bomb.pdf'), await pdfBomb({ inflatedMb: 3000 }));
    execFileSync('mkfifo', [path.join(dir, 'e-fifo.txt')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'f-zero.txt'));
    fs.writeFileSync(path.join(dir, FAKE), 'not a brief');
    for (const f of seeds) fs.copyFileSync(f, path.join(dir, `s-${path.basename(f)}`));
  })();

  it('each fails alone in seconds, naming the file and the limit; memory stays under 1 GB; the seeds are imported', async () => {
    await made;
    const driver = testDriver();
    const reader = new BriefReader();
    try {
      await emptyGraph(driver);
      const took = new Map<string, number>();
      const load = reader.load.bind(reader);
      reader.load = async (file, budget) => {
        try {
          return await load(file, budget);
        } finally {
          took.set(path.basename(file), reader.stats.lastReadMs);
        }
      };
      // The budget is the default's: these files fail on their limits, long before any budget.
      const outcomes = await importFiles(new Executor(driver), listBriefFiles([dir]), undefined, { reader });
      const byName = new Map(outcomes.map((o) => [path.basename(o.file), o]));
      for (const [name, error] of Object.entries(expected)) {
        expect(byName.get(name)?.status, name).toBe('failed');
        expect(byName.get(name)?.error, name).toMatch(error);
        // They took 400 s and more, or never ended; refused now in milliseconds, at most a second
        // idle (counted as the budget counts: without loading pdf.js, once per run). The bound is
        // an order of magnitude below the old cost and well above what load makes of a second.
        expect(took.get(name), name).toBeLessThan(30_000);
      }
      const ok = outcomes.filter((o) => o.ok).map((o) => o.brief!);
      expect(ok).toHaveLength(seeds.length);
      expect(await briefsInGraph(driver)).toEqual([...ok].sort());
      // One reading thread served the whole folder: nothing had to be stopped from outside.
      expect(reader.stats.threads).toBe(1);
      expect(reader.stats.peakRssBytes).toBeLessThan(1024 ** 3);
      console.log(
        `hostile folder: ${[...took].map(([n, ms]) => `${JSON.stringify(n)} ${ms.toFixed(0)} ms`).join(', ')}; peak resident memory ${(reader.stats.peakRssBytes / 1048576).toFixed(0)} MB`,
      );
    } finally {
      await reader.close();
      await driver.close();
    }
  }, 300_000);

  it('npm run import prints each file name escaped: a name cannot fake an "ok" line', async () => {
    await made;
    const corrections = path.join(dir, 'corrections.jsonl');
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', fromRoot('server/import/cli.ts'), dir], {
      cwd: fromRoot('.'),
      env: {
        ...process.env,
        NEO4J_URI: inject('neo4jUri'),
        NEO4J_USER: inject('neo4jUser'),
        NEO4J_PASSWORD: inject('neo4jPassword'),
        CORRECTIONS_FILE: corrections,
      },
    }).catch((err: { stdout: string; stderr: string; code: number }) => err);
    const lines = `${run.stdout}\n${run.stderr}`.split('\n');
    expect(lines.filter((l) => l.startsWith('ok      ')).length).toBe(seeds.length);
    expect(lines.some((l) => l.startsWith('ok      fake.txt'))).toBe(false);
    expect(lines).toContain(
      'FAILED  n-name\\nok      fake.txt: no policy write-ups (Article/Policy name, Issuing body, Date lines) and no Noteworthy news found. Is this a MERICS China Industries brief?',
    );
    expect(lines.some((l) => l.startsWith(`${seeds.length} brief(s) imported, ${Object.keys(expected).length} failed.`))).toBe(true);
    expect((run as { code?: number }).code).toBe(1);
  }, 300_000);
});
