import { z } from 'zod';
import { nodeLabel, relType } from '../graph/model.js';

/**
 * One import as the history keeps it (a line of `.data/changes/imports.jsonl`): when, from where,
 * which files, what became of each brief, and the facts it added and removed, by id.
 */
export const importIdSchema = z.string().regex(/^\d{8}T\d{6}\d{3}Z-[a-z0-9]{4}$/);

export const briefStatus = z.enum(['added', 'replaced', 'unchanged', 'failed', 'kept', 'skipped', 'unknown']);
export type BriefStatus = z.infer<typeof briefStatus>;

const factRel = z.tuple([relType, z.string(), z.string(), z.string()]);
const facts = z.object({
  /** Node ids by label. */
  nodes: z.partialRecord(nodeLabel, z.array(z.string())),
  /** [type, source, target, brief]. */
  rels: z.array(factRel),
});
export type Facts = z.infer<typeof facts>;

export const importRecordSchema = z.object({
  id: importIdSchema,
  /** When the import ended (the importing machine's clock, ISO 8601). */
  at: z.string(),
  origin: z.enum(['cli', 'seed', 'api']),
  files: z.array(z.string()),
  briefs: z.array(z.object({ file: z.string(), brief: z.string().optional(), status: briefStatus })),
  added: facts,
  removed: facts,
  /** Lists cut at the history's limit: how many ids each held in all (only when cut). */
  truncated: z.boolean().optional(),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;
