/**
 * Likely duplicates as pure functions (issue 30): entities are blocked by their normalised name
 * tokens, so only entities sharing a rare enough token are ever compared (no all-pairs: at
 * 10,000 briefs there are tens of thousands of companies); pairs are scored by name similarity
 * and shared names, and named with the reasons an analyst reads.
 */

export interface Entity {
  id: string;
  name: string;
  /** Every other name: acronym, aliases, names added by corrections. */
  aliases: string[];
  /** Companies: the gazetteer knows it; agencies: resolved to the registry. Unset: not applicable. */
  registry?: boolean;
  /** News items naming it. */
  news: number;
  date?: string | null;
}

export interface Scored {
  a: string;
  b: string;
  /** 0..1: name similarity, raised by shared names; shared news and registry hints are added later. */
  score: number;
  reasons: string[];
}

/** Words that say what kind of body something is, not which one: never a reason to compare. */
const GENERIC = new Set(
  [
    // Companies
    'the of and for on in to a an co ltd limited inc corp corporation company group holding holdings plc ag gmbh sa technology technologies tech international china chinese',
    // Agencies: "Ministry of Education" and "Ministry of Finance" are not alike
    'ministry commission administration bureau office department national state council committee general people republic',
    // Policies: the words every title has
    'plan implementation notice opinions opinion guidelines guiding development industry industrial action measures issuing regarding about promoting promotion accelerating high quality five year 14th new',
  ]
    .join(' ')
    .split(' '),
);

/** Lower case, without accents and punctuation; CJK kept as is (a Chinese name is one token). */
export function normalise(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const tokens = (name: string) =>
  normalise(name)
    .split(' ')
    .filter((t) => t.length > 1 && !GENERIC.has(t));

const jaccard = (a: Set<string>, b: Set<string>) => {
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return both ? both / (a.size + b.size - both) : 0;
};

export interface BlockLimits {
  /** A token shared by more entities than this says little (e.g. "automotive") and is not a block. */
  maxBlock: number;
  /** Pairs kept per label after scoring, best first. */
  maxPairs: number;
  /** Least score a pair needs to be suggested. */
  minScore: number;
}
export const defaultBlockLimits: BlockLimits = Object.freeze({ maxBlock: 60, maxPairs: 500, minScore: 0.25 });

/** Candidate pairs among entities of one label, best first; `skip` holds pairs never to suggest ("a|b", sorted). */
export function candidatePairs(entities: Entity[], skip: Set<string>, limits: BlockLimits = defaultBlockLimits): Scored[] {
  const names = new Map<string, string[]>();
  const toks = new Map<string, Set<string>>();
  const blocks = new Map<string, string[]>();
  for (const e of entities) {
    const all = [e.name, ...e.aliases].filter(Boolean);
    names.set(e.id, [...new Set(all.map(normalise).filter(Boolean))]);
    const t = new Set(all.flatMap(tokens));
    toks.set(e.id, t);
    for (const x of t) blocks.set(x, [...(blocks.get(x) ?? []), e.id]);
  }
  // Whole names too: "华晨宝马" or "BBA" shared as an alias is a block even when it is one token.
  for (const e of entities) for (const n of names.get(e.id)!) blocks.set(`=${n}`, [...new Set([...(blocks.get(`=${n}`) ?? []), e.id])]);
  const seen = new Set<string>();
  const out: Scored[] = [];
  const byId = new Map(entities.map((e) => [e.id, e]));
  for (const [key, ids] of blocks) {
    if (ids.length < 2 || (ids.length > limits.maxBlock && !key.startsWith('='))) continue;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = [ids[i]!, ids[j]!].sort() as [string, string];
        const k = `${a}|${b}`;
        if (seen.has(k) || skip.has(k)) continue;
        seen.add(k);
        const s = score(byId.get(a)!, byId.get(b)!, names, toks);
        if (s.score >= limits.minScore) out.push(s);
      }
  }
  return out.sort((x, y) => y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)).slice(0, limits.maxPairs);
}

function score(a: Entity, b: Entity, names: Map<string, string[]>, toks: Map<string, Set<string>>): Scored {
  const reasons: string[] = [];
  const na = names.get(a.id)!;
  const nb = names.get(b.id)!;
  const sharedNames = na.filter((n) => nb.includes(n));
  const ta = toks.get(a.id)!;
  const tb = toks.get(b.id)!;
  const sim = jaccard(ta, tb);
  let s = sim;
  if (sharedNames.length) {
    s = Math.max(s, 0.9);
    reasons.push(`same name: ${sharedNames.slice(0, 3).join(', ')}`);
  }
  const main = (e: Entity) => new Set(tokens(e.name));
  const ma = main(a);
  const mb = main(b);
  const within = (x: Set<string>, y: Set<string>) => x.size > 0 && [...x].every((t) => y.has(t));
  if (!sharedNames.length && within(ma, mb) && within(mb, ma)) {
    s = Math.max(s, 0.85);
    reasons.push(`the same name without “Co., Ltd.” and the like: ${[...ma].join(' ')}`);
  } else if (!sharedNames.length && (within(ma, mb) || within(mb, ma))) {
    s = Math.max(s, 0.6);
    const [short, long] = ma.size <= mb.size ? [a, b] : [b, a];
    reasons.push(`“${short.name}” is part of “${long.name}”`);
  } else if (sim > 0)
    reasons.push(
      `names share ${[...ta]
        .filter((t) => tb.has(t))
        .slice(0, 4)
        .join(', ')}`,
    );
  return { a: a.id, b: b.id, score: Math.min(1, Math.round(s * 100) / 100), reasons };
}

/** Shared news and registry hints raise or lower a name score; the reasons say so. */
export function withEvidence(p: Scored, a: Entity, b: Entity, sharedNews: number): Scored {
  let s = p.score;
  const reasons = [...p.reasons];
  if (sharedNews) {
    s += Math.min(0.3, 0.1 * sharedNews);
    reasons.push(`named together in ${sharedNews} news item(s)`);
  }
  if (a.registry !== undefined && b.registry !== undefined) {
    if (a.registry !== b.registry) {
      s += 0.1;
      const loose = a.registry ? b : a;
      reasons.push(`${loose.name} is not in the registry (found by a cue)`);
    } else if (a.registry && b.registry) {
      s -= 0.1;
      reasons.push('both are registry entries (the registry keeps them apart)');
    }
  }
  return { ...p, score: Math.max(0, Math.min(1, Math.round(s * 100) / 100)), reasons };
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
