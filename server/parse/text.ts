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
  s = s.replace(/<\/?[a-z][^>]*>/gi, (tag) => (/^<\/?(b|i|em|strong|u|span|br)\b/i.test(tag) ? '' : tag));
  // [text](url) → text, including escaped parentheses inside the text.
  s = s.replace(/\[((?:[^\]\\]|\\.)*)\]\([^)]*\)/g, '$1');
  s = s.replace(/\\([()[\]*_#.\-])/g, '$1');
  s = s.replace(/^\s{0,3}#{1,6}\s+/, '');
  s = s.replace(/\*\*|__/g, '');
  s = s.replace(/\u00a0/g, ' ');
  return s.trimEnd();
}

export interface Line {
  no: number;
  raw: string;
  text: string;
}

export function toLines(text: string): Line[] {
  return text.split(/\r\n|\r|\n/).map((raw, i) => ({ no: i + 1, raw, text: cleanLine(raw).trim() }));
}

const BULLET = /^(?:[•●▪◦·]|[-–*](?=\s))\s*/;
export const isBullet = (s: string) => BULLET.test(s);
export const stripBullet = (s: string) => s.replace(BULLET, '').trim();

/** Table-of-contents entries: "Title ..... 3" or "Title<TAB>4". */
export const isTocLine = (s: string) => /(\.{3,}|…{2,})\s*\d{1,3}\s*$/.test(s) || /\t\s*\d{1,3}\s*$/.test(s);

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

/** Splits on the separators at parenthesis/quote depth 0. */
export function splitTopLevel(s: string, sep: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '(' || c === '（') depth++;
    else if ((c === ')' || c === '）') && depth > 0) depth--;
    else if (c === '“') quote = true;
    else if (c === '”') quote = false;
    if (depth === 0 && !quote) {
      const m = sep.exec(s.slice(i));
      if (m && m.index === 0) {
        out.push(cur);
        cur = '';
        i += m[0].length - 1;
        continue;
      }
    }
    cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/** Sentence containing the character range [start, end) of `text`. */
export function sentenceAround(text: string, start: number, end = start): string {
  const before = text.slice(0, start);
  const from = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '), before.lastIndexOf('? '), before.lastIndexOf('! '));
  const rest = text.slice(end);
  const m = /[.;?!](\s|$)/.exec(rest);
  const to = m ? end + m.index + 1 : text.length;
  return text.slice(from < 0 ? 0 : from + 2, to).trim();
}
