import fs from 'node:fs';
import path from 'node:path';
import { loadBrief } from '../../server/import/pipeline.js';
import { serveBriefs } from '../../server/import/readerProtocol.js';
import { Deadline } from '../../server/parse/budget.js';
import { FORMAT_LIMITS } from '../../server/parse/formats/limits.js';
import { readPdf } from '../../server/parse/formats/pdf.js';

/**
 * A reading thread with the faults that no bounded reader has any more, for testing what stops
 * them from outside (BriefReader). By file name:
 * - `backtrack*`: the regex that format detection used before issue 32, on the 282-byte input that
 *   made it try 2^40 ways (hours): a synchronous hang that no check inside can stop;
 * - `bloat*`: takes memory until something stops it;
 * - `unscanned*.pdf`: pdf.js on the file without the inflation pre-scan (a PDF bomb reaches pdf.js);
 * anything else is read as the importer reads it.
 */
const OLD_HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;

serveBriefs(async (file, opts, loading) => {
  const name = path.basename(file);
  if (name.startsWith('backtrack')) {
    OLD_HTML_START.test(fs.readFileSync(file, 'utf8'));
    throw new Error('the backtracking regex finished');
  }
  if (name.startsWith('bloat')) {
    const kept: Uint8Array[] = [];
    for (;;) kept.push(new Uint8Array(16 * 1024 * 1024).fill(1));
  }
  if (name.startsWith('unscanned')) {
    await readPdf(fs.readFileSync(file), name, new Deadline(name, opts.budgetMs), { ...FORMAT_LIMITS, pdfInflatedBytes: Infinity });
    throw new Error('pdf.js finished');
  }
  return loadBrief(file, opts, loading);
});
