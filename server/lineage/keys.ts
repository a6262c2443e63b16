import { titleKey } from '../graph/ids.js';

/**
 * What a draft, its final version and the editions of one document share: the title without the
 * markers that tell them apart. "Measures for … (Draft for Comments)", "Measures for …" and
 * "Measures for … (2024 Revision)" have one lineage key; the marker says which is which.
 */

// "(Draft for Comments)", "(Draft)", "(Exposure Draft)", "(Expert Suggestion Draft)", a leading
// "Draft", "… for public comment", and the Chinese 征求意见稿 / 草案 / 建议稿.
const DRAFT =
  /\(\s*(?:[\w\s-]*\bdraft\b[^)]*|for (?:public )?comments?)\s*\)|\bdraft(?:\s+version)?(?:\s+for\s+(?:public\s+)?comments?)?\b|\bfor\s+(?:public\s+)?comments?\b|[（(]?(?:征求意见稿|草案|专家建议稿|建议稿)[）)]?/giu;
// "(2024 Revision)", "(Revised)", "(2023 Edition)", "Version 2.0", "2.0": an edition of a document.
const EDITION =
  /\(\s*(?:\d{4}\s+)?(?:revision|revised|edition|amendment)\s*\)|\b(?:\d{4}\s+)?(?:revised|revision|edition)\b|\bversion\s+\d+(?:\.\d+)*\b|\bv?\d+\.\d+\b|[（(]?\d{4}年(?:修订|版)[）)]?/giu;

const squeeze = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/\(\s*\)/g, '')
    .trim();

/** The title without draft and edition markers, as titleKey compares titles. */
export function lineageKey(title: string): string {
  return titleKey(squeeze(title.replace(DRAFT, ' ').replace(EDITION, ' ')));
}

/** The edition marker of a title, normalised ("version 2.0", "2024 revision"), or '' for none. */
export function editionMark(title: string): string {
  return [...title.matchAll(EDITION)]
    .map((m) =>
      m[0]
        .replace(/[()（）]/g, '')
        .trim()
        .toLowerCase(),
    )
    .join(' ');
}

const SENTENCE = /[^.!?]+(?:[.!?]+|$)/g;
const QUOTED = /[“"]([^”"]{8,200})[”"]|\[([^\]]{8,200})\]\(/g;
const IMPLEMENT = /\bimplement(?:s|ed|ing|ation of)?\b/i;

/**
 * Titles a text names in quotation marks or as a link, each with its sentence and lineage key.
 * `implementing`: only those after "implement" in their sentence (a policy issued to implement a
 * plan); otherwise every quoted title (a news line citing a plan).
 */
export function citedTitles(text: string, implementing: boolean): { key: string; draft: boolean; sentence: string }[] {
  const out: { key: string; draft: boolean; sentence: string }[] = [];
  for (const [sentence] of text.matchAll(SENTENCE)) {
    const at = implementing ? sentence.search(IMPLEMENT) : 0;
    if (at < 0) continue;
    for (const m of sentence.slice(at).matchAll(QUOTED)) {
      const title = (m[1] ?? m[2])!;
      const key = lineageKey(title);
      if (key) out.push({ key, draft: DRAFT_TEST.test(title), sentence: sentence.trim() });
    }
  }
  return out;
}
const DRAFT_TEST = /\bdraft\b|征求意见稿|草案|建议稿/i;
