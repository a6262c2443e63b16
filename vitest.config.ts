import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'client/**/*.test.ts'],
          environment: 'node',
          // A guard against a hang, not a budget: vitest's 5 s default failed formats.test.ts's
          // first web page (jsdom loading) at 5.6 s, load average 30 on two cores (issue 28).
          testTimeout: 60_000,
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
          // The files that start a Neo4j of their own (and neo4j-admin) run it with the JIT's first
          // tier only: a start costs half the CPU (user 6.5–6.9 s against 11.4–15.6 s, load 10-17)
          // and ends in 14–17 s instead of 36–41 s. Their queries are few and short, so the
          // slower compiled code never shows. The shared database (global setup) is not affected.
          env: { JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1' },
        },
      },
    ],
  },
});
