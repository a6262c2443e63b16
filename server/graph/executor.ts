import neo4j, { type Driver, type ManagedTransaction, type Neo4jError } from 'neo4j-driver';

/** Database failures callers can act on; everything else is a bug and propagates as is. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}
export class QueryRejectedError extends Error {
  override name = 'QueryRejectedError';
  constructor(message: string, readonly code: string, readonly kind: 'write-refused' | 'syntax' | 'timeout' | 'client') {
    super(message);
  }
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

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
  if (code.startsWith('Neo.ClientError.')) return new QueryRejectedError(e.message ?? code, code, 'client');
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
 * managed transactions (retried on transient errors), errors mapped by code.
 */
export class Executor {
  constructor(readonly driver: Driver, readonly database?: string) {}

  read<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    return this.#run(neo4j.session.READ, work, opts);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    return this.#run(neo4j.session.WRITE, work, opts);
  }

  /** A statement that must run outside an explicit transaction (schema commands). */
  async autoCommit(query: string, params: Record<string, unknown> = {}): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.run(query, params);
    } catch (err) {
      throw mapDriverError(err);
    } finally {
      await session.close();
    }
  }

  async #run<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
    const config = { timeout: opts.timeoutMs, metadata: opts.metadata };
    try {
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (err) {
      throw mapDriverError(err);
    } finally {
      await session.close();
    }
  }
}
