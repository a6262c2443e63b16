/**
 * Where an import's time goes (issue 28): an Executor that times every statement of the importer's
 * transactions by kind, the time spent inside write transactions and in reads beside them; the CPU
 * time of Neo4j's process; and Neo4j's own compile and execution time per statement (its query
 * collector, db.stats). Used by bench:one-brief (one brief) and bench:import --steps (a corpus).
 */
import fs from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import { Executor, type TxOptions } from '../../server/graph/executor.js';
import { EXISTING, PREVIOUS_RELS } from '../../server/graph/diff.js';
import { MERGE_NODES, CREATE_RELS } from '../../server/graph/writeBrief.js';
import { fromRoot } from '../../server/paths.js';

const file = (f: string) => fs.readFileSync(fromRoot(`cypher/import/${f}`), 'utf8').trim();
const LINEAGE = file('lineage.cypher');
const CITED = file('cited.cypher');
const REMOVE = file('remove-brief.cypher');
const SAME = file('same-briefs.cypher');

/** What an importer statement does, from its text. */
export function statementKind(q: string): string {
  const t = q.trim();
  if (t === MERGE_NODES.trim()) return 'write: nodes (MERGE)';
  if (t === CREATE_RELS.trim()) return 'write: relationships (CREATE)';
  if (t === REMOVE) return 'write: remove old version';
  if (/SET b\.importedAt/.test(t)) return 'write: stamp importedAt';
  if (t.startsWith(EXISTING.trim())) return 'history diff: nodes present';
  if (t.startsWith(PREVIOUS_RELS.trim())) return 'history diff: previous facts';
  if (t === LINEAGE) return 'lineage: same title';
  if (t === CITED) return 'lineage: cited titles';
  if (t === SAME) return 'read: same-brief lookup';
  if (/RETURN b\.id AS id/.test(t)) return 'write: known briefs';
  if (/toString\(datetime\(\)\)/.test(t)) return 'read: clock';
  return 'other (corrections)';
}

interface Spent {
  ms: number;
  count: number;
}

/** An Executor whose transactions time each statement by kind (see statementKind). */
export class TimedExecutor extends Executor {
  readonly spent = new Map<string, Spent>();
  /** Time inside write transactions (begin to commit), and inside reads. */
  writeWall = 0;
  readWall = 0;
  writes = 0;

  #add(kind: string, ms: number) {
    const s = this.spent.get(kind) ?? { ms: 0, count: 0 };
    s.ms += ms;
    s.count++;
    this.spent.set(kind, s);
  }

  #timed(tx: ManagedTransaction): ManagedTransaction {
    return {
      run: async (q: string, p?: Record<string, unknown>) => {
        const s = performance.now();
        const r = await tx.run(q, p);
        this.#add(statementKind(q), performance.now() - s);
        return r;
      },
    } as unknown as ManagedTransaction;
  }

  override async write<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    const s = performance.now();
    try {
      return await super.write((tx) => work(this.#timed(tx)), opts);
    } finally {
      this.writeWall += performance.now() - s;
      this.writes++;
    }
  }

  override async read<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    const s = performance.now();
    try {
      return await super.read((tx) => work(this.#timed(tx)), opts);
    } finally {
      this.readWall += performance.now() - s;
    }
  }

  /** Statement time inside write transactions (reads excluded). */
  get statementsInWrites(): number {
    return [...this.spent].filter(([k]) => !k.startsWith('read:')).reduce((n, [, s]) => n + s.ms, 0);
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined without /proc. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The 1-minute load average, as the figures are reported with it. */
export const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * Neo4j's query collector (db.stats, Community too): compile and execution time of each statement
 * as Neo4j counts them. A statement planned again for new parameter shapes shows compile time.
 */
export const collector = {
  async start(executor: Executor): Promise<void> {
    await executor.autoCommit("CALL db.stats.stop('QUERIES')");
    await executor.autoCommit("CALL db.stats.clear('QUERIES')");
    await executor.autoCommit("CALL db.stats.collect('QUERIES', {maxInvocations: 10000})");
  },
  /** Compile and execution milliseconds per statement kind, and invocations. */
  async stop(executor: Executor): Promise<Map<string, { compileMs: number; executeMs: number; count: number }>> {
    await executor.autoCommit("CALL db.stats.stop('QUERIES')");
    const rows = await executor.read(async (tx) => (await tx.run("CALL db.stats.retrieve('QUERIES') YIELD data RETURN data")).records);
    const out = new Map<string, { compileMs: number; executeMs: number; count: number }>();
    for (const r of rows) {
      const data = r.get('data') as {
        query: string;
        invocations: { compileTime?: unknown; elapsedCompileTimeInUs?: unknown; elapsedExecutionTimeInUs?: unknown }[];
      };
      const kind = statementKind(data.query);
      const s = out.get(kind) ?? { compileMs: 0, executeMs: 0, count: 0 };
      for (const i of data.invocations ?? []) {
        s.compileMs += Number(i.elapsedCompileTimeInUs ?? 0) / 1000;
        s.executeMs += Number(i.elapsedExecutionTimeInUs ?? 0) / 1000;
        s.count++;
      }
      out.set(kind, s);
    }
    await executor.autoCommit("CALL db.stats.clear('QUERIES')");
    return out;
  },
};

export interface Phase<T> {
  result: T;
  wallMs: number;
  /** CPU seconds of Neo4j's process (when its pid is known) and of this process (all its threads). */
  neo4jCpu?: number;
  selfCpu: number;
  compiled: Map<string, { compileMs: number; executeMs: number; count: number }>;
}

/**
 * Runs one phase of a benchmark with the CPU of both processes counted and, with `collect`, Neo4j's
 * query collector on. The collector keeps every invocation's parameters in Neo4j's heap (about 1 MB
 * a transaction here): fine for 1,000 briefs, not for 10,000.
 */
export async function phase<T>(executor: Executor, neo4jPid: number | undefined, collect: boolean, run: () => Promise<T>): Promise<Phase<T>> {
  if (collect) await collector.start(executor);
  const n0 = neo4jPid ? cpuSeconds(neo4jPid) : undefined;
  const c0 = process.cpuUsage();
  const s = performance.now();
  const result = await run();
  const wallMs = performance.now() - s;
  const c1 = process.cpuUsage(c0);
  const n1 = neo4jPid ? cpuSeconds(neo4jPid) : undefined;
  const compiled = collect ? await collector.stop(executor) : new Map<string, { compileMs: number; executeMs: number; count: number }>();
  return { result, wallMs, ...(n0 !== undefined && n1 !== undefined ? { neo4jCpu: n1 - n0 } : {}), selfCpu: (c1.user + c1.system) / 1e6, compiled };
}

/** The breakdown of one phase, per brief and in all, statement kinds by time spent. */
export function printPhase(title: string, timed: TimedExecutor, p: Phase<unknown>, briefs: number): void {
  const per = (ms: number) => `${(ms / briefs).toFixed(2).padStart(7)} ms/brief`;
  const row = (label: string, ms: number, extra = '') => console.log(`   ${label.padEnd(36)}${(ms / 1000).toFixed(2).padStart(8)} s ${per(ms)}${extra}`);
  console.log(`${title} (load average ${loadAverage()}):`);
  row('wall', p.wallMs);
  row('inside write transactions', timed.writeWall, ` (${timed.writes} transactions)`);
  row('no write transaction open', p.wallMs - timed.writeWall);
  for (const [kind, s] of [...timed.spent].sort((a, b) => b[1].ms - a[1].ms)) {
    const c = p.compiled.get(kind);
    row(`  ${kind}`, s.ms, ` ×${s.count}${c ? `; Neo4j: compile ${(c.compileMs / 1000).toFixed(2)} s, execute ${(c.executeMs / 1000).toFixed(2)} s` : ''}`);
  }
  row('  commit and round trips (writes)', timed.writeWall - timed.statementsInWrites);
  row('reads (wall, beside the writes)', timed.readWall);
  console.log(`   CPU: Neo4j ${p.neo4jCpu?.toFixed(1) ?? '?'} s, this process ${p.selfCpu.toFixed(1)} s (all its threads)`);
}
