import { editDistance } from '../parse/distance.js';
import { hasCjk } from '../parse/text.js';

/** User text → Lucene syntax. Never raw syntax from the user: every special character is escaped. */

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const escape = (w: string) => w.replace(LUCENE_SPECIAL, '\\$&');

/** Every word as a prefix, plus the whole text as a phrase. */
export function luceneQuery(q: string): string {
  const words = q.split(/\s+/).filter(Boolean).map(escape);
  const phrase = `"${q.replace(/["\\]/g, '\\$&')}"`;
  // The analyzer splits Chinese into single characters; a phrase query matches them in order.
  if (hasCjk(q)) return phrase;
  const prefixes = words.map((w) => `${w}*`).join(' AND ');
  return prefixes ? `(${prefixes}) OR ${phrase}` : phrase;
}

/**
 * Typo-tolerant: every word of three or more letters as a fuzzy term; any of them may match, or
 * with `every`, all of them (what search wants: "Data market" should not offer every "Market"). Short
 * words allow one edit, longer ones two ("Minstry" → "Ministry"); words of one or two letters
 * ("of") would match almost anything within two edits and are left out.
 */
export function luceneFuzzy(q: string, every = false): string {
  if (hasCjk(q)) return luceneQuery(q);
  const words = q
    .split(/\s+/)
    // Lower case: the index is, and a bare "AND", "OR" or "NOT" would be read as an operator.
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase())
    .filter((w) => w.length > 2)
    .map((w) => `${escape(w)}~${w.length > 5 ? 2 : 1}`);
  return words.length ? words.join(every ? ' AND ' : ' OR ') : luceneQuery(q);
}

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * How far a typed text is from a name: each typed word costs its distance to the closest word of
 * the name (at most its own length). "Minstry of Industry" is 1 from "Ministry of Industry and
 * Information Technology" and 8 from "Ministry of Commerce".
 */
export function nameDistance(typed: string, name: string): number {
  const nameWords = words(name);
  return words(typed).reduce((sum, w) => sum + Math.min(w.length, ...nameWords.map((n) => editDistance(w, n))), 0);
}
