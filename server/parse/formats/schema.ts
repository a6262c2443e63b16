import { z } from 'zod';

export const sourceFormat = z.enum(['text', 'pdf', 'html']);
export type SourceFormat = z.infer<typeof sourceFormat>;

/**
 * What a format reader hands the parser: the brief as text lines (the parser runs on it unchanged)
 * and, for PDFs, the page each line comes from. Line numbers in evidence refer to `text`.
 */
export const sourceText = z.object({
  format: sourceFormat,
  text: z.string(),
  /** pages[i] is the 1-based page of line i + 1; only for paged formats. */
  pages: z.array(z.number().int().positive()).optional(),
  /** Things a reader noticed that the analyst should know (e.g. a .pdf that is really HTML). */
  notes: z.array(z.string()),
});
export type SourceText = z.infer<typeof sourceText>;
