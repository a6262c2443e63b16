import { nodeId } from '../graph/model.js';
import type { AgencyEntry } from './registry.js';
import {
  compileOnce,
  editDistance,
  withinEdits,
  escapeRegex,
  matchPhrases,
  memoise,
  nameKey,
  phraseIndex,
  slug,
  wordsWithOffsets,
  type PhraseIndex,
} from './normalize.js';
import { hasCjk } from '../parse/text.js';
import { TakenSpans } from './spans.js';

export interface AgencyRef {
  /** Node id: "agency:MIIT" for registry bodies, "agency:unresolved:<slug>" otherwise. */
  id: string;
  entry?: AgencyEntry;
  /** The name as the brief wrote it. */
  surface: string;
  /** Why this resolution was made when it was not an exact match (shown as a warning). */
  note?: string;
  /** Read from a description of the issuer that names this body inside it. */
  namedInside?: boolean;
}

export interface Mention {
  ref: AgencyRef;
  start: number;
  end: number;
}

export const agencyNodeId = (entry: AgencyEntry) => nodeId('Agency', entry.id);

/** A capital Latin letter next to a non-ASCII letter: acronyms there need the regex, not the tokens. */
const MIXED_SCRIPT = /[A-Z](?=[^\P{L}A-Za-z])|[^\P{L}A-Za-z][A-Z]/u;
// A cheap first test for the letters that matter here (accented Latin, Chinese).
const NON_ASCII_LETTER = /[\u00c0-\u024f\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Resolves agency names (acronyms, full names, aliases, Chinese names, small typos) to one
 * registry entry, and finds agency mentions in prose. One instance per brief: a brief's own
 * definitions ("Ministry of X (ACR)") override the registry's meaning of ACR for that brief.
 */
export class AgencyResolver {
  readonly #byKey: Map<string, AgencyEntry>;
  readonly #byAcronym: Map<string, AgencyEntry>;
  /** English names and aliases, longest first, for prose scanning. */
  readonly #names: { text: string; lower: string; entry: AgencyEntry }[];
  readonly #zhNames: { text: string; entry: AgencyEntry }[];
  readonly #overrides = new Map<string, AgencyEntry>();
  readonly #fuzzy: (name: string) => FuzzyMatch | undefined;
  /** The same news line is scanned for agencies, then again to keep company names out of them. */
  readonly #mentions = new Map<string, Mention[]>();
  readonly notes: string[] = [];

  /** One resolver per brief (the brief's own definitions); the registry indexes are shared. */
  constructor(readonly registry: AgencyEntry[]) {
    const ix = registryIndexes(registry);
    this.#byKey = ix.byKey;
    this.#byAcronym = ix.byAcronym;
    this.#names = ix.names;
    this.#zhNames = ix.zhNames;
    this.#fuzzy = ix.fuzzy;
  }

  /**
   * Learns the brief's own acronym definitions. When "Full Name (ACR)" pairs a registry name with
   * an acronym the registry gives to another body, an issuer "ACR" is read as the full name's body
   * wherever the write-up's Chinese title confirms it (see resolveIssuer).
   */
  learnDefinitions(text: string): void {
    const lower = text.toLowerCase().replace(/[’‘]/g, "'");
    for (const m of text.matchAll(/\(([A-Za-z]{2,10})\)/g)) {
      const acr = m[1]!.toUpperCase();
      const registered = this.#byAcronym.get(acr);
      if (!registered || this.#overrides.has(acr)) continue;
      const before = lower.slice(Math.max(0, m.index - 90), m.index).trimEnd();
      const defined = this.#names.find(({ text: name, lower: l }) => name.length >= 12 && before.endsWith(l));
      if (defined && defined.entry.id !== registered.id) {
        this.#overrides.set(acr, defined.entry);
        this.notes.push(
          `the brief defines "${acr}" as "${defined.text}" (the registry's ${acr} is ${registered.name}); issuers written "${acr}" are read as ${defined.entry.id} where the Chinese title names it.`,
        );
      }
    }
  }

  /** The brief's own reading of an acronym, when its Chinese title backs it over the registry's. */
  #confirmedOverride(acr: string, titleZh: string | undefined): { entry: AgencyEntry; note: string } | undefined {
    const key = acr.toUpperCase();
    const local = this.#overrides.get(key);
    const registered = this.#byAcronym.get(key);
    if (!local || !registered || !titleZh) return undefined;
    const names = (e: AgencyEntry) => [e.nameZh, ...e.aliases.filter(hasCjk)];
    if (names(local).some((n) => titleZh.includes(n)) && !names(registered).some((n) => titleZh.includes(n))) {
      return { entry: local, note: `issuer "${acr}" read as ${local.name}: the brief defines it so and the Chinese title names ${local.nameZh}.` };
    }
    return undefined;
  }

  /** Exact resolution of one name; undefined when the name is not a known body. */
  resolveExact(name: string): AgencyEntry | undefined {
    const surface = name.trim().replace(/^the\s+/i, '');
    if (/^[A-Za-z]{2,10}$/.test(surface)) {
      const hit = this.#byAcronym.get(surface.toUpperCase());
      if (hit) return hit;
    }
    return this.#byKey.get(nameKey(surface));
  }

  /** Resolution with typo tolerance: an unknown acronym one edit away from exactly one known one. */
  resolveFuzzy(name: string): FuzzyMatch | undefined {
    return this.#fuzzy(name);
  }

  /**
   * An issuer list entry → one or more agencies. "NRTA and GASC" splits when both halves are
   * known bodies; a long description ("CASS's research group on …") resolves to the bodies it
   * names; anything else stays as an unresolved agency rather than being dropped.
   */
  resolveIssuer(part: string, titleZh?: string): AgencyRef[] {
    const surface = part.trim().replace(/^the\s+/i, '');
    const local = /^[A-Za-z]{2,10}$/.test(surface) ? this.#confirmedOverride(surface, titleZh) : undefined;
    if (local) return [{ id: agencyNodeId(local.entry), entry: local.entry, surface, note: local.note }];
    const exact = this.resolveExact(surface);
    if (exact) return [{ id: agencyNodeId(exact), entry: exact, surface }];
    const halves = surface.split(/(?<!\s)\s+(?:and|&)\s+/i);
    if (halves.length > 1) {
      const resolved = halves.map((h) => this.resolveExact(h) ?? this.resolveFuzzy(h)?.entry);
      if (resolved.every(Boolean)) return resolved.map((e, i) => ({ id: agencyNodeId(e!), entry: e!, surface: halves[i]! }));
    }
    const fuzzy = this.resolveFuzzy(surface);
    if (fuzzy) return [{ id: agencyNodeId(fuzzy.entry), entry: fuzzy.entry, surface, note: fuzzy.note }];
    const inside = this.findMentions(surface);
    if (inside.length) {
      const seen = new Set<string>();
      return inside
        .filter((m) => !seen.has(m.ref.id) && seen.add(m.ref.id))
        .map((m) => ({ ...m.ref, surface, namedInside: true, note: `issuer "${surface}" read as ${m.ref.entry?.name ?? m.ref.surface}, the body it names.` }));
    }
    return [unresolved(surface)];
  }

  #compiled(): CompiledNames {
    let c = compiledNames.get(this.registry);
    if (!c) {
      const byKey = new Map<string, AgencyEntry>();
      for (const { text, entry } of this.#names) if (text.length >= 4 && !byKey.has(text)) byKey.set(text, entry);
      c = { names: { index: phraseIndex([...byKey.keys()]), byKey }, zh: this.#zhNames.length ? alternation(this.#zhNames) : undefined };
      compiledNames.set(this.registry, c);
    }
    return c;
  }

  /** Every agency named in prose: names and aliases, acronyms (as written in capitals), Chinese names. */
  findMentions(text: string): Mention[] {
    let found = this.#mentions.get(text);
    if (!found) this.#mentions.set(text, (found = this.#scan(text)));
    return found;
  }

  #scan(text: string): Mention[] {
    const taken = new TakenSpans(text.length);
    const out: Mention[] = [];
    const { names, zh } = this.#compiled();
    for (const [name, start, end] of matchPhrases(text, names.index)) addMention(out, taken, text, names.byKey.get(name)!, start, end);
    if (zh && hasCjk(text)) for (const m of text.matchAll(zh.re)) addMention(out, taken, text, zh.byKey.get(m[0])!, m.index, m.index + m[0].length);
    if (NON_ASCII_LETTER.test(text) && MIXED_SCRIPT.test(text)) {
      // "由NDRC发布": a Latin acronym inside a Chinese word, which the shared tokens keep whole.
      for (const m of text.matchAll(/\b[A-Z][A-Za-z]{1,9}\b/g)) this.#acronym(out, taken, text, m.index, m.index + m[0].length);
    } else {
      const words = wordsWithOffsets(text);
      for (let i = 0; i < words.start.length; i++) {
        const s = words.start[i]!;
        const e = words.end[i]!;
        if (e - s >= 2 && e - s <= 10) this.#acronym(out, taken, text, s, e);
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** Acronyms only as written with at least two capitals ("MIIT", "MoF"), never lower-case words. */
  #acronym(out: Mention[], taken: TakenSpans, text: string, s: number, e: number): void {
    if (capitalsIfAcronymShaped(text, s, e) < 2) return;
    const entry = this.#byAcronym.get(text.slice(s, e).toUpperCase());
    if (entry) addMention(out, taken, text, entry, s, e);
  }
}

/**
 * A mention unless its characters are taken. Module functions and methods, not closures, in the
 * scan: tsx (esbuild keepNames) names every closure as it is created, and the scan runs for every
 * sentence.
 */
function addMention(out: Mention[], taken: TakenSpans, text: string, entry: AgencyEntry, start: number, end: number): void {
  if (!taken.free(start, end)) return;
  taken.take(start, end);
  out.push({ ref: { id: agencyNodeId(entry), entry, surface: text.slice(start, end) }, start, end });
}

/**
 * How many capitals text[s, e) has if it is one capital followed by Latin letters, else 0: the
 * test runs on every word of every sentence, so it reads char codes rather than cutting strings.
 */
function capitalsIfAcronymShaped(text: string, s: number, e: number): number {
  let caps = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) caps++;
    else if (i === s || c < 97 || c > 122) return 0;
  }
  return caps;
}

interface RegistryIndex {
  byKey: Map<string, AgencyEntry>;
  byLength: Map<number, [string, AgencyEntry][]>;
  byAcronym: Map<string, AgencyEntry>;
  names: { text: string; lower: string; entry: AgencyEntry }[];
  zhNames: { text: string; entry: AgencyEntry }[];
  /** Typo matching depends on the registry alone, and the same unknown issuers recur brief after brief. */
  fuzzy: (name: string) => FuzzyMatch | undefined;
}
type FuzzyMatch = { entry: AgencyEntry; note: string };
const registryIndexes = compileOnce((registry: AgencyEntry[]) => indexRegistry(registry));

function indexRegistry(registry: AgencyEntry[]): RegistryIndex {
  const ix: RegistryIndex = {
    byKey: new Map(),
    byLength: new Map(),
    byAcronym: new Map(),
    names: [],
    zhNames: [],
    fuzzy: memoise((name) => fuzzyMatch(ix, name), 10_000),
  };
  for (const e of registry) {
    for (const a of e.acronyms) ix.byAcronym.set(a.toUpperCase(), e);
    for (const n of [e.name, e.nameZh, ...e.aliases]) {
      ix.byKey.set(nameKey(n), e);
      if (hasCjk(n)) ix.zhNames.push({ text: n, entry: e });
      else ix.names.push({ text: n, lower: n.toLowerCase().replace(/[’‘]/g, "'"), entry: e });
    }
  }
  for (const [k, e] of ix.byKey) ix.byLength.set(k.length, [...(ix.byLength.get(k.length) ?? []), [k, e]]);
  ix.names.sort((a, b) => b.text.length - a.text.length);
  ix.zhNames.sort((a, b) => b.text.length - a.text.length);
  return ix;
}

function fuzzyMatch(ix: RegistryIndex, name: string): FuzzyMatch | undefined {
  const surface = name.trim();
  if (/^[A-Z][A-Za-z]{3,9}$/.test(surface)) {
    const up = surface.toUpperCase();
    const close = [...ix.byAcronym.keys()].filter((a) => a.length >= 4 && editDistance(a, up) === 1);
    const entries = new Set(close.map((a) => ix.byAcronym.get(a)!));
    if (entries.size === 1) {
      const entry = [...entries][0]!;
      return { entry, note: `"${surface}" is not a known acronym; read as ${entry.id} (one letter away).` };
    }
  }
  const key = nameKey(surface);
  const words = key.split(' ').length;
  // A misspelt name, not a description: long clauses are never typos of a registry name.
  if (words >= 3 && words <= 10) {
    for (let len = key.length - 2; len <= key.length + 2; len++) {
      for (const [k, entry] of ix.byLength.get(len) ?? []) {
        if (withinEdits(k, key, 2)) return { entry, note: `"${surface}" read as ${entry.name} (spelling differs slightly).` };
      }
    }
  }
  return undefined;
}

interface Alternation {
  re: RegExp;
  byKey: Map<string, AgencyEntry>;
}
interface CompiledNames {
  /** English names as word sequences (case-insensitive); byKey maps a name to its body. */
  names: { index: PhraseIndex; byKey: Map<string, AgencyEntry> };
  zh: Alternation | undefined;
}
// Compiled once per registry and process: a single pass over each text instead of one search per
// name (the registry has ~1,000 names and aliases).
const compiledNames = new WeakMap<AgencyEntry[], CompiledNames>();

/** Chinese names: no word boundaries, one alternation, longest first. */
function alternation(names: { text: string; entry: AgencyEntry }[]): Alternation {
  const byKey = new Map<string, AgencyEntry>();
  for (const { text, entry } of names) if (!byKey.has(text)) byKey.set(text, entry);
  const body = [...byKey.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|');
  return { re: new RegExp(`(?:${body})`, 'gu'), byKey };
}

export function unresolved(surface: string): AgencyRef {
  const name = surface.replace(/\s+/g, ' ').trim().slice(0, 160);
  return {
    id: nodeId('Agency', `unresolved:${slug(name, 60)}`),
    surface: name,
    note: `issuer "${name}" is not in the agency registry; kept as an unresolved agency (add it to server/extract/data/agencies.json).`,
  };
}
