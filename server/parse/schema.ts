import { z } from 'zod';
import { ISO_DATE } from './dates.js';

/** ISO calendar date, validated as a real day (no February 30). */
export const isoDate = z.string().regex(ISO_DATE, 'expected YYYY-MM-DD');

/** A line of the source file, 1-based, so every fact can point back to it. */
export const sourceRef = z.object({ line: z.number().int().positive(), text: z.string() });
export type SourceRef = z.infer<typeof sourceRef>;

export const writeupSchema = z.object({
  index: z.number().int().positive(),
  heading: z.string().optional(),
  headingLine: z.number().int().optional(),
  /** "At a glance" paragraph(s), bullets excluded. */
  summary: z.string(),
  summaryLine: z.number().int(),
  /** The bulleted key points / targets under "At a glance". */
  bullets: z.array(sourceRef),
  /** "MERICS comment" paragraphs. */
  comment: z.array(sourceRef),
  title: z.string().min(1),
  titleZh: z.string().optional(),
  titleLine: z.number().int(),
  issuers: z.array(z.string()),
  /** The issuer line as written, e.g. "MIIT, CAC, et. al." */
  issuerText: z.string(),
  issuerLine: z.number().int(),
  /** The whole issuer line as it reads in the brief (markup removed): the evidence for ISSUED_BY. */
  issuerLineText: z.string(),
  /** True when the issuer line ends with "et al.": the list is incomplete. */
  issuersIncomplete: z.boolean(),
  date: isoDate,
  dateLine: z.number().int(),
});
export type Writeup = z.infer<typeof writeupSchema>;

export const newsKind = z.enum(['policy', 'corporate']);

export const newsLineSchema = z.object({
  kind: newsKind,
  date: isoDate,
  /** The item's sentence(s) without the date prefix and without the citation parentheses. */
  text: z.string().min(1),
  /** Cited sources, e.g. ["Financial Times article", "MIIT notice (CN)"]. */
  sources: z.array(z.string()),
  line: z.number().int(),
  /** The full line(s) as written, for provenance. */
  raw: z.string(),
});
export type NewsLine = z.infer<typeof newsLineSchema>;

export const warningSchema = z.object({ line: z.number().int().optional(), message: z.string() });
export type ParseWarning = z.infer<typeof warningSchema>;

export const parsedBriefSchema = z.object({
  id: z.string().min(1),
  file: z.string(),
  title: z.string(),
  topics: z.array(z.string()),
  /** Publication date as stated by the brief, or inferred from its latest dated item. */
  date: isoDate.optional(),
  dateStated: z.boolean(),
  authors: z.array(z.string()),
  writeups: z.array(writeupSchema),
  news: z.array(newsLineSchema),
  warnings: z.array(warningSchema),
  /** The brief was cut off: its text stops at this line, inside a write-up or news item that was left out. */
  truncatedAtLine: z.number().int().positive().optional(),
});
export type ParsedBrief = z.infer<typeof parsedBriefSchema>;

/** A brief that cannot be imported; names the file and, where known, the line. */
export class BriefError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, reason: string) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'BriefError';
  }
}
