import type { Executor } from '../graph/executor.js';

/** Fills an empty graph with the bundled sample briefs. Replaced by the importer (issue 3). */
export async function importSeedsIfEmpty(_executor: Executor): Promise<void> {
  // The importer lands in the next step; until then an empty graph is the expected state.
}
