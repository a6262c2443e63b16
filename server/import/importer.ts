import type { Executor } from '../graph/executor.js';
import { writeBrief } from '../graph/writeBrief.js';
import { BriefError } from '../parse/schema.js';
import { extractFile } from './pipeline.js';

export interface BriefOutcome {
  file: string;
  brief?: string;
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
 * behind and does not stop the others.
 */
export async function importFiles(executor: Executor, files: string[], onProgress?: ImportProgress): Promise<BriefOutcome[]> {
  const outcomes: BriefOutcome[] = [];
  for (const [i, file] of files.entries()) {
    onProgress?.(i, files.length, file);
    try {
      const graph = extractFile(file);
      const written = await writeBrief(executor, graph);
      outcomes.push({ file, brief: graph.brief, ok: true, warnings: graph.warnings.map((w) => (w.line ? `line ${w.line}: ${w.message}` : w.message)), ...written });
    } catch (err) {
      const message = err instanceof BriefError ? err.message : `${file}: ${(err as Error).message}`;
      outcomes.push({ file, ok: false, error: message, warnings: [], nodes: 0, relationships: 0 });
    }
  }
  onProgress?.(files.length, files.length, '');
  return outcomes;
}
