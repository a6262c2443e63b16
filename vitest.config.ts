import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Integration files that start a Neo4j of their own and never touch the shared one (they stop,
 * kill, lock or replace its store): a project of their own, so `npm test` (test/suite.ts) runs
 * them beside the files on the shared database instead of after them (issue 28).
 */
const OWN_NEO4J = ['test/int/backup.int.test.ts', 'test/int/local-neo4j.int.test.ts', 'test/int/neo4j-hardening.int.test.ts'];

/**
 * Files on a second shared database (project 'integration-b'), which `npm test` runs in its side
 * run (after the unit files, one at a time with the own-Neo4j files), beside the first shared
 * database's files: those took 562 s in a row against 336 s for the rest, so the side run idled
 * for four minutes (issue 28). Chosen by the two runs' durations, so both end at about the same
 * time: with import-faults alone here, a loaded run took 1873 s for 'integration' against 1556 s
 * for the side run, and paths-search took 151 s of the former; mcp-reports and migrate-ids-batch followed
 * them when they were added (quiet halves 510 s and 484 s before mcp-reports). Any file on a shared database may
 * move here; re-balance by the two runs' durations (the "Duration" line of each) as they grow.
 */
const SECOND_DATABASE = [
  'test/int/import-faults.int.test.ts',
  'test/int/paths-search.int.test.ts',
  'test/int/mcp-reports.int.test.ts',
  'test/int/migrate-ids-batch.int.test.ts',
];

const integration = {
  environment: 'node',
  // Tests that start and stop their own Neo4j twice took 135-220 s on a loaded two-core machine.
  testTimeout: 300_000,
  hookTimeout: 240_000,
  // The files that start a Neo4j of their own (and neo4j-admin) run it with the JIT's first
  // tier only: a start costs half the CPU (user 6.5–6.9 s against 11.4–15.6 s, load 10-17)
  // and ends in 14–17 s instead of 36–41 s. Their queries are few and short, so the
  // slower compiled code never shows. The shared databases (global setup) are not affected.
  env: { JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1' },
} as const;

/** One Neo4j for the project's files, one file at a time: the files clean the graph freely. */
const sharedDatabase = {
  ...integration,
  // Each project gets a Neo4j of its own from this setup (a free port, a fresh data folder), and
  // its files get that one's address through inject('neo4jUri').
  globalSetup: 'test/setup/neo4j.global.ts',
  fileParallelism: false,
} as const;

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
          ...sharedDatabase,
          name: 'integration',
          include: ['test/int/**/*.int.test.ts'],
          exclude: [...configDefaults.exclude, ...OWN_NEO4J, ...SECOND_DATABASE],
        },
      },
      {
        test: {
          ...sharedDatabase,
          name: 'integration-b',
          include: SECOND_DATABASE,
        },
      },
      {
        test: {
          ...integration,
          name: 'integration-own-neo4j',
          include: OWN_NEO4J,
          // Each start is CPU-heavy: one at a time, beside the shared database's files.
          fileParallelism: false,
        },
      },
    ],
  },
});
