import { BriefTimeoutError, type Deadline } from '../budget.js';
import { BriefError } from '../schema.js';
import { FORMAT_LIMITS, megabytes, type FormatLimits } from './limits.js';
import { inflatedSize } from './pdfInflate.js';
import { layOut, type PageRuns } from './pdfLayout.js';
import type { SourceText } from './schema.js';

// pdf.js's Node build; loaded on first use so that text imports never pay for it.
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * Loads pdf.js and its worker code (run in this thread: pdf.js looks for it in
 * globalThis.pdfjsWorker). Seconds on a busy machine, once per process: callers do it before a
 * brief's time budget starts, as they load the registries.
 */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    // pdf.js ships no types for its worker module: imported by a name TypeScript does not resolve.
    const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const worker: unknown = await import(workerModule);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

/**
 * A PDF brief → its text as paragraph lines, with the page of each line. Refuses, naming the
 * file: PDFs over the size or page limit, ones whose streams inflate past the limit, encrypted ones, damaged ones, and ones without a text
 * layer (scans). Reading stops when the brief's time budget is spent, checked between pages and
 * raced against a timer while pdf.js works.
 */
export async function readPdf(bytes: Uint8Array, file: string, deadline: Deadline, limits: FormatLimits = FORMAT_LIMITS): Promise<SourceText> {
  if (bytes.byteLength > limits.pdfBytes) {
    throw new BriefError(
      file,
      undefined,
      `PDF is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(limits.pdfBytes)} (a brief is well under 1 MB). Is this the right file?`,
    );
  }
  const inflated = inflatedSize(bytes, limits.pdfInflatedBytes);
  if ('over' in inflated) {
    throw new BriefError(
      file,
      undefined,
      `PDF's compressed streams inflate to more than ${megabytes(inflated.over)} (the stream at byte ${inflated.at} passes the limit; a brief's come to a few MB). It may be a decompression bomb: is this the right file?`,
    );
  }
  deadline.check();
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BriefTimeoutError(file, undefined, deadline.budgetMs)), deadline.remainingMs);
  });
  try {
    return await Promise.race([extract(task, file, deadline, limits), timeout]);
  } catch (err) {
    throw asBriefError(err, file);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

async function extract(task: ReturnType<PdfJs['getDocument']>, file: string, deadline: Deadline, limits: FormatLimits): Promise<SourceText> {
  const doc = await task.promise;
  if (doc.numPages > limits.pdfPages)
    throw new BriefError(file, undefined, `PDF has ${doc.numPages} pages; the limit is ${limits.pdfPages} (a brief has about 10). Is this the right file?`);
  const pages: PageRuns[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    deadline.check();
    const page = await doc.getPage(n);
    const { height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const runs: PageRuns['runs'] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str) continue;
      const [a, b, , d, x, y] = item.transform as number[];
      // Rotated text (a vertical margin note) is no part of the reading order.
      if (Math.abs(b ?? 0) > 0.01) continue;
      runs.push({ str: item.str, x: x ?? 0, y: y ?? 0, width: item.width, size: Math.abs(item.height || d || a || 0) });
    }
    pages.push({ height, runs });
    page.cleanup();
  }
  deadline.check();
  const { lines, pages: linePages } = layOut(pages);
  if (!lines.some((l) => /\p{L}{2}/u.test(l))) {
    throw new BriefError(
      file,
      undefined,
      `PDF has no text layer (${doc.numPages} page${doc.numPages === 1 ? '' : 's'} of images or nothing): it may be a scan. Run OCR on it first, or import the web page or a text copy of the brief.`,
    );
  }
  return { format: 'pdf', text: lines.join('\n'), pages: linePages, notes: [] };
}

/** pdf.js errors → messages that name the file and say what to do. Matched by the exception's name, which pdf.js keeps stable. */
function asBriefError(err: unknown, file: string): unknown {
  if (err instanceof BriefError) return err;
  const name = (err as { name?: string } | null)?.name;
  if (name === 'PasswordException')
    return new BriefError(file, undefined, 'PDF is encrypted with a password; save an unprotected copy (or print it to PDF) and import that.');
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return new BriefError(file, undefined, `PDF is damaged and cannot be read (${(err as Error).message}). Download it again.`);
  }
  return new BriefError(file, undefined, `PDF cannot be read: ${(err as Error)?.message ?? String(err)}`);
}
