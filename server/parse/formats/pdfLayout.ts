import { hasCjk } from '../text.js';

/**
 * PDF text items → the lines the brief parser expects: one line per paragraph, heading or list
 * item, a blank line between them. Pure (no pdf.js), so it is tested on hand-made pages.
 *
 * A PDF holds positioned runs of text, not lines or paragraphs. Runs on one baseline make a row;
 * rows are read top to bottom; running headers, footers and page numbers are dropped; rows are
 * joined into paragraphs unless a gap, a bullet, a change of font size or a line that ends early
 * says a new one starts.
 */

export interface TextRun {
  str: string;
  /** Left edge and baseline in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size (the run's height). */
  size: number;
}

export interface PageRuns {
  /** Page height, to tell the top of a page from its bottom. */
  height: number;
  runs: TextRun[];
}

export interface LaidOut {
  lines: string[];
  /** pages[i]: the 1-based page of lines[i]. */
  pages: number[];
}

interface Row {
  page: number;
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

const BULLET_START = /^(?:[•●▪◦·■□➢►‣⁃–-]\s|[•●▪◦·■□➢►‣⁃])/;
const PAGE_NUMBER = /^(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:\/|of)\s*\d{1,4})?$/i;
const LIGATURES: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st' };

/** Rows of one page: runs on the same baseline (within half a font size), left to right. */
export function rowsOf(page: PageRuns, pageNo: number): Row[] {
  const runs = page.runs.filter((r) => r.str.length > 0 && r.size > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: { y: number; size: number; runs: TextRun[] }[] = [];
  for (const r of runs) {
    const row = rows.at(-1);
    if (row && Math.abs(row.y - r.y) <= Math.max(row.size, r.size) * 0.5) {
      row.runs.push(r);
      row.size = Math.max(row.size, r.size);
    } else rows.push({ y: r.y, size: r.size, runs: [r] });
  }
  const out: Row[] = [];
  for (const row of rows) {
    row.runs.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const r of row.runs) {
      // A visible gap wider than a sixth of the font size is a space the PDF did not write.
      if (text && r.x - end > row.size * 0.16 && !/\s$/.test(text) && !/^\s/.test(r.str)) text += ' ';
      text += r.str;
      end = Math.max(end, r.x + r.width);
    }
    // trimEnd, not /\s+$/: that regex tries a run of spaces from each of its positions (quadratic).
    text = text.replace(/[ﬀ-ﬆ]/g, (c) => LIGATURES[c] ?? c).trimEnd();
    if (!text.trim()) continue;
    const first = row.runs.find((r) => r.str.trim())!;
    // The baseline is the widest run's: a superscript ("14th") sits higher and is smaller.
    const main = row.runs.reduce((a, b) => (b.width > a.width ? b : a));
    out.push({ page: pageNo, text, x0: first.x, x1: end, y: main.y, size: main.size });
  }
  return out;
}

/** Digits stand for any digits: "Page 3 of 9" and "Page 4 of 9" are the same running footer. */
const shape = (s: string) => s.trim().toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');

/** How many rows at the top and at the bottom of a page may be running headers or footers. */
const MARGIN_ROWS = 2;

/**
 * Running headers and footers: rows among the first or last two of a page whose shape recurs
 * there on at least half of the pages (two at least), and page numbers in those places.
 */
export function withoutRunningText(pages: Row[][]): Row[][] {
  const counts = new Map<string, number>();
  const marginal = (rows: Row[]) => {
    const top = rows.slice(0, MARGIN_ROWS).map((r) => `t|${shape(r.text)}`);
    const bottom = rows.slice(-MARGIN_ROWS).map((r) => `b|${shape(r.text)}`);
    return new Set([...top, ...bottom]);
  };
  for (const rows of pages) for (const k of marginal(rows)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((rows) =>
    rows.filter((r, i) => {
      const place = i < MARGIN_ROWS ? 't' : i >= rows.length - MARGIN_ROWS ? 'b' : undefined;
      if (!place) return true;
      if (PAGE_NUMBER.test(r.text.trim())) return false;
      return (counts.get(`${place}|${shape(r.text)}`) ?? 0) < needed;
    }),
  );
}

/** The usual distance between two lines of one paragraph: the most common baseline gap. */
function linePitch(pages: Row[][]): number {
  const gaps = new Map<number, number>();
  for (const rows of pages) {
    for (let i = 1; i < rows.length; i++) {
      const g = Math.round((rows[i - 1]!.y - rows[i]!.y) * 2) / 2;
      if (g > 0 && g < rows[i]!.size * 2.5) gaps.set(g, (gaps.get(g) ?? 0) + 1);
    }
  }
  let best = 0;
  let seen = 0;
  for (const [g, n] of gaps) if (n > seen || (n === seen && g < best)) [best, seen] = [g, n];
  return best;
}

/**
 * Whether `next` continues the line of `prev` (false), starts a new paragraph (a blank line
 * between them, as between the blocks of a web page) or only a new line of the same block (a
 * line that ended early: a line break, as Markdown's and HTML's <br>).
 */
function breaksBefore(prev: Row, next: Row, pitch: number, right: number): false | 'paragraph' | 'line' {
  if (BULLET_START.test(next.text)) return 'paragraph';
  if (Math.abs(prev.size - next.size) > Math.max(prev.size, next.size) * 0.15) return 'paragraph';
  if (prev.page === next.page && pitch > 0 && prev.y - next.y > pitch * 1.4) return 'paragraph';
  if (next.x0 > prev.x0 + next.size * 1.5 && !BULLET_START.test(prev.text)) return 'paragraph';
  // The line ended early although the next line's first word would have fitted: a deliberate
  // break. The word's width is estimated from the row's own characters (Chinese ones are a full
  // em wide, the others averaged), so the estimate is rough: a clear fit breaks, a near one only
  // where a sentence or bracket closes and a capital follows.
  const firstWord = /^\S+/.exec(next.text)?.[0] ?? '';
  const room = right - prev.x1;
  const word = (firstWord.length + 1) * latinCharWidth(prev);
  if (room > word + prev.size * 0.3) return 'line';
  return room > word * 0.7 && /[.;:!?)”"]$/.test(prev.text) && /^[\p{Lu}\d]/u.test(next.text) ? 'line' : false;
}

/** Average width of a non-CJK character in the row (CJK characters take one em each). */
function latinCharWidth(row: Row): number {
  let cjk = 0;
  for (const c of row.text) if (hasCjk(c)) cjk++;
  const latin = [...row.text].length - cjk;
  const width = row.x1 - row.x0 - cjk * row.size;
  return latin > 0 && width > 0 ? width / latin : row.size * 0.5;
}

const SUSPENDED = /^(?:and|or|nor|to)\b/;
/** Chinese characters, CJK punctuation and full-width forms: text written without spaces. */
const isCjk = (c: string) => /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c);

/** Words written whole somewhere in the document, to tell a broken word from a hyphenated one. */
function wordsOf(rows: Row[]): Set<string> {
  const words = new Set<string>();
  for (const r of rows) for (const w of r.text.toLowerCase().match(/[\p{L}-]+/gu) ?? []) words.add(w);
  return words;
}

/**
 * Joins the rows of one paragraph. A soft hyphen at a line end always goes; a plain hyphen goes
 * only when the document writes the joined word elsewhere and never the hyphenated one
 * ("develop-" + "ment"), so "state-" + "owned" stays "state-owned".
 */
function joinRows(rows: Row[], words: Set<string>): string {
  let out = rows[0]!.text;
  for (const r of rows.slice(1)) {
    const next = r.text.trimStart();
    if (/\u00ad$/.test(out)) {
      out = out.slice(0, -1) + next;
      continue;
    }
    // The word starts where a letter follows a non-letter: tried from every letter, the run was re-read from each (quadratic).
    const broken = /(?<!\p{L})(\p{L}+)-$/u.exec(out);
    if (broken && /^\p{L}/u.test(next)) {
      // "fuel- and energy", "up- or downstream": a suspended hyphen, followed by a space.
      if (SUSPENDED.test(next)) {
        out += ` ${next}`;
        continue;
      }
      const tail = /^\p{Ll}+/u.exec(next)?.[0];
      const dehyphenate = tail !== undefined && words.has(`${broken[1]}${tail}`.toLowerCase()) && !words.has(`${broken[1]}-${tail}`.toLowerCase());
      out = dehyphenate ? out.slice(0, -1) + next : out + next;
      continue;
    }
    // Chinese and Japanese text has no spaces: a line break inside it is no word break.
    const cjkJoin = isCjk(out.at(-1) ?? '') && isCjk(next[0] ?? '');
    out += cjkJoin || /\s$/.test(out) ? next : ` ${next}`;
  }
  return out.replace(/\u00ad/g, '');
}

/** Pages of runs → paragraph lines with their pages. */
export function layOut(input: PageRuns[]): LaidOut {
  const pages = withoutRunningText(input.map((p, i) => rowsOf(p, i + 1)));
  const all = pages.flat();
  const pitch = linePitch(pages);
  const right = all.reduce((m, r) => Math.max(m, r.x1), 0);
  const words = wordsOf(all);
  const lines: string[] = [];
  const linePages: number[] = [];
  let para: Row[] = [];
  let blank = false;
  const flush = () => {
    if (!para.length) return;
    if (lines.length && blank) {
      lines.push('');
      linePages.push(para[0]!.page);
    }
    lines.push(joinRows(para, words));
    linePages.push(para[0]!.page);
    para = [];
  };
  for (const row of all) {
    const prev = para.at(-1);
    const brk = prev ? breaksBefore(prev, row, pitch, right) : 'paragraph';
    if (brk) {
      flush();
      blank = brk === 'paragraph';
    }
    para.push(row);
  }
  flush();
  return { lines, pages: linePages };
}
