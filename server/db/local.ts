import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fromRoot } from '../paths.js';
import { settleRestore } from './restore.js';

/** Where `mvn dependency:copy-dependencies` puts the Neo4j jars (git-ignored). */
export const jarDir = fromRoot('db/.cache/lib');
const pomFile = fromRoot('db/pom.xml');
const launcherSource = fromRoot('db/Launcher.java');

/**
 * The launcher's classpath entry and main: compiled once (javac), which saves the 5–8 s that a
 * single-file source launch spends compiling on every start and restart. Without javac (a JRE
 * only), the source launch still works.
 *
 * The classes go to a folder named for what they were built from (the source and the jars' names,
 * which carry Neo4j's version), and a folder of that name is never replaced or removed: two
 * tools starting at once (npm test's two runs on a fresh clone) each compile, and the one that
 * loses the rename uses the winner's folder. Replacing one folder in place let the later compile
 * delete the classes that the earlier one's JVM was about to load ("Could not find or load main
 * class Launcher", a CI run on a fresh clone).
 */
export function launcherEntry(source = launcherSource, jars = jarDir): { classpath: string[]; main: string } {
  const key = createHash('sha1')
    .update(fs.readFileSync(source))
    .update(`\0${fs.readdirSync(jars).sort().join('\0')}`)
    .digest('hex')
    .slice(0, 16);
  const classes = path.join(path.dirname(source), '.cache', `classes-${key}`);
  const compiled = () => fs.existsSync(path.join(classes, 'Launcher.class'));
  if (!compiled()) {
    fs.mkdirSync(path.dirname(classes), { recursive: true });
    const tmp = `${classes}.${process.pid}.${Date.now()}`;
    const r = spawnSync('javac', ['-nowarn', '-cp', `${jars}${path.sep}*`, '-d', tmp, source], { stdio: 'ignore' });
    try {
      if (r.status === 0) fs.renameSync(tmp, classes);
    } catch {
      // Another process renamed its folder first (ENOTEMPTY): its classes are the same.
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return compiled() ? { classpath: [classes], main: 'Launcher' } : { classpath: [], main: source };
}

/** Written by db/Launcher.java once the database is ready; removed on clean shutdown. */
export const RUNTIME_FILE = 'policy-graph-neo4j.json';

/** Flags Neo4j's own launcher passes on Java 17 (netty and the page cache use these internals). */
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  // No -XX:+ExitOnOutOfMemoryError: Neo4j answers a query that runs the heap out with
  // Neo.TransientError.General.OutOfMemoryError and carries on, where exiting would take every
  // analyst's session down with it. Memory that Neo4j tracks is capped before that (see below).
];

/**
 * Transaction memory caps (db.memory.transaction.max and dbms.memory.transaction.total.max),
 * sized to the heap unless set: a quarter of it per transaction, half of it for all together.
 * Collecting, sorting and aggregating beyond them fail with MemoryPoolOutOfMemoryError instead
 * of exhausting the heap.
 */
export function transactionMemory(heap: string, perTx?: string, total?: string): { perTx: string; total: string } {
  const mb = Math.max(64, Math.floor(toMegabytes(heap) / 4));
  return { perTx: perTx ?? `${mb}m`, total: total ?? `${mb * 2}m` };
}

function toMegabytes(size: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(size.trim());
  if (!m) throw new LocalNeo4jError(`Not a memory size: "${size}" (expected e.g. 512m or 2g).`, 2);
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return unit === 'g' ? n * 1024 : unit === 'm' ? n : unit === 'k' ? n / 1024 : n / (1024 * 1024);
}

export class LocalNeo4jError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'LocalNeo4jError';
  }
}

const DOCKER_HINT = 'Alternatively run Neo4j with `docker compose up neo4j` and set NEO4J_URI=bolt://127.0.0.1:7687.';

function requireCommand(cmd: string, versionArg: string, what: string): void {
  const r = spawnSync(cmd, [versionArg], { stdio: 'ignore' });
  if (r.error || r.status !== 0) {
    throw new LocalNeo4jError(
      `${what} was not found (\`${cmd}\` is not on PATH). The bundled Neo4j needs Java 17 and Maven: install them (Debian: apt-get install openjdk-17-jdk-headless maven). ${DOCKER_HINT}`,
      2,
    );
  }
}

/** The Neo4j version db/pom.xml pins; the jar cache must hold exactly this one. */
export function pinnedNeo4jVersion(): string {
  const m = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(fs.readFileSync(pomFile, 'utf8'));
  if (!m?.[1]) throw new LocalNeo4jError(`No <neo4j.version> in ${pomFile}.`);
  return m[1];
}

/** True once the pinned version's jars are in place; fetching them is a one-time ~130 MB download. */
export function jarsPresent(): boolean {
  return fs.existsSync(path.join(jarDir, `neo4j-kernel-${pinnedNeo4jVersion()}.jar`));
}

/** Fetches the Neo4j jars with Maven unless they are already cached. Progress goes to stderr. */
export function ensureJars(log: (msg: string) => void = (m) => console.error(m)): void {
  requireCommand('java', '-version', 'Java');
  if (jarsPresent()) return;
  requireCommand('mvn', '-v', 'Maven');
  // Jars of another version (pom.xml was bumped) would share the classpath with the new ones.
  fs.rmSync(jarDir, { recursive: true, force: true });
  log(`Fetching Neo4j jars with Maven into ${path.relative(process.cwd(), jarDir) || jarDir} (first run only)…`);
  const r = spawnSync('mvn', ['-B', '-ntp', '-f', pomFile, 'dependency:copy-dependencies'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !jarsPresent()) {
    throw new LocalNeo4jError(
      `Maven could not fetch the Neo4j jars (exit ${r.status}). Check network access to Maven Central and run \`npm run db:fetch\` again. ${DOCKER_HINT}`,
    );
  }
}

export interface RunningInstance {
  uri: string;
  pid: number;
}

/** The local Neo4j already serving `dataDir` (started by `npm run db` or `npm start`), if any. */
export function findRunning(dataDir: string): RunningInstance | undefined {
  const file = path.join(path.resolve(dataDir), RUNTIME_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const { uri, pid } = (parsed ?? {}) as { uri?: unknown; pid?: unknown };
  if (typeof uri !== 'string' || typeof pid !== 'number') return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale file from a killed process
  }
  return { uri, pid };
}

/**
 * The process holding the store's lock in `dataDir`, read from /proc/locks (Linux): unlike
 * findRunning, it also sees a Neo4j that is still starting, or one that another tool started.
 * undefined when nobody holds it, or where /proc/locks does not exist.
 */
export function storeHolder(dataDir: string): number | undefined {
  let file: fs.Stats;
  let locks: string;
  try {
    file = fs.statSync(path.join(path.resolve(dataDir), 'data', 'databases', 'store_lock'));
    locks = fs.readFileSync('/proc/locks', 'utf8');
  } catch {
    return undefined;
  }
  // "1: POSIX  ADVISORY  WRITE 12819 fe:00:9979937 0 EOF": pid, then major:minor:inode (Linux's dev_t encoding).
  const major = (file.dev >> 8) & 0xfff;
  const minor = (file.dev & 0xff) | ((file.dev >> 12) & 0xfff00);
  for (const line of locks.split('\n')) {
    const m = /\s(\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/.exec(line);
    if (m && Number(m[4]) === file.ino && parseInt(m[2]!, 16) === major && parseInt(m[3]!, 16) === minor) return Number(m[1]);
  }
  return undefined;
}

/** A free TCP port on 127.0.0.1 (for throwaway test databases). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface LocalNeo4jOptions {
  port: number;
  dataDir: string;
  heap: string;
  pagecache: string;
  /** Per-transaction and total transaction memory; default from the heap (transactionMemory). */
  txMemory?: string;
  txTotalMemory?: string;
  /** Foreground mode (`npm run db`): Neo4j's output goes to this terminal. */
  foreground?: boolean;
  /** Give up waiting for "ready" after this long. */
  startTimeoutMs?: number;
  /** Check credentials: user neo4j with this password (tests of refused credentials); default none. */
  authPassword?: string;
  log?: (msg: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  process: ChildProcess;
  /** Stops Neo4j cleanly (SIGTERM → shutdown hook) and waits for it to exit. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts the bundled Neo4j and resolves once it printed its "ready" line. */
export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = opts.log ?? ((m: string) => console.error(m));
  ensureJars(log);
  const dataDir = path.resolve(opts.dataDir);
  // Never open a store while db:load swaps it; put back one that a killed restore left aside.
  const settled = settleRestore(dataDir);
  if (settled) log(settled);
  fs.mkdirSync(dataDir, { recursive: true });
  const txMemory = transactionMemory(opts.heap, opts.txMemory, opts.txTotalMemory);
  const launcher = launcherEntry();
  const args = [
    `-Xms${opts.heap}`,
    `-Xmx${opts.heap}`,
    ...JVM_FLAGS,
    // A child of a Node tool exits when its parent goes away (stdin closes), so no orphan keeps the store locked.
    ...(opts.foreground ? [] : ['-Dlauncher.exitOnStdinClose=true']),
    '-cp',
    [...launcher.classpath, `${jarDir}${path.sep}*`].join(path.delimiter),
    launcher.main,
    '--port',
    String(opts.port),
    '--data',
    dataDir,
    '--pagecache',
    opts.pagecache,
    '--tx-memory',
    txMemory.perTx,
    '--tx-total-memory',
    txMemory.total,
  ];
  const child = spawn('java', args, {
    stdio: ['pipe', 'pipe', opts.foreground ? 'inherit' : 'pipe'],
    // In the environment, not the arguments: a command line is readable by every user.
    env: opts.authPassword ? { ...process.env, LAUNCHER_AUTH_PASSWORD: opts.authPassword } : process.env,
  });
  const stderrTail: string[] = [];
  child.stderr?.on('data', (b: Buffer) => {
    stderrTail.push(b.toString());
    if (stderrTail.length > 50) stderrTail.shift();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(
        new LocalNeo4jError(`Neo4j did not become ready within ${(opts.startTimeoutMs ?? 180_000) / 1000} s. See ${path.join(dataDir, 'logs', 'debug.log')}.`),
      );
    }, opts.startTimeoutMs ?? 180_000);
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      if (opts.foreground) console.log(line);
      const m = /^ready (\S+)/.exec(line);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`Could not run java: ${err.message}. ${DOCKER_HINT}`, 2));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      const detail = stderrTail.join('').trim();
      reject(
        new LocalNeo4jError(
          detail ? detail : `Neo4j exited with code ${code} before it was ready. See ${path.join(dataDir, 'logs', 'debug.log')}.`,
          code === 3 ? 3 : 1,
        ),
      );
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(forced);
    })();
    return stopping;
  };
  return { uri, process: child, stop, exited };
}
