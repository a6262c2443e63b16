import { defineConfig } from 'vitest/config';

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
          environment: 'node',
          globalSetup: ['test/setup/neo4j.global.ts'],
          // One shared database: files run one after another so they can clean the graph freely.
          fileParallelism: false,
          // Tests that start and stop their own Neo4j twice took 135-220 s on a loaded two-core machine.
          testTimeout: 300_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
