import { inferYear, isoIfValid, monthIndex } from '../parse/dates.js';
import { firstCjkIndex, matchParen, splitTopLevel } from '../parse/text.js';
import type { AgencyResolver } from './agencies.js';
import { compileOnce, matchPhrases, numberWord, phraseIndex } from './normalize.js';
import type { DocumentWords } from './registry.js';

/**
 * One reader for "a body did something to a document", whatever the sentence sits in: a write-up's
 * summary ("The Ministry of Ecology and Environment (MEE) has released guiding opinions on how to
 * improve …", "The MIIT and six other agencies issued an action plan to …"), an earlier-layout
 * write-up's prose, a dated news line ("NDRC and MOST released the “Implementation Plan for …”",
 * "Ten government agencies led by the NDRC issue the 14th FYP for …", "Guidelines on … were jointly
 * issued by the NDRC and the NEA on March 24"). The issuers are the subject (or the "by" phrase),
 * the title is the quoted title or else the document type and its subject ("Guiding Opinions on …"),
 * the date is the sentence's when it gives one.
 *
 * Precision before recall: a sentence counts only when a release verb follows a subject made of
 * bodies and a document type follows the verb (server/extract/data/documents.json). The callers
 * decide what a reading becomes (extract/prosePolicy.ts, extract/newsPolicy.ts).
 */

/** What a sentence says a body did to a document. */
export interface Statement {
  title: string;
  /** 'quoted': the sentence puts the title in quotation marks; 'descriptive': built from its words. */
  titleKind: 'quoted' | 'descriptive';
  titleZh?: string;
  issuers: Issuers;
  /** 'draft' for a draft, a comment version or a call for comments on one. */
  status: 'draft' | 'final';
  /** The day or month the sentence itself gives ("on March 24"), the year nearest `briefDate`. */
  date?: { date: string; precision: 'day' | 'month' };
  /** Offsets of the verb and the end of the document's name in the sentence. */
  verbAt: number;
  documentEnd: number;
}

/** The bodies a subject names; `count` when it says how many there are ("X and six other agencies"). */
export interface Issuers {
  /** Names as written, one per body. Empty when the sentence counts bodies without naming them. */
  parts: string[];
  text: string;
  count?: number;
  incomplete: boolean;
  /** "Four central agencies", "the central government": bodies the sentence does not name. */
  unnamed?: string;
}

export interface StatementContext {
  agencies: AgencyResolver;
  words: DocumentWords;
  /** The briefing's month ("2021-01") or date: the year of "on March 24". */
  briefDate?: string;
}

/** A subject longer than this is a clause, not a list of issuing bodies. */
const MAX_SUBJECT_WORDS = 48;
/** Words between the verb and the document type ("a draft smart manufacturing development plan"). */
const MAX_PREMODIFIERS = 8;
/** Words of the document's subject kept in its title. */
const MAX_SUBJECT_OF_DOCUMENT = 32;
/** "(2024-2026)", "(2021)", "(Draft for Comment)", "(Trial)": parentheses that belong to a title. */
const TITLE_PARENS = /^[(（](?:\d{4}(?:[-–—]\d{4})?|draft[\w ]{0,30}|trial|for trial implementation|revised|\w+ batch)[)）]$/i;

/** Words that may stand between a subject and its verb: "has jointly released". */
const AUXILIARIES = new Set([
  'has',
  'have',
  'had',
  'jointly',
  'also',
  'recently',
  'officially',
  'formally',
  'finally',
  'just',
  'now',
  'newly',
  'was',
  'were',
  'been',
  'is',
  'are',
]);
/** Words that make a release one still to come. */
const MODALS = new Set(['will', 'would', 'shall', 'may', 'might', 'could', 'should', 'must', 'can', 'to', 'soon', 'plans', 'intends', 'expected']);
/** Words before the document type that are not part of its name. */
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'its',
  'their',
  'new',
  'long-awaited',
  'latest',
  'another',
  'first',
  'second',
  'third',
  'two',
  'three',
  'four',
  'five',
  'several',
]);
/** "a set of measures", "a draft of guidelines": the word before "of" is not part of the title. */
const COLLECTIVES = new Set(['set', 'series', 'batch', 'package', 'number', 'raft', 'draft', 'version']);
/** Lower-case words that belong inside agency names ("Ministry of Industry and Information Technology"). */
const NAME_WORDS = new Set(['of', 'and', 'for', 'the', '&']);
/** Words that end a "by …" issuer list: the sentence goes on with something else. */
const BY_LIST_ENDS = new Set([
  'on',
  'in',
  'to',
  'at',
  'with',
  'which',
  'that',
  'after',
  'last',
  'this',
  'as',
  'aiming',
  'aimed',
  'while',
  'under',
  'during',
  'amid',
  'following',
  'before',
  'from',
  'was',
  'were',
  'is',
  'are',
  'has',
  'have',
  'will',
  'earlier',
  'together',
  'along',
]);
/** Words an unresolved issuer must contain to count as a body at all. */
const INSTITUTION =
  /\b(?:ministry|ministries|commission|administration|council|bureau|office|committee|department|agency|government|regulator|authority|academy|bank|court|congress|association|leading group|cac)\b/i;
/** Title case keeps these lower-case inside a title. */
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with', 'via']);

/** The text without one trailing punctuation mark of `marks`, trimmed (no regex: it is tried at every position). */
const withoutEndPunct = (s: string, marks: string) => (marks.includes(s.trimEnd().at(-1) ?? 'x') ? s.trimEnd().slice(0, -1) : s).trim();

interface Token {
  /** As written, without trailing punctuation. */
  text: string;
  lower: string;
  start: number;
  end: number;
  /** The token is followed by , ; : or . (a phrase ends here). */
  stop: boolean;
}

/** Words of a sentence with their offsets; one linear pass, by character code (a regex's match objects cost more). */
function tokenise(s: string): Token[] {
  const out: Token[] = [];
  const n = s.length;
  for (let i = 0; i < n;) {
    if (isSpace(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && !isSpace(s.charCodeAt(i))) i++;
    let cut = i;
    while (cut > start && isStop(s.charCodeAt(cut - 1))) cut--;
    // "U.S." and "e.g." keep their dots; a sentence never ends inside a sentence.
    if (cut === start) continue;
    const text = s.slice(start, cut);
    const lower = text.toLowerCase();
    out.push({
      text,
      lower: lower.includes('’') || lower.includes('‘') ? lower.replace(/[’‘]/g, "'") : lower,
      start,
      end: i,
      stop: cut < i,
    });
  }
  return out;
}

/** The characters of JavaScript's \s. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** , ; : . ! ? */
const isStop = (c: number) => c === 44 || c === 59 || c === 58 || c === 46 || c === 33 || c === 63;

/** Phrases (lower-case word sequences) by first word, longest first. */
type PhraseTable = Map<string, string[][]>;
function phraseTable(phrases: string[]): PhraseTable {
  const t: PhraseTable = new Map();
  for (const p of phrases) {
    const words = p.split(/\s+/);
    t.set(words[0]!, [...(t.get(words[0]!) ?? []), words]);
  }
  for (const list of t.values()) list.sort((a, b) => b.length - a.length);
  return t;
}
/** Length of the longest phrase starting at token i (no phrase may run over a stop), else 0. */
function phraseAt(tokens: Token[], i: number, table: PhraseTable): number {
  for (const words of table.get(tokens[i]?.lower ?? '') ?? []) {
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) ok = tokens[i + k]?.lower === words[k] && !tokens[i + k - 1]!.stop;
    if (ok) return words.length;
  }
  return 0;
}

const tablesOf = compileOnce((words: DocumentWords) => ({
  verbs: phraseTable(words.verbs),
  types: phraseTable(words.types),
  connectors: phraseTable(words.connectors),
  stops: phraseTable(words.stops),
}));

/** Sentences of a paragraph (the first `max`); "e.g. " and "U.S. " do not end one. */
export function sentences(paragraph: string, max = Infinity): string[] {
  const out: string[] = [];
  const s = paragraph.replace(/\s+/g, ' ').trim();
  let from = 0;
  for (let i = 0; i < s.length && out.length < max; i++) {
    if (!'.!?'.includes(s[i]!) || s[i + 1] !== ' ') continue;
    const next = s[i + 2] ?? '';
    const word = s.slice(s.lastIndexOf(' ', i) + 1, i + 1);
    if (
      !/[A-Z“"(0-9]/.test(next) ||
      /^(?:e\.g|i\.e|etc|approx|No|U\.S|U\.K|Co|Ltd|Inc|vs|Mr|Ms|Dr|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$/i.test(word)
    )
      continue;
    out.push(s.slice(from, i + 1));
    from = i + 2;
  }
  if (from < s.length && out.length < max) out.push(s.slice(from));
  return out;
}

/** "guiding opinions" → "Guiding Opinions"; small words stay lower-case inside the title. */
function titleCase(words: string[], first: boolean): string {
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lower = w.toLowerCase();
    out += (i ? ' ' : '') + (SMALL_WORDS.has(lower) && !(first && i === 0) ? lower : capitalised(w));
  }
  return out;
}

/**
 * The word with its first letter a capital; a quoted word is capitalised after its quotation mark
 * ("“specialized" → "“Specialized"). By index, not a replace with a callback: it runs for every
 * word of every title read.
 */
function capitalised(w: string): string {
  const at = '“"‘('.includes(w[0] ?? 'x') ? 1 : 0;
  const c = w.charCodeAt(at);
  return c >= 97 && c <= 122 ? w.slice(0, at) + String.fromCharCode(c - 32) + w.slice(at + 1) : w;
}

/** The texts of tokens [from, to). */
function textsOf(tokens: Token[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let k = from; k < to; k++) out.push(tokens[k]!.text);
  return out;
}

/**
 * The document named from token `from` on: determiners, up to MAX_PREMODIFIERS words, a document
 * type, and its subject after a connector ("on how to improve …"). Undefined when no document type
 * comes first.
 */
function documentAt(tokens: Token[], from: number, t: ReturnType<typeof tablesOf>): { title: string; end: number; quoted: boolean } | undefined {
  let j = from;
  while (j < tokens.length && (DETERMINERS.has(tokens[j]!.lower) || (COLLECTIVES.has(tokens[j]!.lower) && tokens[j + 1]?.lower === 'of'))) {
    if (tokens[j]!.stop) return undefined;
    j += COLLECTIVES.has(tokens[j]!.lower) ? 2 : 1;
  }
  // A quoted name without a document type in it ("the “14th Five-Year” special plan") is a premodifier.
  const quoted = OPEN_QUOTE.includes(tokens[j]?.text[0] ?? 'x') ? quotedDocument(tokens, j, t) : undefined;
  if (quoted) return quoted;
  for (let k = j; k < Math.min(tokens.length, j + MAX_PREMODIFIERS + 1); k++) {
    const len = phraseAt(tokens, k, t.types);
    if (len) {
      const name = textsOf(tokens, j, k + len);
      let end = k + len;
      // "regulatory conditions (2021) (Draft for Comment)": parentheses of the title itself.
      for (
        let p = end < tokens.length && !tokens[end - 1]!.stop ? titleParens(tokens, end) : 0;
        p > 0;
        p = tokens[end - 1]!.stop ? 0 : titleParens(tokens, end)
      ) {
        name.push(...textsOf(tokens, end, end + p));
        end += p;
      }
      const connector = tokens[end - 1]!.stop ? 0 : phraseAt(tokens, end, t.connectors);
      const complement: string[] = [];
      if (connector) {
        let m = end + connector;
        const words: string[] = [];
        while (m < tokens.length && words.length < MAX_SUBJECT_OF_DOCUMENT && !endsTitle(tokens, m, t)) {
          const parens = titleParens(tokens, m);
          if (parens < 0) break;
          if (parens) {
            words.push(textsOf(tokens, m, m + parens).join(' '));
            m += parens;
            if (tokens[m - 1]!.stop) break;
            continue;
          }
          words.push(tokens[m]!.text);
          if (tokens[m++]!.stop) break;
        }
        if (words.length) {
          for (let c = end; c < end + connector; c++) complement.push(tokens[c]!.lower);
          complement.push(...words);
          end = m;
        }
      }
      const named = titleCase(name, true);
      const about = complement.length ? titleCase(complement, false) : '';
      return { title: named && about ? `${named} ${about}` : named || about, end, quoted: false };
    }
    // Premodifiers are one noun phrase: a comma, a connector or a verb ends it.
    if (tokens[k]!.stop || phraseAt(tokens, k, t.connectors) || phraseAt(tokens, k, t.verbs)) return undefined;
  }
  return undefined;
}

const OPEN_QUOTE = '“"‘';
const CLOSE_QUOTE = '”"’';
/** Words a quoted title may run to. */
const MAX_QUOTED_WORDS = 40;

/**
 * 'released the “Implementation Plan for …”': a title in quotation marks is the document's name
 * when a document type is among its words; otherwise the quotation is part of a longer name.
 */
function quotedDocument(tokens: Token[], at: number, t: ReturnType<typeof tablesOf>): { title: string; end: number; quoted: true } | undefined {
  for (let k = at; k < Math.min(tokens.length, at + MAX_QUOTED_WORDS); k++) {
    const w = tokens[k]!.text;
    if (!(CLOSE_QUOTE.includes(w.at(-1)!) && (k > at || w.length > 1))) continue;
    const inside = stripQuotes(tokens.slice(at, k + 1));
    let typed = false;
    for (let i = 0; i < inside.length && !typed; i++) typed = phraseAt(inside, i, t.types) > 0;
    if (!typed) return undefined;
    const title = textsOf(inside, 0, inside.length).join(' ').slice(1, -1).trim();
    return title ? { title, end: k + 1, quoted: true } : undefined;
  }
  return undefined;
}

/** The tokens with their lower-case words unquoted (their texts as written). */
function stripQuotes(ts: Token[]): Token[] {
  for (let i = 0; i < ts.length; i++) {
    const lower = trimQuotes(ts[i]!.lower);
    if (lower !== ts[i]!.lower) ts[i] = { ...ts[i]!, lower };
  }
  return ts;
}

const OPENING = new Set(['“', '"', '‘', "'"]);
const CLOSING = new Set(['”', '"', '’', "'"]);
/** Quotes off both ends, by index: `[”"’']+$` as a regex retries from every quote of a long run (quadratic). */
function trimQuotes(w: string): string {
  let a = 0;
  let b = w.length;
  while (a < b && OPENING.has(w[a]!)) a++;
  while (b > a && CLOSING.has(w[b - 1]!)) b--;
  return a === 0 && b === w.length ? w : w.slice(a, b);
}

/** Words that end a document's subject: "… were issued", "… on March 24", "… in March", a clause. */
const CLAUSE_VERBS = new Set(['was', 'were', 'is', 'are', 'has', 'have', 'had', 'will', 'would', 'which', 'that']);
function endsTitle(tokens: Token[], m: number, t: ReturnType<typeof tablesOf>): boolean {
  const w = tokens[m]!.lower;
  if (CLAUSE_VERBS.has(w) || phraseAt(tokens, m, t.stops)) return true;
  // Inside a name, "Issues", "Updates" and "Release" are nouns: only a past form ("… were released")
  // or a phrasal verb ("put forward") ends it.
  const verb = phraseAt(tokens, m, t.verbs);
  if (verb > 1 || (verb && w.endsWith('ed'))) return true;
  if (w !== 'on' && w !== 'in') return false;
  const next = tokens[m + 1]?.text;
  return isMonth(next) || (!!next && ORDINAL.test(next) && isMonth(tokens[m + 2]?.text));
}

/**
 * At a "(": the number of tokens of a parenthesis that belongs to the title ("(2024-2026)"), or -1
 * when it ends the title (an acronym, the Chinese title). 0 when no parenthesis starts here.
 */
function titleParens(tokens: Token[], at: number): number {
  const first = tokens[at]!.text;
  if (!first.startsWith('(') && !first.startsWith('（')) return 0;
  for (let k = at; k < Math.min(tokens.length, at + 6); k++) {
    if (')）'.includes(tokens[k]!.text.at(-1)!)) return TITLE_PARENS.test(textsOf(tokens, at, k + 1).join(' ')) ? k + 1 - at : -1;
  }
  return -1;
}

/** A Chinese title given in brackets in the sentence: "(关于…的指导意见)" or "《…》". */
function chineseTitle(s: string): string | undefined {
  const cjk = firstCjkIndex(s);
  if (cjk < 0) return undefined;
  let k = cjk - 1;
  while (k >= 0 && '《“"「'.includes(s[k]!)) k--;
  if (k < 0) return undefined;
  if (s[k] === '(' || s[k] === '（') {
    const close = matchParen(s, k);
    return close > 0 ? s.slice(k + 1, close).trim() : undefined;
  }
  if (s[cjk - 1] === '《') {
    const close = s.indexOf('》', cjk);
    return close > 0 ? s.slice(cjk - 1, close + 1) : undefined;
  }
  return undefined;
}

const ORDINAL = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR = /^(?:19|20)\d{2}$/;
const MONTH_WORDS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);
const isMonth = (w: string | undefined) => !!w && MONTH_WORDS.has(w.toLowerCase().replace(/\.$/, ''));

/**
 * "on March 24", "on 24 March 2021", "in March": the day (or month) the sentence gives. The year is
 * the sentence's or the one nearest the briefing.
 */
function dateIn(tokens: Token[], reference: string | undefined): { date: string; precision: 'day' | 'month' } | undefined {
  for (let i = 0; i < tokens.length - 1; i++) {
    const w = tokens[i]!.lower;
    if (w !== 'on' && w !== 'in') continue;
    const a = tokens[i + 1]!;
    const b = tokens[i + 2];
    const c = tokens[i + 3];
    let month = -1;
    let day = 0;
    let year: number | undefined;
    if (w === 'on' && isMonth(a.text) && b && ORDINAL.test(b.text)) {
      [month, day] = [monthIndex(a.text) + 1, Number(ORDINAL.exec(b.text)![1])];
      if (c && YEAR.test(c.text)) year = Number(c.text);
    } else if (w === 'on' && ORDINAL.test(a.text) && isMonth(b?.text)) {
      [month, day] = [monthIndex(b!.text) + 1, Number(ORDINAL.exec(a.text)![1])];
      if (c && YEAR.test(c.text)) year = Number(c.text);
    } else if (w === 'in' && isMonth(a.text) && a.text.length > 3 && /^[A-Z]/.test(a.text)) {
      month = monthIndex(a.text) + 1;
      if (b && YEAR.test(b.text)) year = Number(b.text);
    }
    if (month < 1) continue;
    if (!year && !reference) continue;
    const y = year ?? inferYear(month, day || 15, reference!.length === 7 ? `${reference}-15` : reference!);
    if (!day) return { date: `${y}-${String(month).padStart(2, '0')}`, precision: 'month' };
    const iso = isoIfValid(y, month, day);
    if (iso) return { date: iso, precision: 'day' };
  }
  return undefined;
}

/**
 * "Ten government agencies led by the NDRC", "Eight government agencies, led by X and Y", "Four
 * central agencies": a counted group of bodies, with the ones it names after "led by".
 */
const COUNTED =
  /^(\w+) (?:other )?(?:(?:central|government|state|national|ministerial|chinese|provincial|local|municipal|regulatory) )*(?:agencies|ministries|departments|bodies|regulators|authorities|commissions|institutions|units|organi[sz]ations)(?:,? (?:jointly )?led by (.+?))?,?$/i;

/** The issuing bodies a subject names, and how many it says there are ("X and six other agencies"). */
function issuersOf(subject: string, ctx: StatementContext): Issuers | undefined {
  const words = subject.split(' ');
  if (words.length > MAX_SUBJECT_WORDS) return undefined;
  const { agencies } = ctx;
  // Bounded input (MAX_SUBJECT_WORDS): the patterns below see at most a few hundred characters.
  let s = subject.replace(/^(?:on|in)\s[^,]{1,40},\s*/i, '').replace(/^the\s+/i, '');
  let count: number | undefined;
  let incomplete = false;
  // The pattern is tried only where it can match: a subject that starts with a number.
  const counted = numberWord(s.split(' ', 1)[0]!) ? COUNTED.exec(s) : null;
  if (counted) {
    const n = numberWord(counted[1]!);
    if (!n || n < 2) return undefined;
    const named = counted[2] ? bodiesListed(counted[2], agencies) : [];
    if (!named.every((p) => isBody(p, agencies))) return undefined;
    return { parts: named, text: s, count: n, incomplete: true, ...(named.length ? {} : { unnamed: s }) };
  }
  // "The central government", "Chinese authorities": a body the sentence does not name.
  if (ctx.words.unnamedBodies.includes(s.toLowerCase().replace(/^the\s+/, ''))) return { parts: [], text: s, incomplete: true, unnamed: s };
  // Single spaces: sentences() collapsed every run of whitespace.
  const others =
    s.includes(' other ') &&
    /(?:,? (?:along|together) with | and )(\w+) other (?:[\w-]+ ){0,2}?(?:agencies|ministries|departments|bodies|regulators|authorities|institutions|organi[sz]ations|units)\b,?/i.exec(
      s,
    );
  if (others) {
    const n = numberWord(others[1]!);
    incomplete = true;
    s = (s.slice(0, others.index) + s.slice(others.index + others[0].length)).trim();
    if (n) count = n;
  }
  const text = withoutEndPunct(s, ',');
  const parts = bodiesListed(text, agencies);
  if (!parts.length) return undefined;
  let known = 0;
  for (const p of parts) {
    if (p.split(' ').length > 12) return undefined;
    // The fuzzy match inside resolveIssuer is the reader's costly step: a part with no institution
    // word, no acronym's shape and no registry name in it is no body ("Chipmaker X", "Premier Li").
    if (!INSTITUTION.test(p) && !/^[A-Z][A-Za-z]{1,9}$/.test(p) && !agencies.findMentions(p).length) return undefined;
    if (isKnown(p, agencies)) known++;
    else if (!INSTITUTION.test(p)) return undefined;
  }
  if (!known && !parts.every(isInstitution)) return undefined;
  return { parts, text, ...(count ? { count: count + parts.length } : {}), incomplete };
}

/** "the NDRC, the NEA and the MEE" → one name per body; acronyms in brackets dropped. */
function bodiesListed(text: string, agencies: AgencyResolver): string[] {
  // Most lists have no brackets: the replacements are skipped for them.
  const bare = /[(（]/.test(text) ? text.replace(/[(（][^()（）]*[)）]/g, ' ').replace(/ +(?=[ ,;])/g, '') : text;
  const out: string[] = [];
  for (const listed of splitTopLevel(bare, ',;')) {
    const p = listed
      .replace(/^(?:and|&)\s+/i, '')
      .replace(/^the\s+/i, '')
      .trim();
    if (p) out.push(...namedBodies(p, agencies));
  }
  return out;
}

const isBody = (p: string, agencies: AgencyResolver) => p.split(' ').length <= 12 && (isKnown(p, agencies) || INSTITUTION.test(p));
const isInstitution = (p: string) => INSTITUTION.test(p);

/** Whether an issuer part resolves to at least one registry body. */
export function isKnown(part: string, agencies: AgencyResolver): boolean {
  for (const r of agencies.resolveIssuer(part)) if (r.entry) return true;
  return false;
}

/**
 * "Ministry of Industry and Information Technology and the NDRC": the bodies a list part names
 * when registry names cover it but for "and" and "the"; otherwise the part as written.
 */
function namedBodies(part: string, agencies: AgencyResolver): string[] {
  if (agencies.resolveExact(part)) return [part];
  const mentions = agencies.findMentions(part);
  if (!mentions.length) return [part];
  let at = 0;
  for (const m of mentions) {
    if (!/^(?:\s|and\b|&|the\b)*$/i.test(part.slice(at, m.start))) return [part];
    at = m.end;
  }
  return part.slice(at).trim() ? [part] : mentions.map((m) => m.ref.surface);
}

interface Reading {
  title: string;
  quoted: boolean;
  issuers: Issuers;
  /** Token indexes: the verb, and the token after the document's name. */
  verb: number;
  end: number;
}

const PASSIVE = new Set(['was', 'were', 'been', 'is', 'are']);
/** Whether a token of [from, to) is one of `words`. */
function anyOf(tokens: Token[], from: number, to: number, words: Set<string>): boolean {
  for (let k = from; k < to; k++) if (words.has(tokens[k]!.lower)) return true;
  return false;
}

/** "The MEE has released guiding opinions on …": subject, release verb, document. */
function readActive(s: string, tokens: Token[], ctx: StatementContext): Reading | undefined {
  const t = tablesOf(ctx.words);
  for (let i = 1; i < tokens.length; i++) {
    const verb = phraseAt(tokens, i, t.verbs);
    if (!verb || tokens[i - 1]!.lower === 'by') continue;
    let subjectEnd = i;
    while (subjectEnd > 0 && AUXILIARIES.has(tokens[subjectEnd - 1]!.lower)) subjectEnd--;
    // "was released by": passive, read by readPassive.
    if (subjectEnd === 0 || anyOf(tokens, subjectEnd, i, PASSIVE)) continue;
    // "will soon publish", "plans to issue": not done yet (present forms are listed for news lines).
    if (anyOf(tokens, Math.max(0, subjectEnd - 2), i, MODALS)) continue;
    const doc = documentAt(tokens, i + verb, t);
    if (!doc) continue;
    const issuers = issuersOf(withoutEndPunct(s.slice(0, tokens[subjectEnd - 1]!.end), ',;:'), ctx);
    if (issuers) return { title: doc.title, quoted: doc.quoted, issuers, verb: i, end: doc.end };
  }
  return undefined;
}

/** "Guidelines on … were jointly issued by the NDRC and the NEA on March 24", "…, issued by X,". */
function readPassive(s: string, tokens: Token[], ctx: StatementContext): Reading | undefined {
  const t = tablesOf(ctx.words);
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i]!.lower !== 'by') continue;
    let v = i - 1;
    let verb = 0;
    for (let back = 1; back <= 3 && v - back + 1 >= 0 && !verb; back++) if (phraseAt(tokens, i - back, t.verbs) === back) [verb, v] = [back, i - back];
    if (!verb) continue;
    let npEnd = v;
    while (npEnd > 0 && AUXILIARIES.has(tokens[npEnd - 1]!.lower)) npEnd--;
    let npStart = 0;
    // A leading "On March 24," belongs to the sentence, not to the document's name.
    if (['on', 'in'].includes(tokens[0]!.lower)) {
      const comma = tokens.findIndex((x, k) => k < 5 && x.stop);
      if (comma >= 0 && comma < npEnd) npStart = comma + 1;
    }
    const doc = documentAt(tokens, npStart, t);
    if (!doc || doc.end > npEnd) continue;
    const by: Token[] = [];
    for (let k = i + 1; k < tokens.length && by.length < MAX_SUBJECT_WORDS; k++) {
      const tok = tokens[k]!;
      if (BY_LIST_ENDS.has(tok.lower) || (/^[a-z]/.test(tok.text) && !NAME_WORDS.has(tok.lower) && !/^[a-z]+[A-Z]/.test(tok.text))) break;
      by.push(tok);
      // A comma continues the list when a name follows ("the NDRC, the NEA and …").
      if (tok.stop && !(s[tok.end - 1] === ',' && tokens[k + 1] && (/^[A-Z(]/.test(tokens[k + 1]!.text) || ['the', 'and'].includes(tokens[k + 1]!.lower))))
        break;
    }
    if (!by.length) continue;
    const issuers = issuersOf(withoutEndPunct(s.slice(by[0]!.start, by.at(-1)!.end), ',;:.'), ctx);
    if (issuers) return { title: doc.title, quoted: doc.quoted, issuers, verb: v, end: i + by.length + 1 };
  }
  return undefined;
}

/** A draft, a comment version, or a call for comments on one. */
const DRAFT = /\bdraft\b|\bfor (?:public )?comments?\b|\bsolicit\w* (?:public )?(?:comments|opinions|feedback)\b|\bconsultation (?:paper|version)\b/i;
const DRAFT_ZH = /征求意见稿|草案|建议稿|意见稿/;

const cueIndexes = compileOnce((words: DocumentWords) => ({ types: phraseIndex(words.types), verbs: phraseIndex(words.verbs) }));

/**
 * Whether a text names a document type and a release verb anywhere: the test every news line
 * takes before it is read, on the words the agency, company and sector matchers already split it
 * into (two thirds of news lines stop here).
 */
export function mayStateDocument(text: string, words: DocumentWords): boolean {
  const ix = cueIndexes(words);
  return matchPhrases(text, ix.types).length > 0 && matchPhrases(text, ix.verbs).length > 0;
}

/** What the sentence says a body did to a document, or undefined when it says no such thing. */
export function readStatement(sentence: string, ctx: StatementContext): Statement | undefined {
  const tokens = tokenise(sentence);
  const r = readActive(sentence, tokens, ctx) ?? readPassive(sentence, tokens, ctx);
  if (!r) return undefined;
  const verbAt = tokens[r.verb]!.start;
  const documentEnd = tokens[r.end - 1]?.end ?? sentence.length;
  const titleZh = chineseTitle(sentence);
  const date = dateIn(tokens, ctx.briefDate);
  // The verb's own words and the document's name say whether it is a draft ("issues draft
  // regulations", "solicited comments on measures"); a later clause may speak of another document.
  const named = sentence.slice(verbAt, Math.min(sentence.length, documentEnd + 24));
  return {
    title: r.title,
    titleKind: r.quoted ? 'quoted' : 'descriptive',
    ...(titleZh ? { titleZh } : {}),
    issuers: r.issuers,
    status: DRAFT.test(named) || DRAFT_ZH.test(titleZh ?? '') ? 'draft' : 'final',
    ...(date ? { date } : {}),
    verbAt,
    documentEnd,
  };
}
