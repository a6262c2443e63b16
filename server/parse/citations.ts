import { z } from 'zod';
import { loadDataFile } from '../dataFiles.js';

/**
 * The words that mark a trailing parenthesis as a citation ("(Reuters article; MIIT notice (CN))")
 * rather than part of the sentence, from `sourceWords` in server/extract/data/outlets.json: every
 * brief names its sources a little differently, and a maintainer extends the list, not a regex.
 */
export const outletsSchema = z.object({ outlets: z.array(z.string().min(1)), sourceWords: z.array(z.string().min(1)) });

export interface CitationWords {
  /** The text names a kind of source ("article", "press release", "CN"). */
  mentionsSource(text: string): boolean;
  /** "Reuters article" → "Reuters": the source with a trailing source word removed. */
  withoutSourceWord(source: string): string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: string[]) =>
  [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

let cached: CitationWords | undefined;

/** Loaded and validated once per process. */
export function citationWords(): CitationWords {
  if (cached) return cached;
  const data = loadDataFile('outlets.json', outletsSchema);
  // "(CN)" is written with its parentheses in the file; inside a citation it is the bare code.
  const words = data.sourceWords.map((w) => w.replace(/^\((.+)\)$/, '$1'));
  // Language codes and other all-capital words are matched as written ("CN", not "cn"): in lower
  // case they are ordinary words of other languages.
  const capitals = words.filter((w) => /^[A-Z]{2,4}$/.test(w));
  const others = words.filter((w) => !capitals.includes(w));
  const edge = (body: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, flags);
  const anyCase = edge(alternation(others), 'iu');
  const asWritten = edge(alternation(capitals), 'u');
  // Only one trailing word ("Caixin report" → "Caixin"), and never the whole source.
  const trailing = new RegExp(`(?<=\\S)\\s+(?:${alternation(others)})$`, 'iu');
  cached = {
    mentionsSource: (text) => anyCase.test(text) || asWritten.test(text),
    withoutSourceWord: (source) => source.replace(trailing, ''),
  };
  return cached;
}
