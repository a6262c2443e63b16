import { rememberRecent } from '../recent.js';

/**
 * `fn` with its results kept: extraction meets the same few thousand names over and over (every
 * candidate is checked against places, outlets and agencies). Bounded: at `max` entries the memo
 * starts again, which only costs recomputation.
 */
export function memoise<T>(fn: (key: string) => T, max = 50_000): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    const hit = memo.get(key);
    if (hit !== undefined || memo.has(key)) return hit as T;
    if (memo.size >= max) memo.clear();
    const value = fn(key);
    memo.set(key, value);
    return value;
  };
}

/**
 * `compile` run once per input object (a registry list, the taxonomy, a unit list): each brief
 * reuses what the first one compiled. Weakly held: a registry that is dropped takes its compiled
 * form with it.
 */
export function compileOnce<K extends object, V>(compile: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compile(key)));
    return value;
  };
}

/** Lookup key for names: case, quotes, dashes, "the", possessives and spacing do not matter. */
export const nameKey = memoise((s: string) =>
  s
    .normalize('NFKC')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/&/g, ' and ')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/'s$/, '')
    // (?<!…): only the first of a run of dots may start the match (from each one it was quadratic).
    .replace(/(?<![.,;:"])[.,;:"]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim(),
);

const slugs = new Map<number, (s: string) => string>();

/** URL- and id-safe slug. Every company mention and node id goes through here. */
export function slug(s: string, max = 80): string {
  let of = slugs.get(max);
  if (!of) slugs.set(max, (of = memoise((x) => computeSlug(x, max))));
  return of(s);
}

function computeSlug(s: string, max: number): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9\u3400-\u9fff]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/(?<!-)-+$/, '');
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export { editDistance } from '../parse/distance.js';

/** editDistance(a, b) <= max, giving up as soon as a whole row exceeds max. */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}

const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};
const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "Sixteen", "16" → 16. */
export function numberWord(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  return NUMBER_WORDS[s.toLowerCase()];
}

/** "十六" → 16, "七" → 7, "十二" → 12, "二十" → 20. */
export function zhNumber(s: string): number | undefined {
  if (!s) return undefined;
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m) return undefined;
  if (!m[2]) return m[1] ? ZH_DIGITS[m[1]] : undefined;
  return (m[1] ? ZH_DIGITS[m[1]]! : 1) * 10 + (m[3] ? ZH_DIGITS[m[3]]! : 0);
}

/**
 * Phrases to find as whole-word sequences: a trie over their words. Words are numbered in one
 * vocabulary shared by every index. Tokenising a text numbers its words straight from its
 * characters (a hash of the lower-cased code units, checked against the vocabulary's word), so no
 * string is cut per word, and each matcher then walks its trie by number. Every sentence is read by
 * three matchers (agencies, companies, sectors): cutting, lower-casing and hashing each word three
 * times was a sixth of extraction.
 */
export interface PhraseIndex {
  /** By first word's number; numbers added to the vocabulary after this index are past its end. */
  root: (TrieNode | undefined)[];
}
interface TrieNode {
  next: Map<number, TrieNode>;
  phrase?: string;
}

// Word characters are \p{L} and \p{N}, looked up per UTF-16 unit. Characters outside the BMP
// (emoji, rare ideographs) end a word.
const WORD_UNIT = new Uint8Array(65536);
// The lower case of each unit, as String.prototype.toLowerCase gives it; SPECIAL where that is not
// one unit or depends on the context (İ becomes two units, Σ ends a word as ς).
const LOWER = new Uint16Array(65536);
const SPECIAL = 0xffff;
// Built 256 units at a time: one regex pass and one toLowerCase per block, not per unit, halves
// the start-up cost of the two tables.
for (let block = 0; block < 65536; block += 256) {
  const units = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => block + i));
  const words = units.replace(/[^\p{L}\p{N}]/gu, '\0');
  const lower = units.toLowerCase();
  for (let i = 0; i < 256; i++) {
    const c = block + i;
    WORD_UNIT[c] = c !== 0 && (c < 0xd800 || c > 0xdfff) && words.charCodeAt(i) !== 0 ? 1 : 0;
    // A block whose lower case changed length holds a unit that lower-cases to two: per unit there.
    const l = lower.length === 256 ? lower[i]! : String.fromCharCode(c).toLowerCase();
    LOWER[c] = l.length === 1 && c !== 0x3a3 && c !== SPECIAL ? l.charCodeAt(0) : SPECIAL;
  }
}

/**
 * The vocabulary: each word once, its number its position, found through an open-addressed table
 * from the word's hash. Grows only when an index is compiled (once per registry).
 */
const vocabularyWords: string[] = [];
let slots = new Int32Array(1024); // number + 1; 0 is empty
const NOT_IN_VOCABULARY = -1;

function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The number of a lower-case word, or NOT_IN_VOCABULARY. */
function numberOf(word: string): number {
  const mask = slots.length - 1;
  for (let i = hashWord(word) & mask; slots[i]; i = (i + 1) & mask) if (vocabularyWords[slots[i]! - 1] === word) return slots[i]! - 1;
  return NOT_IN_VOCABULARY;
}

function addToVocabulary(word: string): number {
  const known = numberOf(word);
  if (known !== NOT_IN_VOCABULARY) return known;
  vocabularyWords.push(word);
  // Kept at most half full, so a probe ends soon.
  if (vocabularyWords.length * 2 > slots.length) {
    slots = new Int32Array(slots.length * 4);
    vocabularyWords.forEach(place);
  } else place(word, vocabularyWords.length - 1);
  return vocabularyWords.length - 1;
}
function place(word: string, id: number): void {
  const mask = slots.length - 1;
  let i = hashWord(word) & mask;
  while (slots[i]) i = (i + 1) & mask;
  slots[i] = id + 1;
}

/** The number of text[s, e) lower-cased, or NOT_IN_VOCABULARY: hashed from the characters, no string cut. */
function wordNumber(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) {
    const lower = LOWER[text.charCodeAt(i)]!;
    if (lower === SPECIAL) return numberOf(text.slice(s, e).toLowerCase());
    h = Math.imul(h ^ lower, 0x01000193);
  }
  const mask = slots.length - 1;
  for (let i = (h >>> 0) & mask; slots[i]; i = (i + 1) & mask) {
    const word = vocabularyWords[slots[i]! - 1]!;
    if (word.length === e - s && sameLowerCase(word, text, s)) return slots[i]! - 1;
  }
  return NOT_IN_VOCABULARY;
}
function sameLowerCase(word: string, text: string, s: number): boolean {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== LOWER[text.charCodeAt(s + k)]) return false;
  return true;
}

/** Where each word of a text starts and ends, and its vocabulary number (as of `vocabularySize`). */
export interface Words {
  start: number[];
  end: number[];
  ids: number[];
  vocabularySize: number;
}

// The inner loop of extraction: one pass finds and numbers each word (numbering in a second pass
// over the spans cost a few percent).
function tokenize(text: string): Words {
  const start: number[] = [];
  const end: number[] = [];
  const ids: number[] = [];
  const n = text.length;
  for (let i = 0; i < n;) {
    if (!WORD_UNIT[text.charCodeAt(i)]) {
      i++;
      continue;
    }
    const s = i;
    while (i < n && WORD_UNIT[text.charCodeAt(i)]) i++;
    start.push(s);
    end.push(i);
    ids.push(wordNumber(text, s, i));
  }
  return { start, end, ids, vocabularySize: vocabularyWords.length };
}

/** Lower-case words of a phrase, as the tokeniser delimits them. Index compilation only. */
function wordsOf(phrase: string): string[] {
  const { start, end } = tokenize(phrase);
  return start.map((s, i) => phrase.slice(s, end[i]).toLowerCase());
}

export function phraseIndex(phrases: string[]): PhraseIndex {
  const tokenised = phrases.map((p) => [p, wordsOf(p).map(addToVocabulary)] as const).filter(([, ids]) => ids.length);
  // Filled, not holey: a sparse array this long would fall back to a dictionary.
  const root = new Array<TrieNode | undefined>(vocabularyWords.length).fill(undefined);
  for (const [p, [first, ...rest]] of tokenised) {
    let node: TrieNode = (root[first!] ??= { next: new Map() });
    for (const id of rest) {
      let child = node.next.get(id);
      if (!child) node.next.set(id, (child = { next: new Map() }));
      node = child;
    }
    node.phrase ??= p;
  }
  return { root };
}

// The agency, company and sector matchers read the same sentence one after another: tokenise it
// once.
export const wordsWithOffsets: (text: string) => Words = rememberRecent(16, tokenize);

/**
 * Every occurrence of an indexed phrase in `text`, as [phrase, start, end], longest match first
 * at each word and without overlaps. Walks the trie from each word: cost grows with the text,
 * not with the number of phrases.
 */
export function matchPhrases(text: string, index: PhraseIndex): [phrase: string, start: number, end: number][] {
  const words = wordsWithOffsets(text);
  // An index compiled since this text was tokenised may know words it did not.
  if (words.vocabularySize !== vocabularyWords.length) {
    for (let i = 0; i < words.ids.length; i++) words.ids[i] = wordNumber(text, words.start[i]!, words.end[i]!);
    words.vocabularySize = vocabularyWords.length;
  }
  const { ids, start, end } = words;
  const { root } = index;
  const out: [string, number, number][] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    // Past the end: a word first seen by an index compiled after this one.
    if (id < 0 || id >= root.length) continue;
    let node = root[id];
    if (!node) continue;
    let phrase = node.phrase;
    let last = i;
    for (let j = i + 1; j < ids.length; j++) {
      node = node.next.get(ids[j]!);
      if (!node) break;
      if (node.phrase) {
        phrase = node.phrase;
        last = j;
      }
    }
    if (phrase) {
      out.push([phrase, start[i]!, end[last]!]);
      i = last;
    }
  }
  return out;
}
