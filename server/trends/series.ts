import fs from 'node:fs';
import { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { labelOfId } from '../graph/model.js';
import { fromRoot } from '../paths.js';

/** What has a trend, and the three counts each kind has per quarter. */
export const TREND_KINDS = {
  Agency: { file: 'agency', series: ['Policies issued', 'News items involving it', 'Co-issuing agencies'] },
  Sector: { file: 'sector', series: ['Policies targeting it', 'News items about it', 'Issuing agencies'] },
  Company: { file: 'company', series: ['Policies mentioning it', 'News items mentioning it', 'Agencies of those policies'] },
} as const;
export type TrendKind = keyof typeof TREND_KINDS;
const KEYS = ['primary', 'news', 'agencies'] as const;

const CYPHER = Object.fromEntries(
  Object.entries(TREND_KINDS).map(([k, v]) => [k, fs.readFileSync(fromRoot(`cypher/trends/${v.file}.cypher`), 'utf8')]),
) as Record<TrendKind, string>;

export const trendSchema = z.object({
  id: z.string(),
  name: z.string(),
  label: z.enum(['Agency', 'Sector', 'Company']),
  /** Every quarter from the first to the last with a count, "2023-Q1". */
  quarters: z.array(z.string()),
  series: z.array(z.object({ key: z.enum(KEYS), name: z.string(), values: z.array(z.number().int()), total: z.number().int() })),
  note: z.string(),
});
export type Trend = z.infer<typeof trendSchema>;

export class NoTrendError extends Error {}

export const trendKindOf = (id: string): TrendKind | undefined => {
  const l = labelOfId(id);
  return l === 'Agency' || l === 'Sector' || l === 'Company' ? l : undefined;
};

const quarterKey = (y: number, q: number) => `${y}-Q${q}`;

/** Quarters from `first` to `last` inclusive, in order. */
export function quarterRange(first: string, last: string): string[] {
  const [fy, fq] = first.split('-Q').map(Number) as [number, number];
  const [ly, lq] = last.split('-Q').map(Number) as [number, number];
  const out: string[] = [];
  for (let y = fy, q = fq; y < ly || (y === ly && q <= lq); q === 4 ? (y++, (q = 1)) : q++) out.push(quarterKey(y, q));
  return out;
}

/** Counts per quarter over the whole archive for an agency, sector or company. */
export async function trendOf(executor: Executor, id: string): Promise<Trend> {
  const kind = trendKindOf(id);
  if (!kind) throw new NoTrendError(`id: ${id} is not an agency, sector or company id; trends are counted for those.`);
  const row = await executor.read(async (tx) => (await tx.run(CYPHER[kind], { id })).records[0], { metadata: { feature: 'trends' } });
  if (!row) throw new NoTrendError(`No ${kind.toLowerCase()} with id ${id}.`);
  const counts = KEYS.map((k) => new Map((row.get(k) as [unknown, unknown, unknown][]).map(([y, q, n]) => [quarterKey(Number(y), Number(q)), Number(n)])));
  const all = counts.flatMap((m) => [...m.keys()]).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const quarters = all.length ? quarterRange(all[0]!, all.at(-1)!) : [];
  return {
    id,
    name: String(row.get('name')),
    label: kind,
    quarters,
    series: KEYS.map((key, i) => {
      const values = quarters.map((q) => counts[i]!.get(q) ?? 0);
      return { key, name: TREND_KINDS[kind].series[i]!, values, total: values.reduce((a, b) => a + b, 0) };
    }),
    note: 'Counted by the date of each policy or news item; items dated only by a year have no quarter and are not counted. Agencies are counted once per quarter.',
  };
}
