import type { BriefOutcome } from '../import/importer.js';
import { fromState } from '../paths.js';
import { importRecord } from './record.js';
import type { ImportRecord } from './schema.js';
import { ChangeLog } from './store.js';

/** Where every import is recorded unless told otherwise (a test passes its own folder). */
/** The import history's folder in the state folder (STATE_DIR/changes). */
export const historyDir = () => fromState('changes');

/**
 * Records a finished import in the history. The briefs are committed whatever happens here, so a
 * failure to write the history (a full disk) is returned as a warning, never thrown.
 */
export async function recordImport(
  outcomes: BriefOutcome[],
  origin: ImportRecord['origin'],
  log = new ChangeLog(historyDir()),
): Promise<{ record: ImportRecord; warning?: string }> {
  const record = importRecord(outcomes, origin);
  try {
    await log.append(record);
    return { record };
  } catch (err) {
    return { record, warning: `the import is committed but could not be recorded in ${log.file}: ${(err as Error).message}` };
  }
}
