import neo4j, { type Driver, type ManagedTransaction, type Neo4jError, type SessionMode } from 'neo4j-driver';
import type { Availability } from '../db/availability.js';

/** Database failures callers can act on; everything else is a bug and propagates as is. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(
    message: string,
    readonly restarting = false,
  ) {
    super(message);
  }
}
export class QueryRejectedError extends Error {
  override name = 'QueryRejectedError';
  constructor(
    message: string,
    readonly code: string,
    readonly kind: 'write-refused' | 'syntax' | 'timeout' | 'memory' | 'client' | 'busy',
  ) {
    super(message);
  }
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export const POOL_BUSY = 'PolicyGraph.Pool.AcquisitionTimeout';

/** Maps driver errors by code (never by message text) to the errors above. */
export function mapDriverError(err: unknown): unknown {
  const e = err as Partial<Neo4jError> & { code?: string; message?: string };
  const code = e?.code ?? '';
  if (UNAVAILABLE.has(code)) return new DatabaseUnavailableError(`Neo4j is not reachable: ${e.message ?? code}`);
  if (code === 'Neo.ClientError.Statement.AccessMode' || code === 'Neo.ClientError.Security.Forbidden') {
    return new QueryRejectedError(e.message ?? 'write refused', code, 'write-refused');
  }
  if (code === 'Neo.ClientError.Statement.SyntaxError') return new QueryRejectedError(e.message ?? 'syntax error', code, 'syntax');
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
    return new QueryRejectedError(e.message ?? 'timed out', code, 'timeout');
  }
  if (code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' || code === 'Neo.TransientError.General.OutOfMemoryError') {
    return new QueryRejectedError(e.message ?? code, code, 'memory');
  }
  if (code.startsWith('Neo.ClientError.')) return new QueryRejectedError(e.message ?? code, code, 'client');
  // Every pooled connection stayed busy for connectionAcquisitionTimeout: load, not an outage, so
  // not DatabaseUnavailableError (that would mark the database down for everyone). The driver
  // gives this error no code of its own (neo4j-driver-core, Pool.getAcquisitionTimeoutError), so
  // its text is all there is; test/int/api-limits.int.test.ts holds it against the real driver.
  if (code === 'N/A' && e.message?.startsWith('Connection acquisition timed out')) return new QueryRejectedError(e.message, POOL_BUSY, 'busy');
  return err;
}

export interface TxOptions {
  /** Server-side transaction timeout. */
  timeoutMs?: number;
  /** Shown in SHOW TRANSACTIONS and the query log, so an operator sees which feature ran what. */
  metadata?: Record<string, string>;
}

/**
 * All database access goes through here: one session per unit of work, closed in `finally`,
 * errors mapped by code. Writes are managed transactions, retried on transient errors; reads
 * make one attempt, because they answer a person who can retry, and a retry loop in front of an
 * outage would keep every request waiting. While `availability` says the database is down or
 * restarting, work is refused at once.
 */
export class Executor {
  constructor(
    readonly driver: Driver,
    readonly database?: string,
    readonly availability?: Availability,
    /** A direct (bolt://) driver to one member of a cluster, by address; see readOnEveryMember. */
    readonly memberDriver?: (address: string) => Driver,
  ) {}

  /**
   * A read on each member of the cluster, for what only the member itself knows (its running
   * transactions: SHOW TRANSACTIONS lists those of the server it runs on). Members come from
   * the routing table; a standalone server, or no memberDriver, is one member, read as usual.
   */
  async readOnEveryMember<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T[]> {
    const members = this.memberDriver ? await this.#members() : [];
    if (members.length <= 1) return [await this.read(work, opts)];
    return Promise.all(
      members.map(async (address) => {
        const session = this.memberDriver!(address).session({ database: this.database, defaultAccessMode: neo4j.session.READ });
        try {
          return await session.executeRead(work, { timeout: opts.timeoutMs, metadata: opts.metadata });
        } catch (err) {
          throw mapDriverError(err);
        } finally {
          await session.close();
        }
      }),
    );
  }

  /** Every address in the routing table (readers, writers, routers) of the app's database. */
  async #members(): Promise<string[]> {
    const tables = await this.read((tx) => tx.run('CALL dbms.routing.getRoutingTable({}, $db) YIELD servers RETURN servers', { db: this.database ?? null }), {
      timeoutMs: 5000,
      metadata: { app: 'policy-graph', feature: 'cluster-members' },
    });
    const servers = (tables.records[0]?.get('servers') ?? []) as { addresses: string[] }[];
    return [...new Set(servers.flatMap((s) => s.addresses))];
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    return this.#guarded(async () => {
      const session = this.#session(neo4j.session.READ);
      try {
        const tx = await session.beginTransaction({ timeout: opts.timeoutMs, metadata: opts.metadata });
        // A Transaction offers everything a ManagedTransaction does (run); work never commits.
        const result = await work(tx as unknown as ManagedTransaction);
        await tx.commit();
        return result;
      } finally {
        await session.close();
      }
    });
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    return this.#guarded(async () => {
      const session = this.#session(neo4j.session.WRITE);
      try {
        return await session.executeWrite(work, { timeout: opts.timeoutMs, metadata: opts.metadata });
      } finally {
        await session.close();
      }
    });
  }

  /** A statement that must run outside an explicit transaction (schema commands). */
  async autoCommit(query: string, params: Record<string, unknown> = {}): Promise<void> {
    const session = this.#session(neo4j.session.WRITE);
    try {
      await session.run(query, params);
    } catch (err) {
      throw mapDriverError(err);
    } finally {
      await session.close();
    }
  }

  /**
   * Every session of the app shares the driver's one bookmark manager: on a cluster a read
   * waits until its member has seen the app's last write (a correction shows at once), not only
   * reads in the same session.
   */
  #session(defaultAccessMode: SessionMode) {
    return this.driver.session({ database: this.database, defaultAccessMode, bookmarkManager: this.driver.executeQueryBookmarkManager });
  }

  /** Throws at once while the database is known to be down or restarting. */
  assertAvailable(): void {
    const state = this.availability?.state ?? 'up';
    if (state !== 'up') {
      throw new DatabaseUnavailableError(state === 'restarting' ? 'Neo4j is restarting' : 'Neo4j is not reachable', state === 'restarting');
    }
  }

  /** Tells availability about an outage seen on this or another connection (the console's). */
  noteFailure(err: unknown): void {
    if (err instanceof DatabaseUnavailableError) this.availability?.failed();
  }

  async #guarded<T>(run: () => Promise<T>): Promise<T> {
    this.assertAvailable();
    try {
      return await run();
    } catch (err) {
      const mapped = mapDriverError(err);
      this.noteFailure(mapped);
      throw mapped;
    }
  }
}
