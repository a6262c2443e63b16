import { z } from 'zod';
import { trendSchema } from '../trends/series.js';
import { analystNote } from './analystNotes.js';

/** Every statement in a report carries one of these: the brief and the sentence behind it. */
export const citation = z.object({
  brief: z.string(),
  briefTitle: z.string().nullable(),
  briefDate: z.string().nullable(),
  evidence: z.string(),
  line: z.number().nullable(),
  /** The PDF page of the line, for briefs imported from a PDF. */
  page: z.number().nullable().optional(),
});
export type Citation = z.infer<typeof citation>;

/**
 * A policy as reports list it; each report adds what it needs. `date` is "2021-01" when the brief
 * gave only the month; `extraction` is "prose" when title, issuers and date were read from a
 * sentence of an earlier-layout brief (docs/importing.md), null when read from labelled lines.
 */
const policyRef = z.object({ id: z.string(), title: z.string(), titleZh: z.string().nullable(), date: z.string(), extraction: z.string().nullable() });
/**
 * How a figure's neighbour is linked to the report's subject: `item` — a policy or news item names
 * both (a co-issued policy, the write-ups and news that mention a company); `sector` — only through
 * a sector (policies on the company's sectors, companies in other items on the same sector).
 */
export const linkKind = z.enum(['item', 'sector']);
export type LinkKind = z.infer<typeof linkKind>;
const network = z.object({
  nodes: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), weight: z.number(), link: linkKind, weightOf: z.string() })),
});

/** Full size of a list section that the report shortens to its first items (see REPORT_LIMITS). */
const total = z.number().int().meta({ description: 'How many there are in all; the report lists the first ones, the items endpoint pages through all' });

const source = z.object({ brief: z.string(), title: z.string().nullable(), date: z.string().nullable(), file: z.string().nullable() });

export const agencyReport = z.object({
  kind: z.literal('agency'),
  generatedAt: z.string(),
  profile: z.object({
    id: z.string(),
    name: z.string(),
    acronym: z.string().nullable(),
    nameZh: z.string().nullable(),
    type: z.string().nullable(),
    parent: z.string().nullable(),
    resolved: z.boolean(),
    aliases: z.array(z.string()),
  }),
  policies: z.array(
    policyRef.extend({
      status: z.string().nullable(),
      lead: z.boolean(),
      coIssuers: z.array(z.string()),
      summary: z.string().nullable(),
      citations: z.array(citation),
    }),
  ),
  coIssuers: z.array(z.object({ id: z.string(), name: z.string(), fullName: z.string().nullable(), joint: z.number(), policies: z.array(z.string()) })),
  sectors: z.array(z.object({ id: z.string(), name: z.string(), policies: z.number(), citations: z.array(citation.extend({ policy: z.string() })) })),
  targets: z.array(
    z.object({ year: z.number().nullable(), items: z.array(z.object({ text: z.string(), values: z.array(z.string()), policy: z.string(), citation })) }),
  ),
  news: z.array(z.object({ id: z.string(), date: z.string(), kind: z.string(), text: z.string(), lead: z.boolean(), citation })),
  companies: z.array(z.object({ id: z.string(), name: z.string(), how: z.array(z.string()), citations: z.array(citation) })),
  /** The figures the report's summary sentence states, each a count of one thing. */
  counts: z.object({
    policies: z.number().int(),
    policiesLed: z.number().int(),
    policiesCoIssued: z.number().int(),
    news: z.number().int(),
    /** Briefs with a policy it issued or a news item involving it (Sources also lists briefs cited for its sectors' companies). */
    briefs: z.number().int(),
  }),
  /** The full size of each list above, which the report bounds; the items endpoint pages through all. */
  listed: z.object({
    policies: total,
    policiesLed: total,
    policiesCoIssued: total,
    coIssuers: total,
    sectors: total,
    targets: total,
    news: total,
    companies: total,
  }),
  /** Its policies and the news items naming it, counted by year. */
  byYear: z.array(z.object({ year: z.number().int().nullable(), policies: z.number().int(), news: z.number().int() })),
  network,
  sources: z.array(source),
  notes: z.array(z.string()),
  /** Analysts' corrections of the subject: "corrected: merged from … by … on …: reason" (docs/curation.md). */
  corrections: z.array(z.string()).default([]),
  /** Analysts' notes on the subject, with author and date (server/notes). */
  analystNotes: z.array(analystNote).default([]),
  /** Counts per quarter over the whole archive (server/trends): a chart in HTML, a table in Markdown. */
  trend: trendSchema.optional(),
});
export type AgencyReport = z.infer<typeof agencyReport>;

export const companyReport = z.object({
  kind: z.literal('company'),
  generatedAt: z.string(),
  profile: z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()) }),
  mentions: z.array(z.object({ id: z.string(), kind: z.string(), date: z.string().nullable(), item: z.string().nullable(), citation })),
  sectors: z.array(z.object({ id: z.string(), name: z.string(), mentions: z.number(), evidence: z.array(z.string()) })),
  policies: z.array(
    policyRef.extend({
      sector: z.string(),
      agencies: z.array(z.object({ id: z.string(), name: z.string(), lead: z.boolean() })),
      citation,
    }),
  ),
  agencies: z.array(z.object({ id: z.string(), name: z.string(), policies: z.number() })),
  peers: z.array(z.object({ id: z.string(), name: z.string(), how: z.array(z.string()), link: linkKind, citation })),
  timeline: z.array(z.object({ date: z.string(), what: z.string(), citation })),
  /** The figures the report's summary sentence states, each a count of one thing. */
  counts: z.object({
    /** Write-ups and news items that name it. */
    mentions: z.number().int(),
    /** Briefs with at least one of those mentions. */
    mentionBriefs: z.number().int(),
    sectors: z.number().int(),
    policies: z.number().int(),
    agencies: z.number().int(),
    /** News items among the mentions (the rest are policy write-ups). */
    mentionsNews: z.number().int(),
  }),
  /** The full size of each list above, which the report bounds; the items endpoint pages through all. */
  listed: z.object({ mentions: total, sectors: total, policies: total.meta({ description: 'Policy and sector pairs' }), agencies: total, peers: total }),
  /** Its mentions counted by the year of the item that names it. */
  byYear: z.array(z.object({ year: z.number().int().nullable(), mentions: z.number().int() })),
  network,
  sources: z.array(source),
  notes: z.array(z.string()),
  /** Analysts' corrections of the subject: "corrected: merged from … by … on …: reason" (docs/curation.md). */
  corrections: z.array(z.string()).default([]),
  /** Analysts' notes on the subject, with author and date (server/notes). */
  analystNotes: z.array(analystNote).default([]),
  trend: trendSchema.optional(),
});
export type CompanyReport = z.infer<typeof companyReport>;
export type Report = AgencyReport | CompanyReport;
