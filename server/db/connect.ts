import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { Availability } from './availability.js';
import { findRunning, LocalNeo4jError, startLocalNeo4j, type LocalNeo4j } from './local.js';
import { enableTcpNoDelay } from './nodelay.js';
import { answersQueries } from './responsive.js';
import { LocalSupervisor } from './supervisor.js';

export interface Database {
  driver: Driver;
  uri: string;
  /** undefined: the server's default database. */
  database: string | undefined;
  /** How the connection was made, for the start-up message. */
  origin: 'configured' | 'running-local' | 'started-local';
  /** Up, down or restarting: lets the API answer outages at once (see Availability). */
  availability: Availability;
  /** Only for a configured NEO4J_URI: a direct driver to one cluster member (Executor.readOnEveryMember). */
  memberDriver?: (address: string) => Driver;
  /** Only for 'started-local': restarts the bundled Neo4j when it dies. */
  supervisor?: LocalSupervisor;
  /** Closes the driver, and stops the local Neo4j if this process started it. */
  close(): Promise<void>;
}

/** Pool settings that differ between the app's own queries and the analysts' console. */
export interface PoolOptions {
  maxConnectionPoolSize: number;
  connectionAcquisitionTimeout: number;
  /** Records per Bolt pull: small for the console, so one batch of huge rows stays small. */
  fetchSize?: number;
  /** Integers arrive as Neo4j Integers, not JS numbers: the console returns any value exactly. */
  losslessIntegers?: boolean;
}

const APP_POOL: PoolOptions = { maxConnectionPoolSize: 50, connectionAcquisitionTimeout: 20_000 };

/**
 * The console's own pool: console queries never take connections that search, details and
 * health need. One more connection than queries allowed at once, for the app's terminate call.
 */
export const consolePool = (maxConcurrent: number): PoolOptions => ({
  maxConnectionPoolSize: maxConcurrent + 1,
  connectionAcquisitionTimeout: 2_000,
  fetchSize: 10,
  // An analyst's `RETURN 9007199254740993` must not come back as …992 (toJson writes it as a string).
  losslessIntegers: true,
});

export function createDriver(uri: string, config: Pick<Config, 'NEO4J_USER' | 'NEO4J_PASSWORD'>, pool: PoolOptions = APP_POOL): Driver {
  enableTcpNoDelay();
  const { losslessIntegers, ...poolConfig } = pool;
  return neo4j.driver(uri, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    // The app's own queries get JS numbers: ids and counts in this graph never exceed 2^53.
    disableLosslessIntegers: !losslessIntegers,
    ...poolConfig,
    // A server that accepts no connection within this is as good as down for an HTTP request.
    connectionTimeout: 10_000,
    // Only writes retry (Executor.read makes one attempt), so an outage costs the importer
    // a few seconds but never keeps an HTTP request waiting.
    maxTransactionRetryTime: 5_000,
  });
}

/** A configured NEO4J_URI that does not answer, or refuses the credentials, fails within this. */
export const CONNECT_TIMEOUT_MS = 5_000;

export class Neo4jConnectError extends Error {
  constructor(
    readonly kind: 'unauthorized' | 'unreachable',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'Neo4jConnectError';
  }
}

/**
 * A configured server is running already (unlike the bundled one, which may be booting): wrong
 * credentials fail at the first answer, no answer fails after CONNECT_TIMEOUT_MS, each saying
 * what to fix.
 */
async function reachConfigured(driver: Driver, uri: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const left = deadline - Date.now();
    try {
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(left, 0))));
      if ((await Promise.race([driver.verifyConnectivity().then(() => 'ok' as const), timedOut])) === 'ok') return;
      break;
    } catch (err) {
      last = err;
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('Neo.ClientError.Security.')) {
        throw new Neo4jConnectError(
          'unauthorized',
          `Neo4j at ${uri} refused the credentials (${code}). Set NEO4J_USER and NEO4J_PASSWORD to a user of that server (or unset NEO4J_URI to use the bundled Neo4j).`,
          { cause: err },
        );
      }
      if (Date.now() + 500 >= deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      clearTimeout(timer);
    }
  }
  throw new Neo4jConnectError(
    'unreachable',
    `Cannot reach Neo4j at ${uri} within ${timeoutMs / 1000} s${last ? `: ${(last as Error).message}` : ''}. Check that it runs and that NEO4J_URI names its Bolt address and port (bolt:// or neo4j://, +s for TLS), or unset NEO4J_URI to use the bundled Neo4j.`,
    { cause: last },
  );
}

const availabilityOf = (driver: Driver) => new Availability(() => driver.verifyConnectivity());

/** Waits until Bolt answers, retrying while a just-started server finishes booting. */
export async function waitForConnectivity(driver: Driver, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await driver.verifyConnectivity();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * The one rule every tool follows: NEO4J_URI if set; else the bundled Neo4j already running on
 * the configured data folder; else start the bundled Neo4j as a child of this process.
 */
export async function connectDatabase(config: Config, log: (msg: string) => void = (m) => console.error(m)): Promise<Database> {
  const database = config.NEO4J_DATABASE;
  if (config.NEO4J_URI) {
    const driver = createDriver(config.NEO4J_URI, config);
    try {
      await reachConfigured(driver, config.NEO4J_URI);
    } catch (err) {
      await driver.close();
      throw err;
    }
    const availability = availabilityOf(driver);
    const members = memberDrivers(config.NEO4J_URI, config);
    return {
      driver,
      uri: config.NEO4J_URI,
      database,
      origin: 'configured',
      availability,
      memberDriver: members.get,
      close: async () => {
        await members.close();
        await closeAll(driver, availability);
      },
    };
  }

  const running = findRunning(config.NEO4J_LOCAL_DATA);
  if (running) {
    const driver = createDriver(running.uri, config);
    try {
      await waitForConnectivity(driver, 15_000);
      const availability = availabilityOf(driver);
      return { driver, uri: running.uri, database, origin: 'running-local', availability, close: () => closeAll(driver, availability) };
    } catch {
      await driver.close();
      // The pid is alive but Bolt does not answer (still stopping, or pid reused): start our own,
      // which fails clearly if the store really is locked.
    }
  }

  log(`Starting the bundled Neo4j (data: ${config.NEO4J_LOCAL_DATA}, bolt port ${config.NEO4J_LOCAL_PORT})…`);
  const start = () =>
    startLocalNeo4j({
      port: config.NEO4J_LOCAL_PORT,
      dataDir: config.NEO4J_LOCAL_DATA,
      heap: config.NEO4J_LOCAL_HEAP,
      pagecache: config.NEO4J_LOCAL_PAGECACHE,
      ...(config.NEO4J_LOCAL_TX_MEMORY ? { txMemory: config.NEO4J_LOCAL_TX_MEMORY } : {}),
      ...(config.NEO4J_LOCAL_TX_TOTAL_MEMORY ? { txTotalMemory: config.NEO4J_LOCAL_TX_TOTAL_MEMORY } : {}),
      log,
    });
  const local: LocalNeo4j = await start();
  const driver = createDriver(local.uri, config);
  try {
    await waitForConnectivity(driver, 30_000);
  } catch (err) {
    await driver.close();
    await local.stop();
    throw err;
  }
  const availability = availabilityOf(driver);
  const supervisor = new LocalSupervisor(local, start, availability, log, {
    probe: () => answersQueries(driver, database),
    restartAfterMs: config.NEO4J_LOCAL_UNRESPONSIVE_MS,
  });
  return {
    driver,
    uri: local.uri,
    database,
    origin: 'started-local',
    availability,
    supervisor,
    close: async () => {
      await closeAll(driver, availability);
      await supervisor.stop();
    },
  };
}

/** Direct drivers to cluster members, one per address, made on first use with the same scheme's TLS. */
function memberDrivers(uri: string, config: Pick<Config, 'NEO4J_USER' | 'NEO4J_PASSWORD'>) {
  const tls = /^\w+(\+s|\+ssc)?:/.exec(uri)?.[1] ?? '';
  const drivers = new Map<string, Driver>();
  return {
    get: (address: string): Driver => {
      let d = drivers.get(address);
      if (!d) drivers.set(address, (d = createDriver(`bolt${tls}://${address}`, config, { maxConnectionPoolSize: 2, connectionAcquisitionTimeout: 5_000 })));
      return d;
    },
    close: () => Promise.all([...drivers.values()].map((d) => d.close())).then(() => undefined),
  };
}

async function closeAll(driver: Driver, availability: Availability): Promise<void> {
  availability.close();
  await driver.close();
}

/**
 * For command-line tools: connect by the usual rule, or print why not (with what to do next)
 * and exit — 2 for a missing Java/Maven or bad config, 3 for a locked store, 1 otherwise.
 */
export async function connectOrExit(config: Config): Promise<Database> {
  try {
    return await connectDatabase(config);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(err instanceof LocalNeo4jError ? err.exitCode : 1);
  }
}
