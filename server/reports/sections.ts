import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { toJson } from '../graph/values.js';
import { REPORT_LIMITS } from './limits.js';
import type { AgencyReport, Citation, CompanyReport } from './model.js';
import { reportQueries, type ReportQuery } from './queries.js';

/**
 * The list sections of the reports: one paged query each (`$offset`, `$limit`), shared by the
 * report (its first page) and the items endpoint (any page, JSON or CSV).
 */
export type Row = Record<string, unknown>;

export async function rows(tx: ManagedTransaction, q: ReportQuery, params: Row): Promise<Row[]> {
  return (await tx.run(reportQueries[q], params)).records.map((r) => toJson(r.toObject()) as Row);
}

export const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
/** A policy's date as the brief stated it: its month when that is all it gave (stored as the 1st). */
const policyDate = (r: Row) => (r.datePrecision === 'month' ? String(r.date).slice(0, 7) : String(r.date));
export const cite = (r: Row): Citation => ({
  brief: String(r.brief ?? ''),
  briefTitle: str(r.briefTitle),
  briefDate: str(r.briefDate),
  evidence: String(r.evidence ?? ''),
  line: typeof r.line === 'number' ? r.line : null,
  ...(typeof r.page === 'number' ? { page: r.page } : {}),
});

/** Parameters every paged report query takes besides its page. */
export function sectionParams(id: string, windowDays: number): Row {
  return {
    id,
    windowDays: neo4j.int(windowDays),
    citations: neo4j.int(REPORT_LIMITS.citations),
    examples: neo4j.int(REPORT_LIMITS.examples),
    sectors: neo4j.int(REPORT_LIMITS.linkSectors),
  };
}

type AgencyItem<K extends keyof AgencyReport> = AgencyReport[K] extends (infer T)[] ? T : never;
type CompanyItem<K extends keyof CompanyReport> = CompanyReport[K] extends (infer T)[] ? T : never;

const agencyMap = {
  policies: (r: Row): AgencyItem<'policies'> => ({
    id: String(r.id),
    title: String(r.title),
    titleZh: str(r.titleZh),
    date: policyDate(r),
    extraction: str(r.extraction),
    status: str(r.status),
    lead: r.lead === true,
    coIssuers: (r.coIssuers as string[]) ?? [],
    summary: str(r.summary),
    citations: (r.citations as Row[]).map(cite),
  }),
  coIssuers: (r: Row): AgencyItem<'coIssuers'> => ({
    id: String(r.id),
    name: String(r.name),
    fullName: str(r.fullName),
    joint: Number(r.joint),
    policies: r.policies as string[],
  }),
  sectors: (r: Row): AgencyItem<'sectors'> => ({
    id: String(r.id),
    name: String(r.name),
    policies: Number(r.policies),
    citations: (r.examples as Row[]).map((e) => ({ ...cite(e), policy: String(e.policy) })),
  }),
  targets: (r: Row) => ({
    year: typeof r.year === 'number' ? r.year : null,
    text: String(r.text),
    values: (r.values as string[]) ?? [],
    policy: String(r.policy),
    citation: cite(r),
  }),
  news: (r: Row): AgencyItem<'news'> => ({
    id: String(r.id),
    date: String(r.date),
    kind: String(r.kind),
    text: String(r.text),
    lead: r.lead === true,
    citation: cite(r),
  }),
  companies: (r: Row): AgencyItem<'companies'> => ({
    id: String(r.id),
    name: String(r.name),
    how: r.how as string[],
    citations: (r.citations as Row[]).map(cite),
  }),
};

const companyMap = {
  mentions: (r: Row): CompanyItem<'mentions'> => ({ id: String(r.id), kind: String(r.kind), date: str(r.date), item: str(r.item), citation: cite(r) }),
  sectors: (r: Row): CompanyItem<'sectors'> => ({ id: String(r.id), name: String(r.name), mentions: Number(r.mentions), evidence: r.evidence as string[] }),
  policies: (r: Row): CompanyItem<'policies'> => ({
    id: String(r.id),
    title: String(r.title),
    titleZh: str(r.titleZh),
    date: policyDate(r),
    extraction: str(r.extraction),
    sector: String(r.sector),
    agencies: ((r.agencies as Row[]) ?? []).filter((a) => a.id).map((a) => ({ id: String(a.id), name: String(a.name), lead: a.lead === true })),
    citation: cite(r),
  }),
  agencies: (r: Row): CompanyItem<'agencies'> => ({ id: String(r.id), name: String(r.name), policies: Number(r.policies) }),
  peers: (r: Row): CompanyItem<'peers'> => ({
    id: String(r.id),
    name: String(r.name),
    how: r.how as string[],
    link: Number(r.rank) === 0 ? ('item' as const) : ('sector' as const),
    citation: cite(r),
  }),
};

export const agencySection = z.enum(['policies', 'coIssuers', 'sectors', 'targets', 'news', 'companies']);
export const companySection = z.enum(['mentions', 'sectors', 'policies', 'agencies', 'peers']);
export type AgencySection = z.infer<typeof agencySection>;
export type CompanySection = z.infer<typeof companySection>;

const AGENCY_QUERY: Record<AgencySection, ReportQuery> = {
  policies: 'agency-policies',
  coIssuers: 'agency-coissuers',
  sectors: 'agency-sectors',
  targets: 'agency-targets',
  news: 'agency-news',
  companies: 'agency-companies',
};
const COMPANY_QUERY: Record<CompanySection, ReportQuery> = {
  mentions: 'company-mentions',
  sectors: 'company-sectors',
  policies: 'company-policies',
  agencies: 'company-agencies',
  peers: 'company-peers',
};

const page = (offset: number, limit: number) => ({ offset: neo4j.int(offset), limit: neo4j.int(limit) });

export async function agencyItems<S extends AgencySection>(
  tx: ManagedTransaction,
  section: S,
  params: Row,
  offset: number,
  limit: number,
): Promise<ReturnType<(typeof agencyMap)[S]>[]> {
  const map = agencyMap[section] as (r: Row) => ReturnType<(typeof agencyMap)[S]>;
  return (await rows(tx, AGENCY_QUERY[section], { ...params, ...page(offset, limit) })).map(map);
}

export async function companyItems<S extends CompanySection>(
  tx: ManagedTransaction,
  section: S,
  params: Row,
  offset: number,
  limit: number,
): Promise<ReturnType<(typeof companyMap)[S]>[]> {
  const map = companyMap[section] as (r: Row) => ReturnType<(typeof companyMap)[S]>;
  return (await rows(tx, COMPANY_QUERY[section], { ...params, ...page(offset, limit) })).map(map);
}

/** Every figure of an agency report and the full size of each list section, all Cypher aggregates. */
export async function agencyTotals(tx: ManagedTransaction, params: Row, linked = true) {
  const t = (await rows(tx, 'agency-totals', params))[0];
  if (!t) return undefined;
  // The linked companies are the costliest count (mentions on its main sectors): only when needed.
  const companies = linked ? Number((await rows(tx, 'agency-companies-count', params))[0]?.total ?? 0) : 0;
  const n = (k: string) => Number(t[k] ?? 0);
  return {
    counts: {
      policies: n('policies'),
      policiesLed: n('policiesLed'),
      policiesCoIssued: n('policies') - n('policiesLed'),
      news: n('news'),
      briefs: n('briefs'),
    },
    listed: {
      policies: n('policies'),
      policiesLed: n('policiesLed'),
      policiesCoIssued: n('policies') - n('policiesLed'),
      coIssuers: n('coIssuers'),
      sectors: n('sectors'),
      targets: n('targets'),
      news: n('news'),
      companies,
    },
  };
}

/** Every figure of a company report and the full size of each list section, all Cypher aggregates. */
export async function companyTotals(tx: ManagedTransaction, params: Row, linked = true) {
  const t = (await rows(tx, 'company-totals', params))[0];
  if (!t) return undefined;
  // Peers are the costliest count (mentions on its main sectors): only when needed.
  const peers = linked ? Number((await rows(tx, 'company-peers-count', params))[0]?.total ?? 0) : 0;
  const n = (k: string) => Number(t[k] ?? 0);
  return {
    counts: {
      mentions: n('mentions'),
      mentionBriefs: n('mentionBriefs'),
      sectors: n('sectors'),
      policies: n('policies'),
      agencies: n('agencies'),
      mentionsNews: n('mentionsNews'),
    },
    listed: { mentions: n('mentions'), sectors: n('sectors'), policies: n('policyRows'), agencies: n('agencies'), peers },
  };
}
