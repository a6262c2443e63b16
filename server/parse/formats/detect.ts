import { BriefError } from '../schema.js';
import type { SourceFormat } from './schema.js';

/** Formats people send by mistake, recognised by their first bytes so the error says what the file is. */
const FOREIGN: readonly { magic: string; what: string }[] = [
  { magic: 'PK\u0003\u0004', what: 'a ZIP archive (a Word .docx or similar); save the brief as PDF or text' },
  { magic: '\u00d0\u00cf\u0011\u00e0', what: 'an old Word/Office document; save the brief as PDF or text' },
  { magic: '\u0089PNG', what: 'a PNG image' },
  { magic: '\u00ff\u00d8\u00ff', what: 'a JPEG image' },
  { magic: 'GIF8', what: 'a GIF image' },
  { magic: '\u001f\u008b', what: 'a gzip archive; unpack it first' },
  { magic: '{\\rtf', what: 'an RTF document; save the brief as PDF or text' },
];

// The PDF header may follow some junk bytes (the spec allows it within the first 1024).
const PDF_WINDOW = 1024;
// The first tag of a page, tried at one position only (sticky): no run of input is ever re-read.
const HTML_OPENING = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/iy;
const HTML_TAGS = /<(?:html|head|body|article|main)[\s>]/i;

/**
 * The format of a brief file, decided by its content: PDF magic bytes, HTML markup, else text.
 * The extension only breaks a tie (a fragment of markup in a .html file). Throws BriefError for
 * file types that are no brief at all (images, archives, Word files).
 */
export function detectFormat(bytes: Uint8Array, file: string): SourceFormat {
  const head = Buffer.from(bytes.subarray(0, PDF_WINDOW)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  for (const f of FOREIGN)
    if (head.startsWith(f.magic)) throw new BriefError(file, undefined, `this is ${f.what}, not a brief. Import .pdf, .html, .txt or .md files.`);
  const start = Buffer.from(bytes.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (startsAsHtml(start)) return 'html';
  if (/\.html?$/i.test(file) && HTML_TAGS.test(start)) return 'html';
  return 'text';
}

/**
 * Whether the text opens as a web page: whitespace, an XML declaration and comments, then a
 * doctype or an html, head or body tag. A scan, not one regex: `(?:<!--[\s\S]*?-->\s*)*` read
 * 40 empty comments in 2^40 ways (issue 32: 282 bytes hung the importer).
 */
export function startsAsHtml(text: string): boolean {
  let at = skipSpace(text, 0);
  if (text.startsWith('<?xml', at)) {
    const end = text.indexOf('>', at);
    if (end < 0) return false;
    at = skipSpace(text, end + 1);
  }
  while (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return false;
    at = skipSpace(text, end + 3);
  }
  HTML_OPENING.lastIndex = at;
  return HTML_OPENING.test(text);
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

/** The format a file's name promises, for telling the user when the content says otherwise. */
export function formatOfName(file: string): SourceFormat | undefined {
  if (/\.pdf$/i.test(file)) return 'pdf';
  if (/\.html?$/i.test(file)) return 'html';
  if (/\.(txt|md|markdown)$/i.test(file)) return 'text';
  return undefined;
}
