import { DatabaseUnavailableError, type Executor } from '../graph/executor.js';
import { writeBrief } from '../graph/writeBrief.js';
import { BriefError } from '../parse/schema.js';
import { extractFile } from './pipeline.js';

export interface BriefOutcome {
  file: string;
  brief?: string;
  /** `skipped`: not attempted because the database went away earlier in the run. */
  status: 'ok' | 'failed' | 'skipped';
  ok: boolean;
  error?: string;
  warnings: string[];
  nodes: number;
  relationships: number;
}

export interface ImportProgress {
  (done: number, total: number, current: string): void;
}

/**
 * Imports briefs one transaction each: a brief that fails to parse or to write leaves nothing
 * behind and does not stop the others. If the database itself goes away, the run stops: the
 * briefs before are committed, the rest are reported as skipped, and re-running completes them.
 */
export async function importFiles(executor: Executor, files: string[], onProgress?: ImportProgress): Promise<BriefOutcome[]> {
  const outcomes: BriefOutcome[] = [];
  let down: string | undefined;
  for (const [i, file] of files.entries()) {
    if (down) {
      outcomes.push({ file, status: 'skipped', ok: false, error: `${file}: not imported, ${down}`, warnings: [], nodes: 0, relationships: 0 });
      continue;
    }
    onProgress?.(i, files.length, file);
    try {
      const graph = extractFile(file);
      const written = await writeBrief(executor, graph);
      outcomes.push({ file, brief: graph.brief, status: 'ok', ok: true, warnings: graph.warnings.map((w) => (w.line ? `line ${w.line}: ${w.message}` : w.message)), ...written });
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) down = 'Neo4j became unavailable during the import';
      const message = err instanceof BriefError ? err.message : `${file}: ${(err as Error).message}`;
      outcomes.push({ file, status: 'failed', ok: false, error: message, warnings: [], nodes: 0, relationships: 0 });
    }
  }
  onProgress?.(files.length, files.length, '');
  return outcomes;
}
