import type { SectorEntry } from './registry.js';
import { compileOnce, escapeRegex, matchPhrases, phraseIndex, type PhraseIndex } from './normalize.js';

import { hasCjk, sentenceAround } from '../parse/text.js';

export interface SectorHit {
  sector: SectorEntry;
  score: number;
  /** The sentence whose keyword tied the text to the sector. */
  evidence: string;
}

export interface WeightedText {
  text: string;
  weight: number;
}

/** Keyword tagging against the sector taxonomy (server/extract/data/sectors.json). */
export class SectorTagger {
  readonly #c: Compiled;

  constructor(readonly sectors: SectorEntry[]) {
    this.#c = compiled(sectors);
  }

  /** Sectors ranked by weighted keyword hits; each with the sentence of its strongest hit. */
  score(texts: WeightedText[]): SectorHit[] {
    const acc = new Map<SectorEntry, { hits: Map<string, number>; best?: { weight: number; evidence: string } }>();
    for (const { text, weight } of texts) {
      if (!text) continue;
      const found = new Map<SectorEntry, number[]>();
      for (const [kw, at] of matchPhrases(text, this.#c.en)) record(found, this.#c.bySector.get(kw), at);
      if (this.#c.zh && hasCjk(text)) for (const m of text.matchAll(this.#c.zh)) record(found, this.#c.bySector.get(m[0]), m.index);
      for (const [sector, positions] of found) {
        const a = acc.get(sector) ?? { hits: new Map<string, number>() };
        // Repeated keywords count, but with diminishing returns so one long paragraph cannot dominate.
        a.hits.set(text, weight * Math.min(positions.length, 3));
        if (!a.best || weight > a.best.weight) a.best = { weight, evidence: sentenceAround(text, positions[0]!) };
        acc.set(sector, a);
      }
    }
    const hits: SectorHit[] = [];
    for (const [sector, a] of acc) hits.push({ sector, score: [...a.hits.values()].reduce((x, y) => x + y, 0), evidence: a.best!.evidence });
    return hits.sort((a, b) => b.score - a.score || a.sector.id.localeCompare(b.sector.id));
  }

  /** The sectors a text is about: the leaders of the ranking, at most `max`. */
  tag(texts: WeightedText[], { max = 3, minScore = 2 } = {}): SectorHit[] {
    const ranked = this.score(texts);
    const top = ranked[0]?.score ?? 0;
    return ranked.filter((h) => h.score >= minScore && h.score >= top * 0.4).slice(0, max);
  }
}

/**
 * Notes a keyword found at `at` for each sector listing it. A module function, not a closure in
 * score: tsx (esbuild keepNames) names every closure as it is created, once per text here.
 */
function record(found: Map<SectorEntry, number[]>, sectors: SectorEntry[] | undefined, at: number): void {
  for (const sector of sectors ?? []) {
    const list = found.get(sector) ?? [];
    list.push(at);
    found.set(sector, list);
  }
}

interface Compiled {
  en: PhraseIndex;
  zh: RegExp | undefined;
  /** keyword (lower-case English, or Chinese as written) → the sectors listing it */
  bySector: Map<string, SectorEntry[]>;
}
// Compiled once per process. English keywords are matched as word sequences through a map (one
// pass over the text's words), Chinese ones through one alternation.

function compile(sectors: SectorEntry[]): Compiled {
  const bySector = new Map<string, SectorEntry[]>();
  const add = (k: string, s: SectorEntry) => bySector.set(k, [...(bySector.get(k) ?? []).filter((x) => x !== s), s]);
  for (const s of sectors) {
    for (const k of s.keywords) add(k.toLowerCase(), s);
    for (const k of s.keywordsZh) add(k, s);
  }
  const en = [...bySector.keys()].filter((k) => !hasCjk(k)).sort((a, b) => b.length - a.length);
  const zh = [...bySector.keys()].filter((k) => hasCjk(k)).sort((a, b) => b.length - a.length);
  return {
    en: phraseIndex(en),
    zh: zh.length ? new RegExp(`(?:${zh.map(escapeRegex).join('|')})`, 'gu') : undefined,
    bySector,
  };
}

const compiled = compileOnce(compile);
