import type { Executor } from '../graph/executor.js';
import { fromRoot } from '../paths.js';
import { importFiles } from './importer.js';
import { listBriefFiles } from './pipeline.js';
import { printable } from './printable.js';
import type { CorrectionState } from '../curation/state.js';
import { recordImport } from '../changes/history.js';
import type { ChangeLog } from '../changes/store.js';

/** Fills an empty graph with the bundled sample briefs (seeds/). */
export async function importSeedsIfEmpty(executor: Executor, corrections?: CorrectionState, history?: ChangeLog): Promise<void> {
  const empty = await executor.read(async (tx) => (await tx.run('MATCH (n) RETURN count(n) = 0 AS empty')).records[0]?.get('empty') as boolean);
  if (!empty) return;
  const files = listBriefFiles([fromRoot('seeds')]);
  console.error(`Empty graph: importing ${files.length} sample briefs from seeds/…`);
  const outcomes = await importFiles(executor, files, undefined, { corrections });
  for (const o of outcomes.filter((x) => !x.ok)) console.error(`  ${o.status === 'unknown' ? 'UNKNOWN' : 'FAILED'} ${printable(o.error ?? '')}`);
  const { warning } = await recordImport(outcomes, 'seed', history);
  if (warning) console.error(`warning: ${warning}`);
  console.error(`Imported ${outcomes.filter((o) => o.ok).length}/${files.length} sample briefs.`);
}
