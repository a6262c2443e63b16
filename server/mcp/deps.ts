import type { Executor } from '../graph/executor.js';
import type { ConsoleRunner } from '../api/cypher/runner.js';
import type { CachedReports } from '../reports/cached.js';
import type { ChangeLog } from '../changes/store.js';

/** What the MCP tools read through: the app's executor, its console runner, and its report cache. */
export interface McpDeps {
  executor: Executor;
  /** Cypher goes through the console's runner: the same guard, timeout, row and byte budgets, and slots. */
  runner: ConsoleRunner;
  /**
   * Reports as the API serves them (server/reports/cached.ts): one build for both, with analysts'
   * corrections and notes, rebuilt by the same imports and curation.
   */
  reports: CachedReports;
  /** The import history (docs/changes.md); unset: no changes tool. */
  changes?: ChangeLog;
}
