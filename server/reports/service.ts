import { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { buildAgencyReport, buildCompanyReport } from './build.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './model.js';
import { resolveEntity, type EntityKind } from './resolve.js';
import { correctionNotes, noteLine } from '../curation/provenance.js';
import type { CorrectionState } from '../curation/state.js';
import { trendOf } from '../trends/series.js';
import type { AnalystNote } from './analystNotes.js';

export const reportFormat = z.enum(['md', 'html', 'json']);
export type ReportFormat = z.infer<typeof reportFormat>;

/** The analysts' notes on a node (NoteStore.of). */
export type NotesOf = (target: string) => readonly AnalystNote[];

const CONTENT_TYPE: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Name or id → report in the requested format. Throws UnknownEntityError with the closest matches. */
export async function generateReport(
  executor: Executor,
  kind: EntityKind,
  nameOrId: string,
  format: ReportFormat,
  corrections?: CorrectionState,
  notesOf?: NotesOf,
): Promise<{ id: string; contentType: string; body: string; report: Report }> {
  return renderReport(executor, kind, await resolveEntity(executor, kind, nameOrId), format, corrections, notesOf);
}

/** The report on a resolved node id, with its corrections, analysts' notes and trend: the same in every format. */
export async function assembleReport(executor: Executor, kind: EntityKind, id: string, corrections?: CorrectionState, notesOf?: NotesOf): Promise<Report> {
  const built = kind === 'agency' ? await buildAgencyReport(executor, id) : await buildCompanyReport(executor, id);
  // The subject's corrections, said as the details panel says them: a reader sees what an analyst changed.
  const notes = corrections ? await executor.read((tx) => correctionNotes(tx, corrections, id), { metadata: { feature: 'report-corrections' } }) : [];
  // And what analysts wrote about it (server/notes), with author and date.
  const analystNotes = (notesOf?.(id) ?? []).map(({ text, author, at }) => ({ text, at, ...(author ? { author } : {}) }));
  return { ...built, corrections: notes.map(noteLine), analystNotes, trend: await trendOf(executor, id) };
}

/** A report as a document in one format. */
export function renderAs(report: Report, format: ReportFormat): { contentType: string; body: string } {
  const body = format === 'md' ? renderMarkdown(report) : format === 'html' ? renderHtml(report) : `${JSON.stringify(report, null, 2)}\n`;
  return { contentType: CONTENT_TYPE[format], body };
}

/** The report on a resolved node id. */
export async function renderReport(
  executor: Executor,
  kind: EntityKind,
  id: string,
  format: ReportFormat,
  corrections?: CorrectionState,
  notesOf?: NotesOf,
): Promise<{ id: string; contentType: string; body: string; report: Report }> {
  const report = await assembleReport(executor, kind, id, corrections, notesOf);
  return { id, ...renderAs(report, format), report };
}
