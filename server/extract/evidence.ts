import { cleanLine, stripBullet } from '../parse/text.js';

/**
 * Evidence is shown to people (details panel, paths, reports): it must read as the brief reads,
 * not as its Markdown or PDF conversion was written. `line` (and page) still point at the source,
 * and the writer keeps the untouched text beside it (`raw`) for audit.
 */

// Single-character emphasis that cleanLine leaves (it removes only ** and __): "*November 3:*".
const EMPHASIS = /(^|[\s(["“'])[*_]+(?=\S)|(?<=\S)[*_]+(?=$|[\s).,;:!?\]"”'])/g;
// PDF text extraction: ligatures, soft hyphens, zero-width spaces and form feeds.
const LIGATURES: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st' };

// Any character that one of the clean-ups below acts on; most evidence has none and is kept as is.
const NEEDS_CLEANING = /[\\*_#<[\]\r\n\f\u00a0\u00ad\u200b\uFEFF\ufb00-\ufb06]|^\s*[-•●▪◦·–]|\(\s*#?\s*\)/;

// What the last steps below tidy: runs of spaces, a space before punctuation.
const LOOSE_SPACE = /\s[\s,.;:)]/;

/** The sentence as a reader sees it: no Markdown emphasis, link syntax, escapes, list markers or PDF debris. */
export function cleanEvidence(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text.trim();
  // Most that need cleaning are a news line whose list marker is all there is to remove.
  const bare = stripBullet(text);
  if (bare && !NEEDS_CLEANING.test(bare) && !LOOSE_SPACE.test(bare)) return bare;
  let s = text
    .split(/\r?\n/)
    .map((l) => cleanLine(l).trim())
    .join(' ');
  s = s
    .replace(/[ﬀ-ﬆ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u00ad\u200b]/g, '')
    .replace(/\f/g, ' ');
  // Links whose target was dropped ("[MIIT notice](#)") already lost their brackets in cleanLine;
  // a bare "(#)" or "<url>" left behind is not text.
  s = s.replace(/\(\s*(?:#\s*)?\)/g, '').replace(/<(?:https?:\/\/|#)[^<>]*>/g, '');
  s = s.replace(EMPHASIS, '$1');
  s = stripBullet(s);
  return s
    .replace(/\s{2,}/g, ' ')
    .replace(/(?<!\s)\s+([,.;:)])/g, '$1')
    .trim();
}

/** `evidence` cleaned, plus `raw` (the text as the source wrote it) when cleaning changed it. */
export function evidenceProps(text: string): { evidence: string; raw?: string } {
  const clean = cleanEvidence(text);
  if (!clean) return { evidence: text };
  return clean === text ? { evidence: clean } : { evidence: clean, raw: text };
}
