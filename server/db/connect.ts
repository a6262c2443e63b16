import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { findRunning, LocalNeo4jError, startLocalNeo4j, type LocalNeo4j } from './local.js';
import { enableTcpNoDelay } from './nodelay.js';

export interface Database {
  driver: Driver;
  uri: string;
  /** undefined: the server's default database. */
  database: string | undefined;
  /** How the connection was made, for the start-up message. */
  origin: 'configured' | 'running-local' | 'started-local';
  /** Closes the driver, and stops the local Neo4j if this process started it. */
  close(): Promise<void>;
}

export function createDriver(uri: string, config: Pick<Config, 'NEO4J_USER' | 'NEO4J_PASSWORD'>): Driver {
  enableTcpNoDelay();
  return neo4j.driver(uri, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    // Integers arrive as JS numbers when safe; ids and counts in this graph never exceed 2^53.
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 20_000,
    maxTransactionRetryTime: 5_000,
  });
}

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
      await waitForConnectivity(driver, 30_000);
    } catch (err) {
      await driver.close();
      throw new Error(`Cannot reach Neo4j at ${config.NEO4J_URI}: ${(err as Error).message}. Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or unset NEO4J_URI to use the bundled Neo4j.`);
    }
    return { driver, uri: config.NEO4J_URI, database, origin: 'configured', close: () => driver.close() };
  }

  const running = findRunning(config.NEO4J_LOCAL_DATA);
  if (running) {
    const driver = createDriver(running.uri, config);
    try {
      await waitForConnectivity(driver, 15_000);
      return { driver, uri: running.uri, database, origin: 'running-local', close: () => driver.close() };
    } catch {
      await driver.close();
      // The pid is alive but Bolt does not answer (still stopping, or pid reused): start our own,
      // which fails clearly if the store really is locked.
    }
  }

  log(`Starting the bundled Neo4j (data: ${config.NEO4J_LOCAL_DATA}, bolt port ${config.NEO4J_LOCAL_PORT})…`);
  const local: LocalNeo4j = await startLocalNeo4j({
    port: config.NEO4J_LOCAL_PORT,
    dataDir: config.NEO4J_LOCAL_DATA,
    heap: config.NEO4J_LOCAL_HEAP,
    pagecache: config.NEO4J_LOCAL_PAGECACHE,
    log,
  });
  const driver = createDriver(local.uri, config);
  try {
    await waitForConnectivity(driver, 30_000);
  } catch (err) {
    await driver.close();
    await local.stop();
    throw err;
  }
  return {
    driver,
    uri: local.uri,
    database,
    origin: 'started-local',
    close: async () => {
      await driver.close();
      await local.stop();
    },
  };
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
