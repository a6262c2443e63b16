import fs from 'node:fs';
import type { Executor } from '../graph/executor.js';
import { fromRoot } from '../paths.js';
import { findSame, SAME_BRIEF_MAX_DAYS, sameContent, type BriefIdentity, type KnownBrief } from './identity.js';

const sameBriefsCypher = fs.readFileSync(fromRoot('cypher/import/same-briefs.cypher'), 'utf8');

export interface IdentityQuery {
  id: string;
  date?: string;
  identity: BriefIdentity;
}

/**
 * For each brief about to be written, the brief already in the graph that it is a copy of (by
 * title, date and content; under another id, or else under its own), keyed by the new brief's
 * id. One indexed query for all of them.
 */
export async function sameBriefsInGraph(executor: Executor, queries: IdentityQuery[]): Promise<Map<string, KnownBrief>> {
  const params = { batch: { briefs: queries.map((q) => ({ id: q.id, titleKey: q.identity.titleKey, date: q.date ?? null })) }, maxDays: SAME_BRIEF_MAX_DAYS };
  const records = await executor.read(async (tx) => (await tx.run(sameBriefsCypher, params)).records);
  const candidates = new Map<string, KnownBrief[]>();
  for (const r of records) {
    const known: KnownBrief = {
      id: String(r.get('id')),
      source: String(r.get('source') ?? r.get('id')),
      titleKey: String(r.get('titleKey')),
      ...(r.get('date') ? { date: String(r.get('date')) } : {}),
      contentKeys: (r.get('contentKeys') as string[] | null) ?? [],
      truncated: r.get('truncated') === true,
    };
    const q = String(r.get('query'));
    candidates.set(q, [...(candidates.get(q) ?? []), known]);
  }
  const out = new Map<string, KnownBrief>();
  for (const q of queries) {
    const known = candidates.get(q.id) ?? [];
    const same = findSame(q.id, q.identity, q.date, known) ?? known.find((k) => k.id === q.id && sameContent(q.identity.contentKeys, k.contentKeys));
    if (same) out.set(q.id, same);
  }
  return out;
}

/** The briefs of one run so far, by title, so a second copy in the same run is recognised too. */
export class RunIdentities {
  readonly #byTitle = new Map<string, KnownBrief[]>();

  find(id: string, identity: BriefIdentity, date: string | undefined): KnownBrief | undefined {
    return findSame(id, identity, date, this.#byTitle.get(identity.titleKey) ?? []);
  }

  /** Remembers a brief of the run; `replacing`: the id it was known by until it was recognised. */
  add(known: KnownBrief, replacing?: string): void {
    const list = this.#byTitle.get(known.titleKey) ?? [];
    this.#byTitle.set(known.titleKey, [...list.filter((k) => k.id !== known.id && k.id !== replacing), known]);
  }
}
