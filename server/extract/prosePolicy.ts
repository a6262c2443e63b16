import type { Writeup, WriteupBody } from '../parse/schema.js';
import { readStatement, sentences, type StatementContext } from './statement.js';

/**
 * The policy of an earlier-layout write-up (2020–21), read from the sentence of its summary that
 * states it (extract/statement.ts reads the sentence). The date is the sentence's, else the
 * briefing's month, else unknown: a policy is kept with a warning rather than dropped.
 */

/** A write-up read from prose: the fields a template write-up has, and how sure the date is. */
export interface ProsePolicy {
  /** `date` is absent when neither the sentence nor the brief gives a month. */
  writeup: Omit<Writeup, 'date'> & { date?: string };
  /** 'month' when the sentence gives no day and the briefing's month stands in; 'unknown' when nothing does. */
  datePrecision: 'day' | 'month' | 'unknown';
  /** "X and six other agencies": seven issuers, of which the sentence names one. */
  issuerCountStated?: number;
  titleKind: 'quoted' | 'descriptive';
  status: 'draft' | 'final';
}

export type ProseContext = StatementContext;

/** Sentences of the summary tried for the policy: it is stated up front. */
const SENTENCES_TRIED = 3;

/**
 * The policy an earlier-layout write-up states, or a reason why none was read (for a warning).
 * Only the first sentences of the summary are tried: a later "the MEE's release of trial measures"
 * is background, not the write-up's document.
 */
export function readProsePolicy(body: WriteupBody, ctx: ProseContext): ProsePolicy | { reason: string } {
  let tried = 0;
  for (const part of body.summaryParts) {
    for (const s of sentences(part.text)) {
      if (tried++ >= SENTENCES_TRIED) break;
      const st = readStatement(s, ctx);
      if (!st) continue;
      const date = st.date ?? (ctx.briefDate ? { date: ctx.briefDate.slice(0, 7), precision: 'month' as const } : undefined);
      return {
        writeup: {
          index: body.index,
          ...(body.heading ? { heading: body.heading, headingLine: body.headingLine } : {}),
          summary: body.summary,
          summaryLine: body.summaryLine,
          bullets: body.bullets,
          comment: body.comment,
          title: st.title,
          ...(st.titleZh ? { titleZh: st.titleZh } : {}),
          titleLine: part.line,
          issuers: st.issuers.parts,
          issuerText: st.issuers.text,
          issuerLine: part.line,
          issuerLineText: s,
          issuersIncomplete: st.issuers.incomplete,
          ...(date ? { date: date.date } : {}),
          dateLine: part.line,
        },
        datePrecision: date?.precision ?? 'unknown',
        ...(st.issuers.count ? { issuerCountStated: st.issuers.count } : {}),
        titleKind: st.titleKind,
        status: st.status,
      };
    }
    if (tried >= SENTENCES_TRIED) break;
  }
  return { reason: 'no sentence of its summary names an issuing body, a release verb and a document type (server/extract/data/documents.json)' };
}
