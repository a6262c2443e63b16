import { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { LABELS, nodeId, REL_SHAPES, RELATIONSHIPS, type NodeLabel } from '../graph/model.js';
import { plainProps } from '../graph/values.js';
import { citation } from '../reports/model.js';
import type { ChangeLog } from '../changes/store.js';
import type { FactRel } from '../changes/since.js';
import type { WatchList } from './schema.js';

export const MAX_FEED_PAGE = 200;

export const feedEntrySchema = z.object({
  /** Stable across requests: the import and the fact. */
  id: z.string(),
  /** When the import that brought it ended. */
  at: z.string(),
  import: z.string(),
  /** The watched entity the fact touches. */
  watched: z.object({ id: z.string(), name: z.string() }),
  /** The policy or news item (or other node) on the fact's other end. */
  node: z.object({ id: z.string(), label: z.string(), name: z.string(), date: z.string().nullable() }),
  type: z.string(),
  /** A sentence a person reads: "Tesla is mentioned in news item …". */
  text: z.string(),
  citation,
  /** Where the explorer opens it. */
  link: z.string(),
});
export type FeedEntry = z.infer<typeof feedEntrySchema>;
export const feedSchema = z.object({ list: z.object({ id: z.string(), name: z.string() }), entries: z.array(feedEntrySchema), total: z.number().int() });
export type Feed = z.infer<typeof feedSchema>;

/** The explorer's link to a node: its canvas with that node (client/src/url.ts reads `n`). */
export const explorerLink = (id: string) => `/#n=${encodeURIComponent(id)}`;

// A unit subquery per relationship shape, each found through its `brief` index and the end ids.
export const EVIDENCE = `${REL_SHAPES.map(
  ([type, from, to], i) => `CALL {
  UNWIND $r${i} AS row
  MATCH (a:${from} {id: row.source})-[r:${type} {brief: row.brief}]->(b:${to} {id: row.target})
  OPTIONAL MATCH (br:Brief {id: row.briefId})
  RETURN collect({key: row.key, evidence: r.evidence, line: r.line, page: r.page,
    a: coalesce(a.acronym, a.name, a.title, a.text, a.id), aDate: a.date,
    b: coalesce(b.acronym, b.name, b.title, b.text, b.id), bDate: b.date,
    briefTitle: br.title, briefDate: br.date}) AS e${i}
}`,
).join('\n')}
RETURN ${REL_SHAPES.map((_, i) => `e${i}`).join(' + ')} AS rows`;

const key = (r: FactRel) => r.join('\u0000');

interface Hit {
  rel: FactRel;
  import: string;
  at: string;
  watched: string;
}

/**
 * New facts touching a watch-list's entities, newest import first: the relationships the import
 * history says were added (server/changes) with a watched node on one end, each with the
 * sentence and brief behind it, read from the graph for the page shown. Facts since removed are
 * left out (the graph no longer has them).
 */
export async function watchFeed(
  executor: Executor,
  log: ChangeLog,
  list: WatchList,
  opts: { since?: string; limit?: number; offset?: number } = {},
): Promise<Feed> {
  const watched = new Set(list.entities);
  const since = opts.since ? Date.parse(opts.since) : Number.NEGATIVE_INFINITY;
  const hits: Hit[] = [];
  const imports = await log.all();
  for (let i = imports.length - 1; i >= 0; i--) {
    const imp = imports[i]!;
    if (Date.parse(imp.at) < since) break;
    for (const rel of imp.added.rels) {
      const [type, source, target] = rel;
      // Briefs cover policies and report news: that is the item's own arrival, not a fact about the entity.
      if (type === 'COVERS' || type === 'REPORTS') continue;
      const end = watched.has(source) ? source : watched.has(target) ? target : undefined;
      if (end) hits.push({ rel, import: imp.id, at: imp.at, watched: end });
    }
  }
  const limit = Math.min(opts.limit ?? 50, MAX_FEED_PAGE);
  const page = hits.slice(opts.offset ?? 0, (opts.offset ?? 0) + limit);
  const params: Record<string, unknown[]> = Object.fromEntries(REL_SHAPES.map((_, i) => [`r${i}`, []]));
  for (const h of page) {
    const [type, source, target, brief] = h.rel;
    for (const [i, [t]] of REL_SHAPES.entries()) {
      if (t === type) params[`r${i}`]!.push({ key: key(h.rel), source, target, brief, briefId: nodeId('Brief', brief) });
    }
  }
  const rows = page.length
    ? await executor.read(async (tx) => ((await tx.run(EVIDENCE, params)).records[0]?.get('rows') ?? []) as Record<string, unknown>[])
    : [];
  const found = new Map(rows.map((r) => [String(r.key), plainProps(r) as Record<string, string | number | null>]));
  const entries: FeedEntry[] = [];
  for (const h of page) {
    const f = found.get(key(h.rel));
    if (!f) continue;
    const [type, source, target, brief] = h.rel;
    const watchedIsSource = h.watched === source;
    const other = watchedIsSource ? target : source;
    const otherLabel = shapeLabel(type, other, watchedIsSource);
    const name = (s: unknown) => String(s ?? '');
    const watchedName = name(watchedIsSource ? f.a : f.b);
    const otherName = name(watchedIsSource ? f.b : f.a);
    const otherDate = (watchedIsSource ? f.bDate : f.aDate) ?? null;
    entries.push({
      id: `${h.import}/${key(h.rel).replaceAll('\u0000', '|')}`,
      at: h.at,
      import: h.import,
      watched: { id: h.watched, name: watchedName },
      node: { id: other, label: otherLabel, name: otherName, date: otherDate === null ? null : String(otherDate) },
      type,
      text: `${name(f.a)} ${RELATIONSHIPS[type].verb} ${name(f.b)}`,
      citation: {
        brief,
        briefTitle: f.briefTitle === null || f.briefTitle === undefined ? null : String(f.briefTitle),
        briefDate: f.briefDate === null || f.briefDate === undefined ? null : String(f.briefDate),
        evidence: name(f.evidence),
        line: typeof f.line === 'number' ? f.line : null,
        page: typeof f.page === 'number' ? f.page : null,
      },
      link: explorerLink(other),
    });
  }
  return { list: { id: list.id, name: list.name }, entries, total: hits.length };
}

function shapeLabel(type: FactRel[0], id: string, isTarget: boolean): NodeLabel {
  const shapes = REL_SHAPES.filter(([t]) => t === type);
  const byPrefix = shapes.map(([, f, t]) => (isTarget ? t : f)).find((l) => id.startsWith(`${LABELS[l].idPrefix}:`));
  return byPrefix ?? (isTarget ? shapes[0]![2] : shapes[0]![1]);
}
