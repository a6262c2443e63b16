/**
 * Backups of the bundled Neo4j with neo4j-admin (`org.neo4j.cli.AdminTool`, in the same jars):
 * `database dump` and `database load` work on a stopped store only, so both refuse while a
 * Neo4j serves the data folder. A load goes into a staging home and replaces the live store only
 * once it opened and answered (restore.ts), so a bad dump never costs the graph that is there.
 *
 * Layout: db/Launcher.java uses NEO4J_LOCAL_DATA as the DBMS home, so the store is
 * `<data>/data/databases/neo4j` with its transaction logs in `<data>/data/transactions/neo4j`,
 * exactly where neo4j-admin looks when NEO4J_HOME is the data folder. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { graphCounts } from '../graph/counts.js';
import { createDriver } from './connect.js';
import { ensureJars, findRunning, freePort, jarDir, LocalNeo4jError, pinnedNeo4jVersion, startLocalNeo4j, storeHolder } from './local.js';
import { beginRestore, REPLACED, settleRestore } from './restore.js';

/** The database the app uses; the system database is recreated on the next start. */
const DATABASE = 'neo4j';

export interface BackupOptions {
  dataDir: string;
  log?: (msg: string) => void;
}

/** Stopping hint for a running instance, with the process id that holds the store. `rule` says why it must stop. */
function refuseIfRunning(dataDir: string, rule: string): void {
  const running = findRunning(dataDir);
  const holder = running?.pid ?? storeHolder(dataDir);
  if (holder === undefined) return;
  const what = running
    ? `The bundled Neo4j is running on ${dataDir} (${running.uri}, pid ${holder})`
    : `A Neo4j process (pid ${holder}) holds the store in ${dataDir}`;
  throw new LocalNeo4jError(
    `${what}; ${rule}.\n` +
      `Stop it first: Ctrl-C in the terminal that runs \`npm run db\` or \`npm start\`, or \`kill ${holder}\`. Then run this command again.`,
    3,
  );
}

/** True when the data folder already holds the app's database. */
export function hasDatabase(dataDir: string): boolean {
  const store = path.join(path.resolve(dataDir), 'data', 'databases', DATABASE);
  return fs.existsSync(store) && fs.readdirSync(store).length > 0;
}

function adminTool(dataDir: string, args: string[]): void {
  // An empty config: neo4j-admin then reads the store under NEO4J_HOME with default settings.
  const conf = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-admin-conf-'));
  try {
    fs.writeFileSync(path.join(conf, 'neo4j.conf'), '');
    const r = spawnSync('java', ['-Xmx1g', '-cp', `${jarDir}${path.sep}*`, 'org.neo4j.cli.AdminTool', ...args], {
      env: { ...process.env, NEO4J_HOME: path.resolve(dataDir), NEO4J_CONF: conf },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw new LocalNeo4jError(`Could not run java: ${r.error.message}`, 2);
    if (r.status !== 0) {
      const out = `${r.stdout}\n${r.stderr}`
        .trim()
        .split('\n')
        .filter((l) => !/^Files: /.test(l))
        .slice(-15)
        .join('\n');
      throw new LocalNeo4jError(`neo4j-admin ${args.slice(0, 2).join(' ')} failed (exit ${r.status}):\n${out}`, 1);
    }
  } finally {
    fs.rmSync(conf, { recursive: true, force: true });
  }
}

/** Writes the app's database in `dataDir` to the dump file `out` (replaced if it exists). */
export function dumpDatabase({ dataDir, out, log = (m) => console.error(m) }: BackupOptions & { out: string }): { bytes: number } {
  refuseIfRunning(dataDir, 'neo4j-admin can dump only a stopped store');
  // Not while a restore may swap the store away underneath (and not from a swap cut in half).
  const settled = settleRestore(dataDir);
  if (settled) log(settled);
  if (!hasDatabase(dataDir)) throw new LocalNeo4jError(`No database in ${dataDir}: nothing to dump. Is NEO4J_LOCAL_DATA the folder the app uses?`, 2);
  ensureJars(log);
  const target = path.resolve(out);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // neo4j-admin names the file after the database; dump into a scratch folder beside the target, then rename.
  const scratch = fs.mkdtempSync(path.join(path.dirname(target), '.dump-'));
  try {
    log(`Dumping ${dataDir} to ${out}…`);
    adminTool(dataDir, ['database', 'dump', DATABASE, `--to-path=${scratch}`]);
    fs.renameSync(path.join(scratch, `${DATABASE}.dump`), target);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { bytes: fs.statSync(target).size };
}

export interface LoadOptions extends BackupOptions {
  from: string;
  /** Replace the database that the data folder holds (it is kept in `replaced/`). */
  force?: boolean;
  /** Memory of the Neo4j that opens the loaded store before it goes live. */
  heap?: string;
  pagecache?: string;
}

export interface Loaded {
  /** What the loaded store answered before the swap. */
  counts: { nodes: number; relationships: number };
  /** Where the store it replaced is kept, if there was one. */
  replaced?: string;
}

/**
 * Loads the dump file `from` into `dataDir` without ever destroying the graph there: the dump is
 * loaded into a staging home beside the live store, opened and counted, and only then swapped in
 * (see restore.ts). On any failure the live store is untouched and the error says why.
 */
export async function loadDatabase({
  dataDir,
  from,
  force = false,
  heap = '512m',
  pagecache = '128m',
  log = (m) => console.error(m),
}: LoadOptions): Promise<Loaded> {
  const source = path.resolve(from);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new LocalNeo4jError(`No dump file at ${from}.`, 2);
  if (fs.statSync(source).size === 0) throw new LocalNeo4jError(`${from} is empty: not a Neo4j dump. ${UNCHANGED(dataDir)}`, 2);
  refuseIfRunning(dataDir, 'a restore replaces only a stopped store');
  if (hasDatabase(dataDir) && !force) {
    throw new LocalNeo4jError(
      `${dataDir} already holds a database. Add --force to replace it (it is kept in ${path.join(dataDir, REPLACED)} until the next restore), or set NEO4J_LOCAL_DATA to a new folder.`,
      2,
    );
  }
  ensureJars(log);
  const restore = beginRestore(dataDir, log);
  // neo4j-admin reads <folder>/<database>.dump; link the file under that name in a scratch folder.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-load-'));
  try {
    fs.symlinkSync(source, path.join(scratch, `${DATABASE}.dump`));
    log(`Loading ${from} into a new store beside ${dataDir}…`);
    try {
      adminTool(restore.staging, ['database', 'load', DATABASE, `--from-path=${scratch}`]);
    } catch (err) {
      throw explainLoadFailure(err, from, dataDir);
    }
    log('Opening the loaded store…');
    const counts = await openAndCount(restore.staging, { heap, pagecache, log }).catch((err: unknown) => {
      // The staging home goes when the restore ends: keep Neo4j's log of the attempt, and do not point into the staging home.
      const kept = keepLog(restore.staging, dataDir);
      const reason = (err as Error).message
        .split('\n')
        .filter((l) => l.trim() && !l.includes(restore.staging) && !/^Neo4j: (shutting down|stopped cleanly)$/.test(l))
        .join('\n');
      if (/No space left on device/i.test(reason)) throw new LocalNeo4jError(`${DISK_FULL(dataDir)} ${UNCHANGED(dataDir)}\n${reason}`, 1);
      throw new LocalNeo4jError(
        `The store loaded from ${from} did not open (${reason}). ` +
          `A dump from another Neo4j version than ${pinnedNeo4jVersion()} (db/pom.xml) needs migrating first (neo4j-admin database migrate); a damaged one, another copy. ` +
          `${kept ? `Neo4j's log of the attempt: ${kept}. ` : ''}${UNCHANGED(dataDir)}`,
        1,
      );
    });
    // Someone may have started Neo4j on the folder while the dump loaded.
    refuseIfRunning(dataDir, 'a restore replaces only a stopped store, so the loaded copy was discarded');
    const replaced = restore.swap();
    return { counts, ...(replaced ? { replaced } : {}) };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    restore.end();
  }
}

const UNCHANGED = (dataDir: string) => `The graph in ${dataDir} is unchanged.`;
const DISK_FULL = (dataDir: string) =>
  `The disk holding ${dataDir} is full: the loaded store needs room beside the live one until the swap. Free some space and run this command again.`;

/** neo4j-admin's failure in words: what is wrong with the file and what to do. */
function explainLoadFailure(err: unknown, from: string, dataDir: string): unknown {
  if (!(err instanceof LocalNeo4jError)) return err;
  const detail = err.message;
  const said = (re: RegExp) => re.test(detail);
  const what = said(/Not a valid Neo4j archive/i)
    ? `${from} is not a Neo4j dump. Load a file written by npm run db:dump (or neo4j-admin database dump).`
    : said(/Truncated|EOFException|Unexpected end|premature end/i)
      ? `${from} is cut short (truncated): it ends before the end of the store. Copy the dump again from where it is kept, or load an older one.`
      : said(/No space left on device/i)
        ? DISK_FULL(dataDir)
        : said(/store version/i)
          ? `${from} holds a store that Neo4j ${pinnedNeo4jVersion()} (db/pom.xml) cannot read: from another Neo4j version, or damaged. Load a dump written by this version (npm run db:dump), or another copy.`
          : `neo4j-admin could not load ${from}. Check that it is a dump of Neo4j ${pinnedNeo4jVersion()} (db/pom.xml).`;
  return new LocalNeo4jError(`${what} ${UNCHANGED(dataDir)}\n${detail}`, err.exitCode);
}

/** Copies the staging home's debug.log to `<data>/logs/restore-debug.log`; returns its path. */
function keepLog(staging: string, dataDir: string): string | undefined {
  const from = path.join(staging, 'logs', 'debug.log');
  if (!fs.existsSync(from)) return undefined;
  const to = path.join(path.resolve(dataDir), 'logs', 'restore-debug.log');
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  return to;
}

/** Opens the store in `home` on a free port, counts its nodes and relationships, and stops it. */
async function openAndCount(home: string, opts: { heap: string; pagecache: string; log: (msg: string) => void }): Promise<Loaded['counts']> {
  const neo = await startLocalNeo4j({ dataDir: home, port: await freePort(), heap: opts.heap, pagecache: opts.pagecache, log: opts.log });
  const driver = createDriver(neo.uri, { NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'unused' });
  try {
    const session = driver.session();
    try {
      return await session.executeRead(graphCounts);
    } finally {
      await session.close();
    }
  } finally {
    await driver.close();
    await neo.stop();
  }
}
