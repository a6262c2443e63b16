import { createHash } from 'node:crypto';
import type { ParsedBrief } from '../parse/schema.js';

/**
 * A brief is the same brief whatever its file is called or whichever format it came in: it is
 * recognised by its title (topics and stated date) and by what it says (its write-ups and news
 * items), never by its file name.
 */
export interface BriefIdentity {
  /** The normalised title: briefs are looked up by it (an index), then compared by content. */
  titleKey: string;
  /** One short hash per write-up (title and date) and news item (date and text), sorted. */
  contentKeys: string[];
}

/** Case, accents' compatibility forms, punctuation and spacing do not make two texts different. */
export const normalise = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const hash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 12);

export function identityOf(brief: ParsedBrief): BriefIdentity {
  const keys = new Set<string>();
  for (const w of brief.writeups) keys.add(hash(`w|${normalise(w.title)}|${w.date}`));
  for (const n of brief.news) keys.add(hash(`n|${n.date}|${normalise(n.text)}`));
  return { titleKey: normalise(brief.title), contentKeys: [...keys].sort() };
}

/**
 * Two briefs with the same title are one brief when at least half of the smaller one's items are
 * also in the other: a copy in another format shares all of them, a truncated copy all of its
 * own, a corrected re-issue most; a different brief under the same title shares next to none.
 */
export function sameContent(a: readonly string[], b: readonly string[]): boolean {
  const [small, large] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  if (!small.length) return false;
  let shared = 0;
  for (const k of small) if (large.has(k)) shared++;
  return shared * 2 >= small.length;
}

/** A brief already known, under the id it was first imported with. */
export interface KnownBrief {
  id: string;
  source: string;
  titleKey: string;
  date?: string;
  contentKeys: readonly string[];
  /** The known copy was cut off (a truncated copy never replaces a complete one). */
  truncated?: boolean;
}

/** Briefs dated further apart than this are different issues, whatever their title says. */
export const SAME_BRIEF_MAX_DAYS = 62;

const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/** The known brief that `brief` is a copy of, if any (its own id never counts). */
export function findSame(id: string, identity: BriefIdentity, date: string | undefined, known: Iterable<KnownBrief>): KnownBrief | undefined {
  for (const k of known) {
    if (k.id === id || k.titleKey !== identity.titleKey) continue;
    if (date && k.date && days(date, k.date) > SAME_BRIEF_MAX_DAYS) continue;
    if (sameContent(identity.contentKeys, k.contentKeys)) return k;
  }
  return undefined;
}
