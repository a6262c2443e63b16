import type { Executor } from '../graph/executor.js';
import type { ConsoleRunner } from '../api/cypher/runner.js';
import type { CorrectionState } from '../curation/state.js';
import type { ChangeLog } from '../changes/store.js';

/** What the MCP tools read through: the app's executor, its console runner, and analysts' corrections. */
export interface McpDeps {
  executor: Executor;
  /** Cypher goes through the console's runner: the same guard, timeout, row and byte budgets, and slots. */
  runner: ConsoleRunner;
  /** Corrections as the app sees them, so a report says what analysts changed; unset: none. */
  corrections?: () => CorrectionState;
  /** The import history (docs/changes.md); unset: no changes tool. */
  changes?: ChangeLog;
}
