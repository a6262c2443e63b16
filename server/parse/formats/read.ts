import path from 'node:path';
import type { Deadline } from '../budget.js';
import { detectFormat, formatOfName } from './detect.js';
import { loadHtmlReader, readHtml } from './html.js';
import { FORMAT_LIMITS, type FormatLimits } from './limits.js';
import { loadPdfJs, readPdf } from './pdf.js';
import type { SourceFormat, SourceText } from './schema.js';
import { readRegularFile } from './regularFile.js';
import { readText } from './text.js';

/** A brief file's bytes and format. The format comes from the content, not the name. */
export interface BriefBytes {
  name: string;
  bytes: Uint8Array;
  format: SourceFormat;
}

/**
 * Reads a brief file and tells its format (PDF magic bytes, HTML markup, else text), so a PDF
 * saved as .txt or a page saved without extension still reads. Only regular files are read, and
 * one larger than the largest accepted format is refused before it is read (readRegularFile).
 */
export function readBriefFile(file: string, limits: FormatLimits = FORMAT_LIMITS): BriefBytes {
  const name = path.basename(file);
  const bytes = readRegularFile(file, Math.max(limits.pdfBytes, limits.htmlBytes));
  return { name, bytes, format: detectFormat(bytes, name) };
}

/** Loads the library a format needs (once per process), before a brief's time budget starts. */
export async function prepareReader(format: SourceFormat): Promise<void> {
  if (format === 'pdf') await loadPdfJs();
  if (format === 'html') await loadHtmlReader();
}

/** The brief's text for the parser; a note when the file's name promised another format. */
export async function toSourceText(file: BriefBytes, deadline: Deadline, limits: FormatLimits = FORMAT_LIMITS): Promise<SourceText> {
  const { name, bytes, format } = file;
  const source =
    format === 'pdf' ? await readPdf(bytes, name, deadline, limits) : format === 'html' ? await readHtml(bytes, name, deadline, limits) : readText(bytes);
  const named = formatOfName(name);
  if (named && named !== format) source.notes.push(`the file is named like ${named} but holds ${format}; read as ${format}.`);
  return source;
}
