import { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { nodeId } from '../graph/model.js';
import { toJson } from '../graph/values.js';
import { MCP_LIMITS } from './budget.js';

/**
 * The compact citation every MCP answer carries with each fact: the brief (title, date, file), the
 * line in that file and the sentence that states the fact, short enough that a model quotes it.
 */
export const citationSchema = z.object({
  brief: z.string().meta({ description: 'Brief key (node id without "brief:")' }),
  title: z.string().nullable(),
  date: z.string().nullable(),
  file: z.string().nullable().meta({ description: 'The file the brief was imported from' }),
  line: z.number().nullable().meta({ description: '1-based line in that file' }),
  sentence: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

/** What a relationship or node says about where it came from (the provenance properties). */
export interface Provenance {
  brief: string | null | undefined;
  line: number | null | undefined;
  evidence: string | null | undefined;
}

interface BriefInfo {
  title: string | null;
  date: string | null;
  file: string | null;
}

/** Long sentences (a policy's key points) are cut: the line number leads to the rest. */
export function clip(s: string, max: number = MCP_LIMITS.sentence): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Looks up the briefs behind a set of facts in one query and turns each fact's provenance into a
 * citation; facts without a brief or a sentence have none.
 */
export async function citer(executor: Executor, facts: Provenance[]): Promise<(p: Provenance) => Citation | null> {
  const keys = [...new Set(facts.map((f) => f.brief).filter((b): b is string => !!b))];
  const briefs = new Map<string, BriefInfo>();
  if (keys.length) {
    const rows = await executor.read(
      (tx) =>
        tx.run('MATCH (b:Brief) WHERE b.id IN $ids RETURN b.id AS id, b.title AS title, b.date AS date, b.source AS file', {
          ids: keys.map((k) => nodeId('Brief', k)),
        }),
      { timeoutMs: MCP_LIMITS.timeoutMs, metadata: { feature: 'mcp-citations' } },
    );
    for (const r of rows.records) {
      briefs.set(String(r.get('id')).slice(nodeId('Brief', '').length), {
        title: (r.get('title') as string | null) ?? null,
        date: toJson(r.get('date')) as string | null,
        file: (r.get('file') as string | null) ?? null,
      });
    }
  }
  return (p) => {
    if (!p.brief || !p.evidence) return null;
    const b = briefs.get(p.brief);
    return { brief: p.brief, title: b?.title ?? null, date: b?.date ?? null, file: b?.file ?? null, line: p.line ?? null, sentence: clip(p.evidence) };
  };
}

/** One line a model can quote: `"sentence" (Brief title, 2023-01-17; 000_x.txt line 43)`. */
export function citationText(c: Citation): string {
  const where = [c.title ?? `brief ${c.brief}`, c.date].filter(Boolean).join(', ');
  const file = c.file ? `; ${c.file}${c.line !== null ? ` line ${c.line}` : ''}` : c.line !== null ? `; line ${c.line}` : '';
  return `“${c.sentence}” (${where}${file})`;
}
