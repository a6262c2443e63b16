/**
 * The bookkeeping that lets `db:load` replace a store without ever destroying it: the dump is
 * loaded into a staging home inside the data folder (same file system, so swapping is a rename),
 * and the live store moves aside only once the new one has opened and answered.
 *
 * Inside the data folder (NEO4J_LOCAL_DATA):
 *   data/          the live store (databases/, transactions/), as Neo4j expects under its home
 *   .restore/      the staging home while a restore runs; removed when it ends
 *   .restore.json  the lock, {pid, phase}; phase "swapping" while data/ is being replaced
 *   replaced/      the data/ folder that the last restore replaced, kept until the next one
 *
 * A restore killed at any point is settled by the next `db:load` or start of the bundled Neo4j:
 * cut before the swap, the staging home is dropped; cut between the two renames of the swap, the
 * old store is put back. The live store is therefore always whole at `data/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LocalNeo4jError, storeHolder } from './local.js';
import { processAlive } from '../alive.js';

const LOCK = '.restore.json';
const STAGING = '.restore';
/** Where the store that the last restore replaced is kept, inside the data folder. */
export const REPLACED = 'replaced';
/** The live store's folder inside the data folder (Neo4j's `data/` under its home). */
const LIVE = 'data';
/** The old store during the swap, inside the staging home. */
const OUTGOING = 'outgoing';

type Phase = 'loading' | 'swapping';
interface Lock {
  pid: number;
  phase: Phase;
}

export interface Restore {
  /** A DBMS home of its own: load and open the new store here. */
  staging: string;
  /** Moves the staged store to `data/` and the live one aside; returns where the old one went. */
  swap(): string | undefined;
  /** Completes or rolls back the swap, removes the staging home and the lock. */
  end(): void;
}

function readLock(home: string): Lock | undefined {
  try {
    const lock = JSON.parse(fs.readFileSync(path.join(home, LOCK), 'utf8')) as Partial<Lock>;
    if (typeof lock.pid === 'number' && (lock.phase === 'loading' || lock.phase === 'swapping')) return { pid: lock.pid, phase: lock.phase };
  } catch {
    // unreadable: treated as no lock; a torn write can only happen before anything was moved
  }
  return undefined;
}

function writeLock(home: string, lock: Lock): void {
  // Rename over the lock, so a reader never sees half a phase.
  const tmp = path.join(home, `${LOCK}.${process.pid}`);
  fs.writeFileSync(tmp, JSON.stringify(lock));
  fs.renameSync(tmp, path.join(home, LOCK));
}

/** Finishes what a restore left, whoever ran it; returns a line for the log when it moved a store. */
function cleanUp(home: string, phase: Phase | undefined): string | undefined {
  const live = path.join(home, LIVE);
  const outgoing = path.join(home, STAGING, OUTGOING);
  let note: string | undefined;
  if (phase === 'swapping' && fs.existsSync(outgoing)) {
    if (!fs.existsSync(live)) {
      fs.renameSync(outgoing, live);
      note = `A restore into ${home} stopped halfway through swapping stores; the store it was replacing is back in place.`;
    } else {
      const replaced = path.join(home, REPLACED);
      fs.rmSync(replaced, { recursive: true, force: true });
      fs.renameSync(outgoing, replaced);
    }
  }
  fs.rmSync(path.join(home, STAGING), { recursive: true, force: true });
  fs.rmSync(path.join(home, LOCK), { force: true });
  return note;
}

/**
 * Settles a restore that was killed (see the module comment). Throws (exit 3) while a restore
 * into `dataDir` is running in another process. Returns a line for the log when it put a store back.
 */
export function settleRestore(dataDir: string): string | undefined {
  const home = path.resolve(dataDir);
  const lock = readLock(home);
  if (lock && lock.pid !== process.pid && processAlive(lock.pid)) {
    throw new LocalNeo4jError(
      `A restore into ${dataDir} is under way (npm run db:load, pid ${lock.pid}). Wait for it to finish, then run this command again. ` +
        `Stopping it (\`kill ${lock.pid}\`) keeps the graph that is there.`,
      3,
    );
  }
  // A verifying Neo4j outlives a killed db:load until it is ready (it then sees its stdin closed).
  const orphan = storeHolder(path.join(home, STAGING));
  if (orphan !== undefined) {
    throw new LocalNeo4jError(
      `A Neo4j (pid ${orphan}) that an interrupted restore started is still running on ${path.join(dataDir, STAGING)}; it stops by itself within a minute. ` +
        `Wait, or \`kill ${orphan}\`, then run this command again.`,
      3,
    );
  }
  if (!lock && !fs.existsSync(path.join(home, STAGING))) return undefined;
  return cleanUp(home, lock?.phase);
}

/** Takes the restore lock on `dataDir` and creates an empty staging home in it. */
export function beginRestore(dataDir: string, log: (msg: string) => void): Restore {
  const home = path.resolve(dataDir);
  const note = settleRestore(home);
  if (note) log(note);
  fs.mkdirSync(home, { recursive: true });
  try {
    fs.writeFileSync(path.join(home, LOCK), JSON.stringify({ pid: process.pid, phase: 'loading' } satisfies Lock), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new LocalNeo4jError(`Another restore into ${dataDir} started at the same moment. Wait for it to finish, then run this command again.`, 3);
  }
  const staging = path.join(home, STAGING);
  fs.mkdirSync(staging);
  let phase: Phase = 'loading';
  return {
    staging,
    swap() {
      phase = 'swapping';
      writeLock(home, { pid: process.pid, phase });
      const live = path.join(home, LIVE);
      const had = fs.existsSync(live);
      if (had) fs.renameSync(live, path.join(staging, OUTGOING));
      fs.renameSync(path.join(staging, LIVE), live);
      return had ? path.join(home, REPLACED) : undefined;
    },
    end() {
      cleanUp(home, phase);
    },
  };
}
