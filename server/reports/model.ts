import { z } from 'zod';

/** Every statement in a report carries one of these: the brief and the sentence behind it. */
export const citation = z.object({
  brief: z.string(),
  briefTitle: z.string().nullable(),
  briefDate: z.string().nullable(),
  evidence: z.string(),
  line: z.number().nullable(),
});
export type Citation = z.infer<typeof citation>;

/** A policy as reports list it; each report adds what it needs. */
const policyRef = z.object({ id: z.string(), title: z.string(), titleZh: z.string().nullable(), date: z.string() });
const network = z.object({ nodes: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), weight: z.number() })) });

const source = z.object({ brief: z.string(), title: z.string().nullable(), date: z.string().nullable(), file: z.string().nullable() });

export const agencyReport = z.object({
  kind: z.literal('agency'),
  generatedAt: z.string(),
  profile: z.object({ id: z.string(), name: z.string(), acronym: z.string().nullable(), nameZh: z.string().nullable(), type: z.string().nullable(), parent: z.string().nullable(), resolved: z.boolean(), aliases: z.array(z.string()) }),
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
  targets: z.array(z.object({ year: z.number().nullable(), items: z.array(z.object({ text: z.string(), values: z.array(z.string()), policy: z.string(), citation })) })),
  news: z.array(z.object({ id: z.string(), date: z.string(), kind: z.string(), text: z.string(), lead: z.boolean(), citation })),
  companies: z.array(z.object({ id: z.string(), name: z.string(), how: z.array(z.string()), citations: z.array(citation) })),
  network,
  sources: z.array(source),
  notes: z.array(z.string()),
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
  peers: z.array(z.object({ id: z.string(), name: z.string(), how: z.array(z.string()), citation })),
  timeline: z.array(z.object({ date: z.string(), what: z.string(), citation })),
  network,
  sources: z.array(source),
  notes: z.array(z.string()),
});
export type CompanyReport = z.infer<typeof companyReport>;
export type Report = AgencyReport | CompanyReport;
