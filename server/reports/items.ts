import { toCsv } from '../csv.js';
import { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { REPORT_LIMITS } from './limits.js';
import type { EntityKind } from './resolve.js';
import {
  agencyItems,
  agencySection,
  agencyTotals,
  companyItems,
  companySection,
  companyTotals,
  sectionParams,
  type AgencySection,
  type CompanySection,
} from './sections.js';

/** A page of one report list: what the report shortens, in full, `limit` items at a time. */
export const reportItemsSchema = z.object({
  kind: z.enum(['agency', 'company']),
  id: z.string(),
  section: z.string(),
  total: z.number().int().meta({ description: 'Items in the whole list' }),
  offset: z.number().int(),
  limit: z.number().int(),
  items: z.array(z.record(z.string(), z.unknown())),
});
export type ReportItems = z.infer<typeof reportItemsSchema>;

export const reportItemsQuery = z.object({
  section: z
    .string()
    .meta({ description: 'agency: policies, coIssuers, sectors, targets, news, companies; company: mentions, sectors, policies, agencies, peers' }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(REPORT_LIMITS.page).default(100),
  format: z.enum(['json', 'csv']).default('json'),
});

export class UnknownSectionError extends Error {
  override name = 'UnknownSectionError';
}

/** The section name for the kind, or an error listing the valid ones. */
export function parseSection(kind: EntityKind, section: string): AgencySection | CompanySection {
  const schema = kind === 'agency' ? agencySection : companySection;
  const r = schema.safeParse(section);
  if (!r.success) throw new UnknownSectionError(`section: expected one of ${schema.options.join(', ')} for a ${kind} report`);
  return r.data;
}

/** One page of a report list, in the report's order, with the size of the whole list. */
export async function readReportItems(
  executor: Executor,
  kind: EntityKind,
  id: string,
  section: string,
  offset: number,
  limit: number,
  windowDays = 365,
): Promise<ReportItems> {
  const s = parseSection(kind, section);
  return executor.read(
    async (tx) => {
      const params = sectionParams(id, windowDays);
      if (kind === 'agency') {
        const sec = s as AgencySection;
        const totals = (await agencyTotals(tx, params, sec === 'companies'))!;
        const items = await agencyItems(tx, sec, params, offset, limit);
        return { kind, id, section: sec, total: totals.listed[sec], offset, limit, items };
      }
      const sec = s as CompanySection;
      const totals = (await companyTotals(tx, params, sec === 'peers'))!;
      const items = await companyItems(tx, sec, params, offset, limit);
      return { kind, id, section: sec, total: totals.listed[sec], offset, limit, items };
    },
    { timeoutMs: 30_000, metadata: { feature: 'report-items', kind } },
  );
}

/**
 * Items as CSV (RFC 4180): one row per item, nested values flattened. A list of citations keeps
 * its first (the JSON has all); a citation's fields become their own columns; lists of names are
 * joined with "; ". Cells that a spreadsheet would run as a formula are prefixed with '.
 */
export function itemsToCsv(items: Record<string, unknown>[]): string {
  const flat = items.map((item) => {
    const row: Record<string, string> = {};
    for (const [k, v] of Object.entries(item)) {
      if (k === 'citation' || k === 'citations') {
        const c = (Array.isArray(v) ? v[0] : v) as Record<string, unknown> | undefined;
        for (const f of ['evidence', 'brief', 'briefTitle', 'briefDate', 'line', 'policy'])
          if (c && f in c) row[f === 'policy' ? 'citedPolicy' : f] = cell(c[f]);
      } else row[k] = cell(v);
    }
    return row;
  });
  const head = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return toCsv(
    head,
    flat.map((r) => head.map((h) => r[h] ?? '')),
  );
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v))
    return v.map((x) => (x && typeof x === 'object' ? String((x as Record<string, unknown>).name ?? JSON.stringify(x)) : String(x))).join('; ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
