import type { Readability } from '@mozilla/readability';
import type { Deadline } from '../budget.js';
import { BriefError } from '../schema.js';
import { htmlShape } from './htmlShape.js';
import { FORMAT_LIMITS, megabytes, type FormatLimits } from './limits.js';
import type { SourceText } from './schema.js';

interface HtmlReader {
  parseHTML: typeof import('linkedom').parseHTML;
  Readability: typeof Readability;
}
let reader: Promise<HtmlReader> | undefined;

/**
 * linkedom and Readability, loaded when the first web page is read (once per process): they
 * took half the heap of an import that read no HTML (4.8 of 9 MB) and 45 ms of its start-up.
 */
export function loadHtmlReader(): Promise<HtmlReader> {
  reader ??= Promise.all([import('linkedom'), import('@mozilla/readability')]).then(([linkedom, readability]) => ({
    parseHTML: linkedom.parseHTML,
    Readability: readability.Readability,
  }));
  return reader;
}

/**
 * A saved web page → the article's text as lines. Mozilla's Readability (Firefox's reader view)
 * finds the article among navigation, cookie banners, sign-up boxes and footers; its DOM is then
 * written out one line per paragraph, heading and list item, so the brief parser reads it as it
 * reads a text copy.
 */
export async function readHtml(bytes: Uint8Array, file: string, deadline: Deadline, limits: FormatLimits = FORMAT_LIMITS): Promise<SourceText> {
  if (bytes.byteLength > limits.htmlBytes) {
    throw new BriefError(
      file,
      undefined,
      `web page is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(limits.htmlBytes)} (a saved brief page is under 2 MB). Save the page as "HTML only", or import the PDF.`,
    );
  }
  const html = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // Counted before parsing: the parser's own cost grows with the square of the depth.
  const shape = htmlShape(html, { depth: limits.htmlDepth, elements: limits.htmlElements });
  if (shape.elements > limits.htmlElements) {
    throw new BriefError(file, undefined, `web page has more than ${limits.htmlElements} elements; a brief's page has a few thousand. Is this the right file?`);
  }
  if (shape.depth > limits.htmlDepth) {
    throw new BriefError(
      file,
      undefined,
      `web page nests elements more than ${limits.htmlDepth} deep (a news page nests 20 to 60): it cannot be a saved brief. Save the page again, or import its PDF.`,
    );
  }
  deadline.check();
  const { parseHTML, Readability } = await loadHtmlReader();
  const { document } = parseHTML(html);
  deadline.check();
  let article: ReturnType<Readability<DomElement>['parse']>;
  try {
    // The serializer hands back the article's DOM instead of an HTML string to parse again.
    // (linkedom's document stands in for the DOM's, which the server's types do not include.)
    article = new Readability<DomElement>(document as never, { serializer: (node) => node as unknown as DomElement }).parse();
  } catch (err) {
    throw new BriefError(file, undefined, `web page cannot be read: ${(err as Error).message}`);
  }
  deadline.check();
  const lines = article?.content ? linesOf(article.content) : [];
  // A brief runs to thousands of characters; a few words are what is left of menus and forms.
  if (lines.join(' ').replace(/\s+/g, ' ').length < MIN_ARTICLE_CHARS) {
    throw new BriefError(
      file,
      undefined,
      'no article text found in this web page (only navigation, forms or scripts). Save the page once the brief has loaded, or import its PDF.',
    );
  }
  const title = article?.title?.trim();
  // Readability lifts the headline out of the text when it repeats the page title; put it back.
  if (title && !lines.some((l) => l.includes(title))) lines.unshift(title, '');
  return { format: 'html', text: lines.join('\n'), notes: [] };
}

const MIN_ARTICLE_CHARS = 200;

/** The little of the DOM that the walk below reads (the server is typed without the DOM library). */
interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  childNodes: Iterable<DomNode>;
}
interface DomElement extends DomNode {
  tagName: string;
  parentElement: DomElement | null;
  children: Iterable<DomElement>;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME', 'OBJECT']);
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'UL',
]);

/**
 * An element's text, one line per block (paragraph, heading, list item, table row) and a blank
 * line between blocks. List items start with "• " (or "1. " in ordered lists), as briefs write
 * them; `<br>` breaks a line.
 */
export function linesOf(root: DomElement): string[] {
  const lines: string[] = [];
  let inline = '';
  const flush = () => {
    // The lines of one block (split by <br>) follow each other; blocks are a blank line apart.
    const parts = inline
      .split('\n')
      .map((p) => p.replace(/[ \t\r\f\u00a0]+/g, ' ').trim())
      .filter(Boolean);
    if (parts.length && lines.length) lines.push('');
    lines.push(...parts);
    inline = '';
  };
  const walk = (node: DomNode, pre: boolean) => {
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      inline += pre ? t : t.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as DomElement;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    if (tag === 'BR') {
      inline += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    if (tag === 'LI') {
      const parent = el.parentElement;
      const ordered = parent?.tagName.toUpperCase() === 'OL';
      inline += ordered ? `${[...parent!.children].filter((c) => c.tagName.toUpperCase() === 'LI').indexOf(el) + 1}. ` : '• ';
    }
    for (const child of el.childNodes) walk(child, pre || tag === 'PRE');
    if (block) flush();
  };
  walk(root, false);
  flush();
  return lines;
}
