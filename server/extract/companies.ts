import { nodeId } from '../graph/model.js';
import type { AgencyResolver } from './agencies.js';
import type { CompanyEntry } from './registry.js';
import { compileOnce, escapeRegex, matchPhrases, nameKey, phraseIndex, slug, type PhraseIndex } from './normalize.js';
import { spanAt, TakenSpans, type Span } from './spans.js';

/**
 * Company mentions: the gazetteer (server/extract/data/companies.json) plus patterns that find
 * companies no list has seen — a capitalised name next to a company cue ("drone manufacturer X",
 * "companies like X and Y", "X, a … firm", "X Group"), or, in corporate news, the name that is
 * the subject of the sentence or owns something ("BMW's joint venture").
 */

export type CompanyContext = 'corporate-news' | 'policy-news' | 'analysis';

export interface CompanyMention {
  /** Merge key: lower-case name without legal-form suffixes and trailing places. */
  key: string;
  name: string;
  /** As written in the text, when the gazetteer's name differs. */
  surface: string;
  start: number;
  end: number;
  /** Which rule found it, kept as provenance. */
  rule: string;
}

// English function words and descriptors that start sentences or precede names but are never names.
const LEADING_NOISE = new Set(
  (
    'the a an from following amid during after before while since although however meanwhile according in on at by for with as and or but ' +
    "this that these those its their his her our new state-owned state owned chinese china's german french us u.s. american japanese korean " +
    'south european dutch british swiss italian taiwanese indian belgian swedish spanish global public documents reports report ' +
    'private listed nasdaq-listed hong kong-listed shanghai-listed shenzhen-listed central local leading major prominent domestic foreign'
  ).split(' '),
);

const INSTITUTION_WORDS =
  /\b(?:authority|authorities|working group|leading group|task force|taskforce|agency|agencies|secretariat|society|ministry|ministries|commission|administration|council|committee|department|bureau|office|government|party|chamber|association|alliance|federation|university|academy|institute|institutes|court|congress|daily|times|post|news|law|laws|plan|programme|program|initiative|zone|zones|park|parks|area|province|city|project|projects|strategy|five-year|fyp|covid(?:-19)?|internet|industry|industries|standard|standards|system|systems|regulations?|measures|guidelines|opinions|notice|circular|conference|forum|summit|expo|meeting|centre|center|catalog(?:ue)?|list|report|act|index|exchange|fund|made in china|belt and road|day|week|month|year|quarter|national|people's|republic|union|bank of china)\b/i;

const COMPANY_SUFFIX =
  /\b(?:group|co|co\.|company|corp|corp\.|corporation|inc|inc\.|ltd|ltd\.|limited|holdings?|technolog(?:y|ies)|motors?|automotive|airlines|airways|pharma(?:ceuticals?)?|semiconductors?|electronics?|energy|ag|se|gmbh|plc|s\.a\.|n\.v\.|labs?|robotics|auto|steel|chemicals?|mobility)$/i;
const LEGAL_SUFFIX = /(?<!\s)\s+(?:group|co\.?|company|corp\.?|corporation|inc\.?|ltd\.?|limited|holdings?|plc|ag|se|gmbh)$/i;

/**
 * Cue nouns (server/extract/data/company-cues.json): "<cue> X", "<cue> like/such as/including X,
 * Y and Z", "X, a … <cue>". Each noun also matches its plural ("start-ups", "subsidiaries").
 */
interface CuePatterns {
  /** Single-word cues and their plurals, lower-case: "Chipmaker X said" starts with one. */
  words: Set<string>;
  before: RegExp;
  listBefore: RegExp;
  appositiveAfter: RegExp;
}
const compileCues = compileOnce((nouns: string[]): CuePatterns => {
  const plural = (n: string) => (/[^aeiou]y$/i.test(n) ? `${escapeRegex(n.slice(0, -1))}(?:y|ies)` : `${escapeRegex(n)}(?:s|es)?`);
  // Longest first, so "chip designer" is tried before any shorter noun.
  const cue = `(?:${[...nouns]
    .sort((a, b) => b.length - a.length)
    .map(plural)
    .join('|')})`;
  const single = nouns.filter((n) => !n.includes(' ')).map((n) => n.toLowerCase());
  return {
    words: new Set([...single, ...single.map((n) => (/[^aeiou]y$/.test(n) ? `${n.slice(0, -1)}ies` : `${n}s`))]),
    before: new RegExp(`\\b${cue}\\s*,?\\s*$`, 'i'),
    listBefore: new RegExp(`\\b${cue}\\b[^.;:]{0,40}?\\b(?:like|such as|including|includ(?:e|ing)|e\\.g\\.,?|namely)\\s+(?:[^.;:]{0,80}?)$`, 'i'),
    appositiveAfter: new RegExp(`^\\s*,\\s*(?:an?|the|one of)\\b[^,.;]{0,60}?\\b${cue}\\b`, 'i'),
  };
});
const LIST_WORD = /\b(?:like|such as|including|include|e\.g\.|namely)\b/i;
const SUBJECT_VERB =
  /^\s*(?:has|have|had|will|would|is|are|was|were|to|plans?|planned|announc(?:ed|es)|unveil(?:ed|s)|launch(?:ed|es)|open(?:ed|s)|sign(?:ed|s)|rais(?:ed|es)|receiv(?:ed|es)|receive|purchas(?:ed|es)|initiat(?:ed|es)|ends?|ended|said|says|reported|acquir(?:ed|es)|agreed|invest(?:ed|s)|completed|start(?:ed|s)|began|releas(?:ed|es)|introduc(?:ed|es)|deliver(?:ed|s)|won|secured|filed|set up|sets up|cut|cuts|halted|suspended|expanded|built|builds|became|teamed up|together with|and\s+[A-Z])/;

/** What precedes a name at the start of a sentence: nothing, or end punctuation and spaces. */
const SENTENCE_START = /(?:^|[.;:!?]\s+|^\s*)$/;

const NAME_TOKEN = "(?:[A-Z0-9][\\w.&'’+-]*[\\w&+]|[A-Z])";
const NAME_SEQ = new RegExp(`${NAME_TOKEN}(?:\\s+(?:of\\s+|de\\s+|&\\s+)?${NAME_TOKEN})*`, 'g');

export interface CompanyFinderDeps {
  gazetteer: CompanyEntry[];
  agencies: AgencyResolver;
  outlets: string[];
  places: string[];
  /** Cue nouns from company-cues.json. */
  cues: string[];
}

export class CompanyFinder {
  /** Every gazetteer alias as a word sequence: one pass over the text. */
  readonly #aliases: PhraseIndex;
  readonly #canonical: ReadonlyMap<string, string>;
  readonly #outletKeys: Set<string>;
  readonly #placeKeys: Set<string>;
  readonly #cues: CuePatterns;

  constructor(private readonly deps: CompanyFinderDeps) {
    this.#cues = compileCues(deps.cues);
    const compiled = compiledGazetteer(deps.gazetteer);
    this.#aliases = compiled.aliases;
    this.#canonical = compiled.canonical;
    this.#outletKeys = keySet(deps.outlets);
    this.#placeKeys = keySet(deps.places);
  }

  /** Whether the gazetteer (companies.json) knows the name: found companies outside it need review. */
  inRegistry(name: string): boolean {
    return this.#canonical.has(companyKey(name));
  }

  /** The gazetteer's canonical name for a mention, else the mention's own name. */
  canonicalName(name: string): string {
    return this.#canonical.get(companyKey(name)) ?? name;
  }

  isPlace(s: string): boolean {
    return this.#placeKeys.has(nameKey(s));
  }

  isOutlet(s: string): boolean {
    const k = nameKey(s);
    return this.#outletKeys.has(k) || this.#outletKeys.has(k.replace(/^the /, ''));
  }

  /** Rejects names that are agencies, outlets, places, institutions or plain words. */
  plausible(name: string): boolean {
    if (name.length < 2 || !/[A-Za-z]/.test(name)) return false;
    if (/^\d/.test(name) && !/[A-Za-z]{2}/.test(name)) return false;
    if (this.isPlace(name) || this.isOutlet(name)) return false;
    if (this.deps.agencies.resolveExact(name)) return false;
    if (INSTITUTION_WORDS.test(name)) return false;
    if (
      /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.test(
        name,
      )
    )
      return false;
    // All-caps tokens of 2-3 letters are mostly acronyms of things (EV, AI, SOE, CNY), not firms.
    if (/^[A-Z]{2,3}s?$/.test(name) && !this.#canonical.has(companyKey(name))) return false;
    return true;
  }

  // A method, not a closure in find: tsx (esbuild keepNames) names every closure as it is created,
  // and find runs for every sentence.
  #add(out: CompanyMention[], taken: TakenSpans, name: string, start: number, end: number, rule: string): void {
    if (!taken.free(start, end)) return;
    taken.take(start, end);
    const canonical = this.canonicalName(name);
    out.push({ key: companyKey(canonical), name: canonical, surface: name, start, end, rule });
  }

  find(text: string, context: CompanyContext): CompanyMention[] {
    const out: CompanyMention[] = [];
    const taken = new TakenSpans(text.length);

    // Names inside agency names ("… Information Technology", "People's Bank of China") or quoted
    // titles are not companies. Both lists are sorted and never overlap.
    const agencySpans = this.deps.agencies.findMentions(text).map((m) => [m.start, m.end] as Span);
    const quoteSpans = quotedSpans(text);
    for (const [alias, start, end] of matchPhrases(text, this.#aliases)) {
      // Case-sensitive: "Shell" the company, not "shell"; "BYD", not "byd".
      if (text.slice(start, end) !== alias) continue;
      const span = spanAt(agencySpans, start);
      if (span && end <= span[1] && span[1] - span[0] > alias.length) continue;
      this.#add(out, taken, alias, start, end, 'gazetteer');
    }

    // "Shell, Sinopec, Baowu and BASF signed …": every name in a sentence-initial subject list.
    const subjects = new Set<number>();
    if (context === 'corporate-news') {
      // "(?:\\s*,)?\\s+and", not "\\s*,?\\s+and": without a comma the two runs of spaces overlapped.
      const list = new RegExp(
        `^(${NAME_TOKEN}(?:\\s+${NAME_TOKEN}){0,3}(?:\\s*,\\s*${NAME_TOKEN}(?:\\s+${NAME_TOKEN}){0,3})*(?:\\s*,)?\\s+and\\s+${NAME_TOKEN}(?:\\s+${NAME_TOKEN}){0,3})`,
      ).exec(text);
      if (list && SUBJECT_VERB.test(text.slice(list[0].length))) {
        for (const n of list[0].matchAll(new RegExp(`${NAME_TOKEN}(?:\\s+${NAME_TOKEN})*`, 'g'))) subjects.add(n.index);
      }
    }

    for (const m of text.matchAll(NAME_SEQ)) {
      const tokens = m[0].split(/\s+/);
      let start = m.index;
      // Drop leading noise ("The", "German", "State-owned") and fold "Volkswagen-backed" to its name.
      let first = 0;
      // A capitalised cue at the start of a sentence ("Chipmaker Hexin Micro said") is not part of the name.
      while (
        first < tokens.length &&
        (LEADING_NOISE.has(tokens[first]!.toLowerCase()) ||
          this.#cues.words.has(tokens[first]!.toLowerCase()) ||
          this.isPlace(tokens[first]!.replace(/['’]s$/, '')))
      ) {
        start = text.indexOf(tokens[first + 1] ?? '', start + tokens[first]!.length);
        first++;
      }
      if (first === tokens.length || start < 0) continue;
      let name = tokens
        .slice(first)
        .join(' ')
        .replace(/['’]s?$/, '')
        .replace(/(?<![.,])[.,]+$/, '');
      const backed = /^(.+?)-(?:backed|owned|led|based|listed|made)$/i.exec(name);
      if (backed) name = backed[1]!;
      const end = start + name.length;
      if (!taken.free(start, end) || within(agencySpans, start, end) || within(quoteSpans, start, end) || !this.plausible(name)) continue;
      // Cheapest tests first; the context strings are cut only when a rule needs them.
      let rule: string | undefined;
      let before: string | undefined;
      if (COMPANY_SUFFIX.test(name) && name.includes(' ')) rule = 'legal-form';
      else if (this.#cues.before.test(text.slice(Math.max(0, start - 40), start))) rule = 'cue-noun';
      // The list pattern backtracks; most names have no list word before them at all.
      else if (LIST_WORD.test((before = text.slice(Math.max(0, start - 140), start))) && this.#cues.listBefore.test(before)) rule = 'cue-list';
      else if (this.#cues.appositiveAfter.test(text.slice(end, end + 160))) rule = 'appositive';
      else if (
        context === 'corporate-news' &&
        SENTENCE_START.test(before ?? text.slice(Math.max(0, start - 140), start)) &&
        SUBJECT_VERB.test(text.slice(end, end + 160))
      )
        rule = 'news-subject';
      else if (context === 'corporate-news' && /^['’]s?\s/.test(text.slice(end, end + 3)) && !this.isPlace(name)) rule = 'news-possessive';
      else if (subjects.has(start)) rule = 'news-subject-list';
      if (rule) this.#add(out, taken, name, start, end, rule);
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** A cited "X press release" names a company (or several: "Renault and Geely press release"). */
  fromSource(source: string): string[] {
    // (?<=^[^]|\S): the name ends before a run of spaces, not inside it; a lazy name followed by \s+
    // otherwise retried the run from each of its spaces (quadratic). Same matches.
    const m = /^(.+?)(?<=^[^]|\S)\s+(?:press release|statement|announcement|filing|website|blog)$/i.exec(source.trim());
    if (!m) return [];
    return m[1]!
      .split(/(?<!\s)\s+(?:and|&)\s+|,\s*/)
      .map((s) => s.trim())
      .filter((s) => this.plausible(s))
      .map((s) => this.canonicalName(s));
  }
}

/** Whether [s, e) lies inside one span of a sorted, non-overlapping list. */
function within(spans: Span[], s: number, e: number): boolean {
  const span = spanAt(spans, s);
  return !!span && e <= span[1];
}

/**
 * Quoted stretches, as text.matchAll(/“[^”]*”|"[^"]*"/g) found them, in one pass: the regex
 * scanned to the end of the text from every opening quote that had no closing one.
 */
function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  let curly = text.indexOf('“');
  let straight = text.indexOf('"');
  while (curly >= 0 || straight >= 0) {
    const i = straight < 0 || (curly >= 0 && curly < straight) ? curly : straight;
    const j = text.indexOf(i === curly ? '”' : '"', i + 1);
    // No closing quote after this one: none after any later one of its kind either.
    if (j < 0) {
      if (i === curly) curly = -1;
      else straight = -1;
      continue;
    }
    spans.push([i, j + 1]);
    if (curly >= 0) curly = text.indexOf('“', j + 1);
    if (straight >= 0) straight = text.indexOf('"', j + 1);
  }
  return spans;
}

const keySet = compileOnce((names: string[]) => new Set(names.map(nameKey)));

interface CompiledGazetteer {
  aliases: PhraseIndex;
  canonical: Map<string, string>;
}
// Compiled once per process: a brief takes milliseconds, compiling ~600 patterns does not.
const compiledGazetteer = compileOnce((gazetteer: CompanyEntry[]) => compileGazetteer(gazetteer));

function compileGazetteer(gazetteer: CompanyEntry[]): CompiledGazetteer {
  const aliases: string[] = [];
  const canonical = new Map<string, string>();
  for (const entry of gazetteer) {
    for (const alias of [entry.name, ...entry.aliases]) {
      if (alias.length < 2) continue;
      aliases.push(alias);
      canonical.set(companyKey(alias), entry.name);
    }
  }
  return { aliases: phraseIndex(aliases), canonical };
}

/** Merge key for company names: "Naura Technology Group" and "Naura" differ, "BASF SE" and "BASF" do not. */
export function companyKey(name: string): string {
  let k = nameKey(name).replace(/['’]s$/, '');
  for (let prev = ''; prev !== k;) {
    prev = k;
    k = k.replace(LEGAL_SUFFIX, '').trim();
  }
  return k;
}

export const companyNodeId = (key: string) => nodeId('Company', slug(key));
