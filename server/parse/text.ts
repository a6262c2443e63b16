import { rememberRecent } from '../recent.js';
import type { Deadline } from './budget.js';

/**
 * Layout clean-up shared by the three brief layouts (web copy, PDF→Markdown, PDF→text).
 * Works line by line so line numbers stay those of the source file.
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
export const hasCjk = (s: string) => CJK.test(s);
export const firstCjkIndex = (s: string) => s.search(CJK);

const DEBRIS = /[\uFEFF\r<[\\#*_\u00a0]/;

/** Markdown and PDF debris removed; quotes and dashes kept as written. */
export function cleanLine(raw: string): string {
  // Most lines are plain prose: skip the eight replacements when none of their characters occurs.
  if (!DEBRIS.test(raw)) return raw.trimEnd();
  let s = raw.replace(/\uFEFF/g, '').replace(/\r$/, '');
  s = s.replace(/<\/?sup>/gi, '');
  s = stripTags(s);
  s = unlinkMarkdown(s);
  s = s.replace(/\\([()[\]*_#.-])/g, '$1');
  s = s.replace(/^\s{0,3}#{1,6}\s+/, '');
  s = s.replace(/\*\*|__/g, '');
  s = s.replace(/\u00a0/g, ' ');
  return s.trimEnd();
}

const TAG = /<\/?[a-z][^>]*>/gi;
const INLINE_TAG = /^<\/?(b|i|em|strong|u|span|br)\b/i;

/**
 * Inline HTML tags removed, other tags kept as text. Every tag ends at a '>', so the search stops
 * at the last one: past it, each "<a" would scan to the end of the line for nothing (a line of
 * "<a<a<a…" took minutes).
 */
function stripTags(s: string): string {
  const last = s.lastIndexOf('>');
  if (last < 0) return s;
  return s.slice(0, last + 1).replace(TAG, (tag) => (INLINE_TAG.test(tag) ? '' : tag)) + s.slice(last + 1);
}

/** A line terminator other than \n and \r (those split lines): `.` in a regex does not match them. */
const isOtherLineBreak = (c: string) => c === '\u2028' || c === '\u2029';

/**
 * "[text](url)" → "text", escaped characters inside the text allowed: what the regex
 * /\[((?:[^\]\\]|\\.)*)\]\([^)]*\)/g replaced, as one left-to-right scan. The regex tried every
 * "[" and scanned on from each, so a line of "[[[…" was quadratic. From an opening bracket the
 * text always runs to the same closing bracket (escapes pair up the same way from any later "["),
 * so when one attempt fails, every "[" before the point it reached fails too.
 */
function unlinkMarkdown(s: string): string {
  if (!s.includes('](')) return s;
  let out = '';
  let copied = 0;
  let i = s.indexOf('[');
  while (i >= 0) {
    let j = i + 1;
    let close = -1;
    while (j < s.length) {
      const c = s[j]!;
      if (c === ']') {
        close = j;
        break;
      }
      if (c === '\\') {
        if (j + 1 >= s.length || isOtherLineBreak(s[j + 1]!)) break;
        j += 2;
      } else j++;
    }
    // No "]" ahead of this "[" (end of line, or an escape at a line break): nor for those up to here.
    if (close < 0) {
      i = s.indexOf('[', j + 1);
      continue;
    }
    const end = s[close + 1] === '(' ? s.indexOf(')', close + 2) : -1;
    if (end >= 0) {
      out += s.slice(copied, i) + s.slice(i + 1, close);
      copied = end + 1;
      i = s.indexOf('[', end + 1);
    } else i = s.indexOf('[', close + 1);
  }
  return copied ? out + s.slice(copied) : s;
}

export interface Line {
  no: number;
  raw: string;
  text: string;
}

export function toLines(text: string, deadline?: Deadline): Line[] {
  return text.split(/\r\n|\r|\n/).map((raw, i) => {
    if (deadline && i % 64 === 0) deadline.check(i + 1);
    return { no: i + 1, raw, text: cleanLine(raw).trim() };
  });
}

const BULLET = /^(?:[•●▪◦·]|[-–*](?=\s))\s*/;
export const isBullet = (s: string) => BULLET.test(s);
export const stripBullet = (s: string) => s.replace(BULLET, '').trim();

/** Table-of-contents entries: "Title ..... 3" or "Title<TAB>4". */
// "...", not ".{3,}": a longer run ends in three dots too, and ".{3,}" retried from every dot of
// a long run of dots (quadratic). Likewise the tab: the last tab before the spaces decides.
const TOC_DOTS = /(?:\.{3}|…{2})\s*\d{1,3}\s*$/;
const TOC_TAB = /\t[^\S\t]*\d{1,3}\s*$/;
export const isTocLine = (s: string) => TOC_DOTS.test(s) || TOC_TAB.test(s);

/** Removes one trailing balanced parenthetical group; returns [rest, inner] or undefined. */
export function splitTrailingParens(s: string): [string, string] | undefined {
  const t = s.trimEnd();
  if (!/[)）]$/.test(t)) return undefined;
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    const c = t[i];
    if (c === ')' || c === '）') depth++;
    else if (c === '(' || c === '（') {
      depth--;
      if (depth === 0) return [t.slice(0, i).trimEnd(), t.slice(i + 1, -1).trim()];
    }
  }
  return undefined;
}

/** Index of the parenthesis closing the one opened at `open`, or -1. */
export function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '（') depth++;
    else if (c === ')' || c === '）') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Splits on the separator characters at parenthesis/quote depth 0; parts are trimmed, empty ones
 * dropped. One pass: testing a separator regex at every character was quadratic on long
 * whitespace runs.
 */
export function splitTopLevel(s: string, separators: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '(' || c === '（') depth++;
    else if ((c === ')' || c === '）') && depth > 0) depth--;
    else if (c === '“') quote = true;
    else if (c === '”') quote = false;
    else if (depth === 0 && !quote && separators.includes(c)) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out.map((x) => x.trim()).filter(Boolean);
}

/** Where sentences end in a text: what sentenceAround looks for, found once per text. */
interface SentenceMarks {
  /** ".", ";", "?" or "!" followed by a space: the end of the sentence before. */
  before: number[];
  /** ".", ";", "?" or "!" followed by whitespace or the end of the text. */
  after: number[];
}

const isEndPunct = (c: string | undefined) => c === '.' || c === ';' || c === '?' || c === '!';

function sentenceMarks(text: string): SentenceMarks {
  const marks: SentenceMarks = { before: [], after: [] };
  for (let i = 0; i < text.length; i++) {
    if (!isEndPunct(text[i])) continue;
    const next = text[i + 1];
    if (next === ' ') marks.before.push(i);
    if (next === undefined || /\s/.test(next)) marks.after.push(i);
  }
  return marks;
}

// Extraction asks for the sentences of the same text again and again (one per mention); scanning
// the text each time made a long line with many mentions quadratic.
const marksOf = rememberRecent(4, sentenceMarks);

/** Index of the first element >= x in a sorted array (its length if none). */
function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Sentence containing the character range [start, end) of `text`: from after the last ". ", "; ",
 * "? " or "! " that ends before `start`, to the first of ".;?!" followed by whitespace or the end
 * of the text, at or after `end`.
 */
export function sentenceAround(text: string, start: number, end = start): string {
  const { before, after } = marksOf(text);
  // The last mark whose two characters both lie before `start`.
  const b = lowerBound(before, start - 1) - 1;
  const from = b >= 0 ? before[b]! + 2 : 0;
  const a = lowerBound(after, end);
  const to = a < after.length ? after[a]! + 1 : text.length;
  return text.slice(from, to).trim();
}
