import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, type Executor } from '../../server/graph/executor.js';
import { importFiles, resolveUnknown } from '../../server/import/importer.js';
import { extractFile, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';

const seeds = listBriefFiles([fromRoot('seeds')]);

/**
 * A stand-in for Neo4j that keeps what the importer's transactions commit (which briefs, and when
 * they were stamped) and can go away at the worst moment: right after a commit, before its answer
 * reaches the importer. The real thing is killed in test/int/import-faults.int.test.ts; this one
 * hits that moment every time.
 */
class FlakyNeo4j {
  /** brief node id → the transaction time that stamped it. */
  readonly briefs = new Map<string, number>();
  up = true;
  #clock = 1000;
  #transactions = 0;

  constructor(readonly fault: { transaction: number; when: 'before-commit' | 'after-commit'; staysDown: boolean }) {}

  #unavailable() {
    return new DatabaseUnavailableError('Neo4j is not reachable: connection reset');
  }

  #tx(stamped: string[] | undefined) {
    return {
      run: async (query: string, params: Record<string, unknown> = {}) => {
        if (query.includes('toString(datetime())')) return { records: [record({ now: new Date(this.#clock++).toISOString() })] };
        if (query.includes('b.importedAt >= datetime($since)')) {
          const since = Date.parse(params.since as string);
          return { records: (params.ids as string[]).map((id) => record({ id, committed: (this.briefs.get(`brief:${id}`) ?? -1) >= since })) };
        }
        if (query.includes('SET b.importedAt') && stamped) stamped.push(...(params.ids as string[]));
        return { records: [] };
      },
    };
  }

  asExecutor(): Executor {
    const read = async <T>(work: (tx: unknown) => Promise<T>) => {
      if (!this.up) throw this.#unavailable();
      return work(this.#tx(undefined));
    };
    const write = async <T>(work: (tx: unknown) => Promise<T>) => {
      if (!this.up) throw this.#unavailable();
      const n = ++this.#transactions;
      const stamped: string[] = [];
      const result = await work(this.#tx(stamped));
      const lose = n === this.fault.transaction;
      if (lose && this.fault.when === 'before-commit') {
        this.up = !this.fault.staysDown;
        throw this.#unavailable();
      }
      const at = this.#clock++;
      for (const id of stamped) this.briefs.set(id, at);
      if (lose) {
        this.up = !this.fault.staysDown;
        throw this.#unavailable();
      }
      return result;
    };
    return { read, write } as unknown as Executor;
  }

  briefIds(): string[] {
    return [...this.briefs.keys()].map((id) => id.slice('brief:'.length)).sort();
  }
}

function record(values: Record<string, unknown>) {
  return { get: (key: string) => values[key] };
}

const okBriefs = (outcomes: { status: string; brief?: string }[]) =>
  outcomes
    .filter((o) => o.status === 'ok')
    .map((o) => o.brief!)
    .sort();

describe('import summary when Neo4j goes away mid-transaction', () => {
  it('reports a transaction whose commit answer was lost as unknown, never as failed, and settles it once Neo4j answers', async () => {
    const db = new FlakyNeo4j({ transaction: 2, when: 'after-commit', staysDown: true });
    const outcomes = await importFiles(db.asExecutor(), seeds, undefined, { briefsPerTransaction: 2 });
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'unknown', 'unknown', 'skipped']);
    for (const o of outcomes.slice(2, 4)) expect(o.error).toMatch(/whether it was committed is unknown\. Re-run the import/);
    // Nothing that is in the graph is reported as failed.
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);

    db.up = true;
    const settled = await resolveUnknown(db.asExecutor(), outcomes);
    expect(settled.map((o) => o.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'skipped']);
    expect(okBriefs(settled)).toEqual(db.briefIds());
    expect(settled[2]).toMatchObject({ ok: true, nodes: expect.any(Number), relationships: expect.any(Number) });
    expect(settled[2]!.error).toBeUndefined();
  });

  it('settles an uncommitted transaction as failed', async () => {
    const db = new FlakyNeo4j({ transaction: 2, when: 'before-commit', staysDown: true });
    const outcomes = await importFiles(db.asExecutor(), seeds, undefined, { briefsPerTransaction: 2 });
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'unknown', 'unknown', 'skipped']);
    db.up = true;
    const settled = await resolveUnknown(db.asExecutor(), outcomes);
    expect(settled.map((o) => o.status)).toEqual(['ok', 'ok', 'failed', 'failed', 'skipped']);
    expect(settled[2]!.error).toMatch(/not imported: Neo4j went away before its transaction committed/);
    expect(okBriefs(settled)).toEqual(db.briefIds());
  });

  it('settles by itself when Neo4j answers again before the run ends', async () => {
    const db = new FlakyNeo4j({ transaction: 1, when: 'after-commit', staysDown: false });
    const outcomes = await importFiles(db.asExecutor(), seeds, undefined, { briefsPerTransaction: 2 });
    // The run stops at the outage, but the lost commit is found and reported as imported.
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'skipped', 'skipped', 'skipped']);
    expect(okBriefs(outcomes)).toEqual(db.briefIds());
  });

  it('leaves them unknown while Neo4j is still away', async () => {
    const db = new FlakyNeo4j({ transaction: 1, when: 'after-commit', staysDown: true });
    const outcomes = await importFiles(db.asExecutor(), seeds, undefined, { briefsPerTransaction: 5 });
    expect(outcomes.every((o) => o.status === 'unknown')).toBe(true);
    expect(await resolveUnknown(db.asExecutor(), outcomes)).toEqual(outcomes);
  });
});

describe('per-brief time budget in an import', () => {
  it('fails the brief that overruns it, naming the file, and imports the others', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-budget-'));
    try {
      // A news item of half a megabyte full of names to look up: seconds of work where a brief takes milliseconds.
      const slow = path.join(dir, 'slow.txt');
      const seed = fs.readFileSync(seeds[0]!, 'utf8').split('\n');
      seed[104] += ` ${Array.from({ length: 10_000 }, (_, i) => `Firm${i} Group and MIIT met BYD in Shanghai.`).join(' ')}`;
      fs.writeFileSync(slow, seed.join('\n'));
      // A budget between the two times (their geometric mean), so a busy machine does not tip it.
      const time = (file: string) => {
        const started = performance.now();
        extractFile(file);
        return performance.now() - started;
      };
      time(seeds[1]!); // warm-up: registry and compiled matchers
      const fast = Math.max(time(seeds[1]!), time(seeds[2]!));
      const budget = Math.round(Math.sqrt(fast * time(slow)));
      expect(budget).toBeGreaterThan(fast * 3);
      const db = new FlakyNeo4j({ transaction: -1, when: 'after-commit', staysDown: false });
      const outcomes = await importFiles(db.asExecutor(), [seeds[1]!, slow, seeds[2]!], undefined, { briefBudgetMs: budget });
      expect(
        outcomes.map((o) => o.status),
        outcomes.map((o) => o.error).join(' / '),
      ).toEqual(['ok', 'failed', 'ok']);
      expect(outcomes[1]!.error).toMatch(/^slow\.txt:\d+: reading the brief took longer than [\d.]+ s/);
      expect(db.briefIds()).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
