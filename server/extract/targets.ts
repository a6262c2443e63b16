import { compileOnce, escapeRegex } from './normalize.js';

/** Quantified targets in a write-up's key points: "CNY 150 billion", "56 percent", "45,000 enterprises by 2026". */

export interface Target {
  text: string;
  /** The quantities as written, e.g. ["CNY 150 billion", "30 percent"]. */
  values: string[];
  year?: number;
}

const CURRENCY = '(?:CNY|RMB|USD|EUR|US\\$|\\$|€|¥)';
const SCALE = '(?:trillion|billion|million|thousand|bn|mn)';
const NUM = '\\d+(?:[.,]\\d+)*';
// A number starts where no digit (or digit and separator) comes before it: a match starting inside
// "1,234,567" extends to its start, which is found first. Without this, every digit of a long run
// of digits started a scan to the end of the run (quadratic).
const NUM_START = '(?<!\\d|\\d[.,])';
/** Money, percentages, and counts of the things targets count (server/extract/data/targets.json). */
const buildQuantityPattern = (units: string[]): RegExp =>
  new RegExp(
    [
      `${CURRENCY}\\s?${NUM}(?:\\s?${SCALE})?`,
      `${NUM_START}${NUM}(?:\\s?${SCALE})?\\s?(?:${CURRENCY}|yuan)`,
      `${NUM_START}${NUM}\\s?(?:percent|per cent|%)`,
      `${NUM_START}${NUM}(?:\\s?${SCALE})?\\s+(?:[a-zA-Z-]+\\s){0,2}?(?:${units.map(escapeRegex).join('|')})`,
    ].join('|'),
    'g',
  );
const quantityPattern = compileOnce(buildQuantityPattern);

const YEAR_IN_TEXT = /\b(?:by|in|for|until|before|through)\s+(?:the end of\s+)?(20\d\d)\b/i;

/**
 * Acronyms the write-up defines for something targets count: "Development Zones (HIDZ)" makes
 * "220 HIDZ" a count of zones. Read per write-up, since each document coins its own.
 */
const lowerCased = compileOnce((units: string[]) => new Set(units.map((u) => u.toLowerCase())));

/**
 * The word (letters and hyphens) that ends just before `end`, spaces between allowed, within the
 * 40 characters before it: a bounded look back keeps a line of many acronyms linear.
 */
function wordBefore(text: string, end: number): string {
  const stop = Math.max(0, end - 40);
  let j = end;
  while (j > stop && /\s/.test(text[j - 1]!)) j--;
  let i = j;
  while (i > stop && /[A-Za-z-]/.test(text[i - 1]!)) i--;
  return text.slice(i, j);
}

export function definedUnits(texts: string[], units: string[]): string[] {
  const known = lowerCased(units);
  const out = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/\(([A-Z]{2,8})s?\)/g)) {
      const head = wordBefore(text, m.index).toLowerCase();
      if (head && (known.has(head) || known.has(`${head}s`))) out.add(m[1]!).add(`${m[1]!}s`);
    }
  }
  return [...out];
}

/** Targets from bullet points; the year comes from the bullet or else from the summary's lead sentence. */
export function extractTargets(bullets: { text: string }[], summary: string, units: string[]): Target[] {
  const coined = definedUnits([summary, ...bullets.map((b) => b.text)], units);
  // Coined acronyms are rare; their pattern is built for the write-up alone rather than cached.
  const quantity = coined.length ? buildQuantityPattern([...units, ...coined]) : quantityPattern(units);
  const defaultYear = YEAR_IN_TEXT.exec(summary)?.[1];
  const out: Target[] = [];
  for (const b of bullets) {
    const values = [...b.text.matchAll(quantity)].map((m) => m[0].trim()).filter((v) => !/^(19|20)\d\d$/.test(v));
    if (!values.length) continue;
    const year = YEAR_IN_TEXT.exec(b.text)?.[1] ?? defaultYear;
    out.push({ text: b.text, values, ...(year ? { year: Number(year) } : {}) });
  }
  return out;
}
