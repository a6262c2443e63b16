import type { SectorEntry } from './registry.js';
import { escapeRegex } from './normalize.js';
import { sentenceAround } from '../parse/text.js';

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
  readonly #compiled: { sector: SectorEntry; re?: RegExp; zh: string[] }[];

  constructor(sectors: SectorEntry[]) {
    this.#compiled = sectors.map((sector) => ({
      sector,
      ...(sector.keywords.length ? { re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${sector.keywords.map(escapeRegex).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`, 'giu') } : {}),
      zh: sector.keywordsZh,
    }));
  }

  /** Sectors ranked by weighted keyword hits; each with the sentence of its strongest hit. */
  score(texts: WeightedText[]): SectorHit[] {
    const hits: SectorHit[] = [];
    for (const { sector, re, zh } of this.#compiled) {
      let score = 0;
      let best: { weight: number; evidence: string } | undefined;
      for (const { text, weight } of texts) {
        if (!text) continue;
        const found: number[] = [];
        if (re) for (const m of text.matchAll(re)) found.push(m.index);
        for (const k of zh) for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + k.length)) found.push(i);
        if (!found.length) continue;
        // Repeated keywords count, but with diminishing returns so one long paragraph cannot dominate.
        score += weight * Math.min(found.length, 3);
        if (!best || weight > best.weight) best = { weight, evidence: sentenceAround(text, found[0]!) };
      }
      if (best) hits.push({ sector, score, evidence: best.evidence });
    }
    return hits.sort((a, b) => b.score - a.score || a.sector.id.localeCompare(b.sector.id));
  }

  /** The sectors a text is about: the leaders of the ranking, at most `max`. */
  tag(texts: WeightedText[], { max = 3, minScore = 2 } = {}): SectorHit[] {
    const ranked = this.score(texts);
    const top = ranked[0]?.score ?? 0;
    return ranked.filter((h) => h.score >= minScore && h.score >= top * 0.4).slice(0, max);
  }
}
