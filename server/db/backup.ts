/**
 * Backups of the bundled Neo4j with neo4j-admin (`org.neo4j.cli.AdminTool`, in the same jars):
 * `database dump` and `database load` work on a stopped store only, so both refuse while an
 * instance started by our tools serves the data folder.
 *
 * Layout: db/Launcher.java uses NEO4J_LOCAL_DATA as the DBMS home, so the store is
 * `<data>/data/databases/neo4j` with its transaction logs in `<data>/data/transactions/neo4j`,
 * exactly where neo4j-admin looks when NEO4J_HOME is the data folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureJars, findRunning, jarDir, LocalNeo4jError } from './local.js';

/** The database the app uses; the system database is recreated on the next start. */
const DATABASE = 'neo4j';

export interface BackupOptions {
  dataDir: string;
  log?: (msg: string) => void;
}

/** Stopping hint for a running instance, with the process id that holds the store. */
function refuseIfRunning(dataDir: string, action: string): void {
  const running = findRunning(dataDir);
  if (!running) return;
  throw new LocalNeo4jError(
    `The bundled Neo4j is running on ${dataDir} (${running.uri}, pid ${running.pid}); neo4j-admin can ${action} only a stopped store.\n` +
      `Stop it first: Ctrl-C in the terminal that runs \`npm run db\` or \`npm start\`, or \`kill ${running.pid}\`. Then run this command again.`,
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
  refuseIfRunning(dataDir, 'dump');
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

/** Loads the dump file `from` into `dataDir`; an existing database is replaced only with `force`. */
export function loadDatabase({ dataDir, from, force = false, log = (m) => console.error(m) }: BackupOptions & { from: string; force?: boolean }): void {
  const source = path.resolve(from);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new LocalNeo4jError(`No dump file at ${from}.`, 2);
  refuseIfRunning(dataDir, 'load into');
  if (hasDatabase(dataDir) && !force) {
    throw new LocalNeo4jError(
      `${dataDir} already holds a database. Add --force to replace it (dump it first if you may want it back), or set NEO4J_LOCAL_DATA to a new folder.`,
      2,
    );
  }
  ensureJars(log);
  fs.mkdirSync(dataDir, { recursive: true });
  // neo4j-admin reads <folder>/<database>.dump; link the file under that name in a scratch folder.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-load-'));
  try {
    fs.symlinkSync(source, path.join(scratch, `${DATABASE}.dump`));
    log(`Loading ${from} into ${dataDir}…`);
    adminTool(dataDir, ['database', 'load', DATABASE, `--from-path=${scratch}`, ...(force ? ['--overwrite-destination=true'] : [])]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
