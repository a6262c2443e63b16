import { defineConfig } from 'vitest/config';

// Files that start and stop their own Neo4j (crashes, restarts, backups): they never touch the
// shared test database, so they run beside the integration files instead of after them. Alone,
// they were half of the suite's time.
const OWN_NEO4J = ['import-faults', 'backup', 'local-neo4j', 'supervision', 'recovery'].map((f) => `test/int/${f}.int.test.ts`);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'client/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/int/**/*.int.test.ts'],
          exclude: OWN_NEO4J,
          environment: 'node',
          globalSetup: ['test/setup/neo4j.global.ts'],
          // One shared database: files run one after another so they can clean the graph freely.
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'own-neo4j',
          include: OWN_NEO4J,
          environment: 'node',
          // One at a time: two more JVMs at once would starve a two-core machine.
          fileParallelism: false,
          // Tests that start and stop their own Neo4j twice took 135-220 s on a loaded two-core machine.
          testTimeout: 300_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
