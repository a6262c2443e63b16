import { z } from 'zod';
import { ISO_DATE } from './dates.js';

/** ISO calendar date, validated as a real day (no February 30). */
export const isoDate = z.string().regex(ISO_DATE, 'expected YYYY-MM-DD');
/**
 * A day ("2021-03-24") or, when the brief states only the month, a month ("2021-01"): the graph
 * write stores a month as its first day with `datePrecision: 'month'` (graph/typed.ts).
 */
export const calendarDate = z.string().regex(/^\d{4}-\d{2}(?:-\d{2})?$/, 'expected YYYY-MM-DD or YYYY-MM');

/** How a brief presents its write-ups: labelled Article/Issuing body/Date lines, or prose only (2020–21). */
export const briefLayout = z.enum(['template', 'prose']);
export type BriefLayout = z.infer<typeof briefLayout>;

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
  date: calendarDate,
  dateLine: z.number().int(),
});
export type Writeup = z.infer<typeof writeupSchema>;

/**
 * A write-up of the earlier layout: heading, "At a glance" and "MERICS comment" without labelled
 * lines. Its policy is read from the summary's sentences by extraction (extract/prosePolicy.ts).
 */
export const writeupBodySchema = writeupSchema
  .pick({ index: true, heading: true, headingLine: true, summary: true, summaryLine: true, bullets: true, comment: true })
  .extend({
    /** The summary's paragraphs with their lines, so a sentence read as a policy keeps its line. */
    summaryParts: z.array(sourceRef),
  });
export type WriteupBody = z.infer<typeof writeupBodySchema>;

export const newsKind = z.enum(['policy', 'corporate']);

export const newsLineSchema = z.object({
  /** Absent when the news section has no policy/corporate sub-headings; extraction decides. */
  kind: newsKind.optional(),
  /** A month when an undated item of a monthly briefing takes the briefing's month. */
  date: calendarDate,
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
  /** Publication date as stated by the brief (a month for a monthly briefing), or inferred from its latest dated item. */
  date: calendarDate.optional(),
  dateStated: z.boolean(),
  authors: z.array(z.string()),
  layout: briefLayout,
  writeups: z.array(writeupSchema),
  /** Write-ups of the prose layout (empty for the template layout). */
  proseWriteups: z.array(writeupBodySchema),
  news: z.array(newsLineSchema),
  warnings: z.array(warningSchema),
  /** The brief was cut off: its text stops at this line, inside a write-up or news item that was left out. */
  truncatedAtLine: z.number().int().positive().optional(),
});
export type ParsedBrief = z.infer<typeof parsedBriefSchema>;

/** A brief that cannot be imported; names the file and, where known, the line. */
export class BriefError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'BriefError';
  }
}
