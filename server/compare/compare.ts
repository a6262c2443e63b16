import { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { labelOfId, nodeId } from '../graph/model.js';
import { plainProps } from '../graph/values.js';
import { citation, type Citation } from '../reports/model.js';
import { resolveEntity, UnknownEntityError } from '../reports/resolve.js';
import { quarterRange, trendKindOf, trendOf, trendSchema, type Trend, type TrendKind } from '../trends/series.js';
import { neighbourhood, NEIGHBOURS_PER_LIST, type Cited, type Neighbour, type Neighbourhood } from './neighbours.js';

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

const cell = z.object({ count: z.number().int(), citation: citation.nullable(), link: z.string() });
const neighbourRow = z.object({ id: z.string(), name: z.string(), link: z.string(), by: z.record(z.string(), cell) });
const neighbourLists = z.object({ shared: z.array(neighbourRow), distinct: z.record(z.string(), z.array(neighbourRow)) });

export const comparisonSchema = z.object({
  entities: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      label: z.string(),
      link: z.string(),
      counts: z.object({
        policies: z.number().int(),
        news: z.number().int(),
        agencies: z.number().int(),
        sectors: z.number().int(),
        companies: z.number().int(),
      }),
      /** The sentence behind the entity's newest policy or news item. */
      newest: citation.nullable(),
      trend: trendSchema,
    }),
  ),
  /** Every entity's first series (policies issued, targeting or mentioning it) on one quarter axis. */
  quarters: z.array(z.string()),
  agencies: neighbourLists,
  sectors: neighbourLists,
  companies: neighbourLists,
  note: z.string(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export class CompareError extends Error {}

const link = (id: string) => `/#n=${encodeURIComponent(id)}`;

/** A node id, or a name: an agency first (MIIT), then a company (Tesla). */
export async function resolveCompared(executor: Executor, key: string): Promise<string> {
  if (labelOfId(key)) return key;
  try {
    return await resolveEntity(executor, 'agency', key);
  } catch (err) {
    if (!(err instanceof UnknownEntityError)) throw err;
    return resolveEntity(executor, 'company', key);
  }
}

/** Two to four agencies, sectors or companies side by side; every count and cell carries the sentence behind it. */
export async function compare(executor: Executor, ids: string[]): Promise<Comparison> {
  const unique = [...new Set(ids)];
  if (unique.length < MIN_COMPARED || unique.length > MAX_COMPARED)
    throw new CompareError(`ids: compare ${MIN_COMPARED} to ${MAX_COMPARED} different entities (got ${unique.length}).`);
  const briefs = new Map<string, { title: string | null; date: string | null }>();
  const parts: { id: string; kind: TrendKind; n: Neighbourhood; trend: Trend }[] = [];
  for (const id of unique) {
    const kind = trendKindOf(id);
    if (!kind) throw new CompareError(`ids: ${id} is not an agency, sector or company id.`);
    const n = await neighbourhood(executor, kind, id);
    if (!n) throw new CompareError(`ids: no ${kind.toLowerCase()} with id ${id}.`);
    parts.push({ id, kind, n, trend: await trendOf(executor, id) });
  }
  // Titles and dates of the briefs cited, read once by id.
  const cited = new Set<string>();
  for (const { n } of parts) for (const x of [n.newest, ...n.agencies, ...n.sectors, ...n.companies]) if (x) cited.add(x.brief);
  const rows = await executor.read(async (tx) =>
    (
      await tx.run('UNWIND $ids AS id MATCH (b:Brief {id: id}) RETURN b.id AS id, b.title AS title, b.date AS date', {
        ids: [...cited].map((b) => nodeId('Brief', b)),
      })
    ).records.map((r) => plainProps(r.toObject())),
  );
  for (const r of rows) briefs.set(String(r.id), { title: (r.title as string) ?? null, date: r.date ? String(r.date) : null });
  const cite = (c: Cited | null): Citation | null => {
    if (!c) return null;
    const b = briefs.get(nodeId('Brief', c.brief));
    return { brief: c.brief, briefTitle: b?.title ?? null, briefDate: b?.date ?? null, evidence: String(c.evidence ?? ''), line: c.line ?? null };
  };
  const lists = (pick: (n: Neighbourhood) => Neighbour[]) => {
    const byId = new Map<string, z.infer<typeof neighbourRow>>();
    for (const p of parts) {
      for (const x of pick(p.n)) {
        const row = byId.get(x.id) ?? { id: x.id, name: x.name, link: link(x.id), by: {} };
        row.by[p.id] = { count: x.count, citation: cite(x), link: link(x.id) };
        byId.set(x.id, row);
      }
    }
    const all = [...byId.values()].filter((r) => !unique.includes(r.id));
    const total = (r: z.infer<typeof neighbourRow>) => Object.values(r.by).reduce((n, c) => n + c.count, 0);
    const shared = all.filter((r) => Object.keys(r.by).length > 1).sort((a, b) => total(b) - total(a));
    const distinct = Object.fromEntries(
      unique.map((id) => [
        id,
        all
          .filter((r) => Object.keys(r.by).length === 1 && r.by[id])
          .sort((a, b) => total(b) - total(a))
          .slice(0, 20),
      ]),
    );
    return { shared, distinct };
  };
  const firsts = parts.flatMap((p) => p.trend.quarters.slice(0, 1));
  const lasts = parts.flatMap((p) => p.trend.quarters.slice(-1));
  const byQ = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  const quarters = firsts.length ? quarterRange(firsts.sort(byQ)[0]!, lasts.sort(byQ).at(-1)!) : [];
  return {
    entities: parts.map((p) => ({
      id: p.id,
      name: p.n.name,
      label: p.kind,
      link: link(p.id),
      counts: { policies: p.n.policies, news: p.n.news, agencies: p.n.agencies.length, sectors: p.n.sectors.length, companies: p.n.companies.length },
      newest: cite(p.n.newest),
      trend: p.trend,
    })),
    quarters,
    agencies: lists((n) => n.agencies),
    sectors: lists((n) => n.sectors),
    companies: lists((n) => n.companies),
    note: `Policies and news items are those linked to each entity directly (issued by, targeting, mentioning or involving it). Agencies, sectors and companies are reached through them; each cell cites one sentence that states the link. Lists hold each entity's ${NEIGHBOURS_PER_LIST} most frequent neighbours.`,
  };
}

/** One entity's first series on the shared quarter axis. */
export function alignedPrimary(c: Comparison): { name: string; values: number[] }[] {
  return c.entities.map((e) => {
    const at = new Map(e.trend.quarters.map((q, i) => [q, e.trend.series[0]!.values[i]!]));
    return { name: `${e.name}: ${e.trend.series[0]!.name.toLowerCase()}`, values: c.quarters.map((q) => at.get(q) ?? 0) };
  });
}
