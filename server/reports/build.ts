import type { ManagedTransaction } from 'neo4j-driver';
import type { Executor, TxOptions } from '../graph/executor.js';
import { REPORT_LIMITS as L } from './limits.js';
import { agencyReport, companyReport, type AgencyReport, type CompanyReport } from './model.js';
import { plural } from './plural.js';
import { agencyItems, agencyTotals, companyItems, companyTotals, rows, sectionParams, str, type Row } from './sections.js';
import { idKey, nodeId } from '../graph/model.js';

/** Said once in a report that lists a policy read from prose (each such policy is marked too). */
const PROSE_NOTE =
  'Policies marked [derived from prose] come from briefs in the earlier layout (2020–21), which state a document only in a sentence: their title, issuers and date were read from that sentence (cited) and may be incomplete.';

/**
 * A report's queries in two read transactions at once. A hub's report is a dozen aggregates of
 * 0.1 to 0.8 s each; Neo4j runs two transactions on two cores. Nothing is lost in consistency:
 * Neo4j reads are read-committed, so the queries of one transaction saw no common snapshot either.
 */
function inLanes<A, B>(executor: Executor, opts: TxOptions, a: (tx: ManagedTransaction) => Promise<A>, b: (tx: ManagedTransaction) => Promise<B>) {
  return Promise.all([executor.read(a, opts), executor.read(b, opts)]);
}

/** The properties of the report's subject; throws when the graph has no such node. */
async function subject(tx: ManagedTransaction, label: 'Agency' | 'Company', id: string): Promise<Row> {
  const n = (await tx.run(`MATCH (n:${label} {id: $id}) RETURN n`, { id })).records[0]?.get('n');
  if (!n) throw new Error(`no ${label.toLowerCase()} ${id}`);
  return n.properties as Row;
}

/** The briefs cited by what the report lists (bounded by the lists), newest first. */
async function sourcesOf(tx: ManagedTransaction, briefs: Set<string>) {
  const res = await tx.run('MATCH (b:Brief) WHERE b.id IN $ids RETURN b.id AS id, b.title AS title, b.date AS date, b.source AS file ORDER BY date DESC, id', {
    ids: [...briefs].map((b) => nodeId('Brief', b)),
  });
  return res.records.map((r) => ({
    brief: idKey('Brief', String(r.get('id'))),
    title: str(r.get('title')),
    date: str(r.get('date')),
    file: str(r.get('file')),
  }));
}

/**
 * Everything the graph says about one agency, each statement with its brief and sentence. Figures
 * are Cypher counts over the whole graph; lists show their first items (REPORT_LIMITS) and
 * `listed` says how many there are in all.
 */
export async function buildAgencyReport(executor: Executor, id: string): Promise<AgencyReport> {
  const opts = { timeoutMs: 30_000, metadata: { feature: 'report', kind: 'agency' } };
  const params = sectionParams(id, 365);
  const [[p, totals, policies, companies], [coIssuers, sectors, targetItems, news, byYear]] = await inLanes(
    executor,
    opts,
    async (tx) =>
      [
        await subject(tx, 'Agency', id),
        (await agencyTotals(tx, params))!,
        await agencyItems(tx, 'policies', params, 0, L.policies),
        await agencyItems(tx, 'companies', params, 0, L.companies),
      ] as const,
    async (tx) =>
      [
        await agencyItems(tx, 'coIssuers', params, 0, L.coIssuers),
        await agencyItems(tx, 'sectors', params, 0, L.sectors),
        await agencyItems(tx, 'targets', params, 0, L.targets),
        await agencyItems(tx, 'news', params, 0, L.news),
        await rows(tx, 'agency-by-year', params),
      ] as const,
  );
  const byYearTargets = new Map<number | null, AgencyReport['targets'][number]['items']>();
  for (const { year, ...item } of targetItems) byYearTargets.set(year, [...(byYearTargets.get(year) ?? []), item]);
  const briefs = new Set<string>();
  for (const x of policies) for (const c of x.citations) briefs.add(c.brief);
  for (const s of sectors) for (const c of s.citations) briefs.add(c.brief);
  for (const n of news) briefs.add(n.citation.brief);
  for (const c of companies) for (const x of c.citations) briefs.add(x.brief);

  const { counts } = totals;
  const notes: string[] = [];
  const facts = counts.policies + counts.news;
  if (facts === 0) notes.push('The graph has no policy or news item naming this agency; it appears only as a mention.');
  else if (facts < 3)
    notes.push(
      `The graph has little on this agency: ${plural(counts.policies, 'policy', 'policies')} and ${plural(counts.news, 'news item')}. Read the sections below with that in mind.`,
    );
  if (p.resolved === false) notes.push('This issuer is not in the agency registry; its name is kept as the brief wrote it.');
  if (policies.some((x) => x.extraction === 'prose')) notes.push(PROSE_NOTE);

  return agencyReport.parse({
    kind: 'agency',
    generatedAt: new Date().toISOString(),
    profile: {
      id,
      name: String(p.name),
      acronym: str(p.acronym) || null,
      nameZh: str(p.nameZh),
      type: str(p.type),
      parent: str(p.parent),
      resolved: p.resolved !== false,
      aliases: ((p.aliases as string[]) ?? []).filter((x) => x !== p.acronym),
    },
    policies,
    coIssuers,
    sectors,
    targets: [...byYearTargets.entries()].sort((x, y) => (x[0] ?? 9999) - (y[0] ?? 9999)).map(([year, items]) => ({ year, items })),
    news,
    companies,
    counts,
    listed: totals.listed,
    byYear: byYear.map((r) => ({
      year: typeof r.year === 'number' ? r.year : null,
      policies: Number(r.policies),
      news: Number(r.news),
    })),
    network: {
      // Co-issuers share a policy with it; sectors are those its policies target: both one item away.
      nodes: [
        ...coIssuers.slice(0, 12).map((c) => ({
          id: c.id,
          name: c.name,
          kind: 'Agency',
          weight: c.joint,
          link: 'item' as const,
          weightOf: plural(c.joint, 'joint policy', 'joint policies'),
        })),
        ...sectors.slice(0, 8).map((s) => ({
          id: s.id,
          name: s.name,
          kind: 'Sector',
          weight: s.policies,
          link: 'item' as const,
          weightOf: plural(s.policies, 'policy', 'policies'),
        })),
      ],
    },
    sources: await executor.read((tx) => sourcesOf(tx, briefs), opts),
    notes,
  });
}

/** How a company appears in the graph: mentions, sectors, the policies and agencies around them. */
export async function buildCompanyReport(executor: Executor, id: string, windowDays = 365): Promise<CompanyReport> {
  const opts = { timeoutMs: 30_000, metadata: { feature: 'report', kind: 'company' } };
  const params = sectionParams(id, windowDays);
  const [[p, totals, policies, agencies], [mentions, sectors, peers, byYearRows]] = await inLanes(
    executor,
    opts,
    async (tx) =>
      [
        await subject(tx, 'Company', id),
        (await companyTotals(tx, params))!,
        await companyItems(tx, 'policies', params, 0, L.companyPolicies),
        await companyItems(tx, 'agencies', params, 0, L.agencies),
      ] as const,
    async (tx) =>
      [
        await companyItems(tx, 'mentions', params, 0, L.mentions),
        await companyItems(tx, 'sectors', params, 0, L.sectors),
        await companyItems(tx, 'peers', params, 0, L.peers),
        await rows(tx, 'company-by-year', params),
      ] as const,
  );
  const byYear = byYearRows.map((r) => ({ year: typeof r.year === 'number' ? r.year : null, mentions: Number(r.mentions) }));
  // The newest dated entries of the two lists above, in date order.
  const timeline = [
    ...mentions
      .filter((m) => m.date)
      .map((m) => ({
        date: m.date!,
        what: `${String(p.name)} ${m.kind === 'NewsItem' ? 'in the news' : 'named in a policy write-up'}`,
        citation: m.citation,
      })),
    ...policies.map((x) => ({ date: x.date, what: `Policy on ${x.sector}: ${x.title}`, citation: x.citation })),
  ]
    .sort((x, y) => y.date.localeCompare(x.date))
    .slice(0, L.timeline)
    .reverse();

  const briefs = new Set<string>([...mentions.map((m) => m.citation.brief), ...policies.map((x) => x.citation.brief), ...peers.map((x) => x.citation.brief)]);
  const { counts } = totals;
  const notes: string[] = [];
  if (counts.mentions < 2)
    notes.push(
      `The graph has little on this company: ${plural(counts.mentions, 'mention')}. Sections below that depend on sectors and policies are correspondingly thin.`,
    );
  if (!counts.sectors) notes.push('No sector could be tied to its mentions, so no related policies are listed.');
  if (policies.some((x) => x.extraction === 'prose')) notes.push(PROSE_NOTE);

  return companyReport.parse({
    kind: 'company',
    generatedAt: new Date().toISOString(),
    profile: { id, name: String(p.name), aliases: (p.aliases as string[]) ?? [] },
    mentions,
    sectors,
    policies,
    agencies,
    peers,
    timeline,
    counts,
    listed: totals.listed,
    byYear,
    network: {
      // Sectors are tagged on the items that name it (one item away); agencies issued policies on
      // those sectors (through a sector, never directly); peers either share an item or a sector.
      nodes: [
        ...sectors
          .slice(0, 6)
          .map((s) => ({ id: s.id, name: s.name, kind: 'Sector', weight: s.mentions, link: 'item' as const, weightOf: plural(s.mentions, 'mention') })),
        ...agencies.slice(0, 6).map((a) => ({
          id: a.id,
          name: a.name,
          kind: 'Agency',
          weight: a.policies,
          link: 'sector' as const,
          weightOf: plural(a.policies, 'policy', 'policies') + ' on its sectors',
        })),
        ...peers.slice(0, 6).map((x) => ({ id: x.id, name: x.name, kind: 'Company', weight: 1, link: x.link, weightOf: x.how.join('; ') })),
      ],
    },
    sources: await executor.read((tx) => sourcesOf(tx, briefs), opts),
    notes,
  });
}
