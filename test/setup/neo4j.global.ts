/**
 * Provides one real Neo4j for the whole integration run, in this order:
 * NEO4J_TEST_URI if set; else a testcontainers Neo4j when a Docker engine answers; else the
 * bundled Neo4j on a free port with a throwaway data folder, stopped at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, pinnedNeo4jVersion, startLocalNeo4j } from '../../server/db/local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
  }
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject) {
  const user = process.env.NEO4J_TEST_USER ?? 'neo4j';
  const password = process.env.NEO4J_TEST_PASSWORD ?? 'test-password';
  if (process.env.NEO4J_TEST_URI) {
    project.provide('neo4jUri', process.env.NEO4J_TEST_URI);
    project.provide('neo4jUser', user);
    project.provide('neo4jPassword', password);
    return;
  }
  if (await dockerAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer(`neo4j:${pinnedNeo4jVersion()}-community`).withPassword(password).start();
    project.provide('neo4jUri', container.getBoltUri());
    project.provide('neo4jUser', container.getUsername());
    project.provide('neo4jPassword', container.getPassword());
    return async () => void (await container.stop());
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-test-neo4j-'));
  // The start timeout is a guard against a hang, not a budget: at load average 34 on two cores this
  // start took more than the launcher's 180 s default, and every file of the run failed (issue 28).
  const local = await startLocalNeo4j({ port: await freePort(), dataDir, heap: '2g', pagecache: '512m', startTimeoutMs: 900_000, log: () => {} });
  project.provide('neo4jUri', local.uri);
  project.provide('neo4jUser', user);
  project.provide('neo4jPassword', password);
  return async () => {
    await local.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
