import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { toJson } from '../api/elements.js';
import type { Executor } from '../graph/executor.js';
import { agencyReport, companyReport, type AgencyReport, type Citation, type CompanyReport } from './model.js';
import { plural } from './plural.js';
import { reportQueries, type ReportQuery } from './queries.js';

type Row = Record<string, unknown>;

async function rows(tx: ManagedTransaction, q: ReportQuery, params: Row): Promise<Row[]> {
  return (await tx.run(reportQueries[q], params)).records.map((r) => toJson(r.toObject()) as Row);
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const cite = (r: Row): Citation => ({ brief: String(r.brief ?? ''), briefTitle: str(r.briefTitle), briefDate: str(r.briefDate), evidence: String(r.evidence ?? ''), line: typeof r.line === 'number' ? r.line : null });

async function sourcesOf(tx: ManagedTransaction, briefs: Set<string>) {
  const res = await tx.run('MATCH (b:Brief) WHERE b.id IN $ids RETURN b.id AS id, b.title AS title, b.date AS date, b.source AS file ORDER BY date DESC, id', { ids: [...briefs].map((b) => `brief:${b}`) });
  return res.records.map((r) => ({ brief: String(r.get('id')).slice('brief:'.length), title: str(r.get('title')), date: str(r.get('date')), file: str(r.get('file')) }));
}

/** Everything the graph says about one agency, each statement with its brief and sentence. */
export async function buildAgencyReport(executor: Executor, id: string): Promise<AgencyReport> {
  return executor.read(
    async (tx) => {
      const a = (await tx.run('MATCH (a:Agency {id: $id}) RETURN a', { id })).records[0]?.get('a');
      if (!a) throw new Error(`no agency ${id}`);
      const p = a.properties as Row;
      const policyRows = await rows(tx, 'agency-policies', { id });
      const policies = new Map<string, AgencyReport['policies'][number]>();
      for (const r of policyRows) {
        const key = String(r.id);
        const existing = policies.get(key);
        if (existing) {
          existing.citations.push(cite(r));
          existing.lead ||= r.lead === true;
          continue;
        }
        policies.set(key, {
          id: key,
          title: String(r.title),
          titleZh: str(r.titleZh),
          date: String(r.date),
          status: str(r.status),
          lead: r.lead === true,
          coIssuers: (r.coIssuers as string[]) ?? [],
          summary: str(r.summary),
          citations: [cite(r)],
        });
      }
      const coIssuers = (await rows(tx, 'agency-coissuers', { id })).map((r) => ({ id: String(r.id), name: String(r.name), fullName: str(r.fullName), joint: Number(r.joint), policies: r.policies as string[] }));
      const sectors = (await rows(tx, 'agency-sectors', { id })).map((r) => ({
        id: String(r.id),
        name: String(r.name),
        policies: Number(r.policies),
        citations: (r.examples as Row[]).map((e) => ({ ...cite(e), policy: String(e.policy) })),
      }));
      const targetRows = await rows(tx, 'agency-targets', { id });
      const byYear = new Map<number | null, AgencyReport['targets'][number]['items']>();
      for (const r of targetRows) {
        const y = typeof r.year === 'number' ? r.year : null;
        byYear.set(y, [...(byYear.get(y) ?? []), { text: String(r.text), values: (r.values as string[]) ?? [], policy: String(r.policy), citation: cite(r) }]);
      }
      const news = (await rows(tx, 'agency-news', { id })).map((r) => ({ id: String(r.id), date: String(r.date), kind: String(r.kind), text: String(r.text), lead: r.lead === true, citation: cite(r) }));
      const companies = (await rows(tx, 'agency-companies', { id })).map((r) => ({ id: String(r.id), name: String(r.name), how: r.how as string[], citations: (r.citations as Row[]).map(cite) }));

      const briefs = new Set<string>();
      for (const x of policies.values()) for (const c of x.citations) briefs.add(c.brief);
      for (const s of sectors) for (const c of s.citations) briefs.add(c.brief);
      for (const n of news) briefs.add(n.citation.brief);
      for (const c of companies) for (const x of c.citations) briefs.add(x.brief);

      const ownBriefs = new Set<string>();
      for (const x of policies.values()) for (const c of x.citations) ownBriefs.add(c.brief);
      for (const n of news) ownBriefs.add(n.citation.brief);
      const led = [...policies.values()].filter((x) => x.lead).length;
      const counts = { policies: policies.size, policiesLed: led, policiesCoIssued: policies.size - led, news: news.length, briefs: ownBriefs.size };

      const notes: string[] = [];
      const facts = policies.size + news.length;
      if (facts === 0) notes.push('The graph has no policy or news item naming this agency; it appears only as a mention.');
      else if (facts < 3) notes.push(`The graph has little on this agency: ${plural(policies.size, 'policy', 'policies')} and ${plural(news.length, 'news item')}. Read the sections below with that in mind.`);
      if (p.resolved === false) notes.push('This issuer is not in the agency registry; its name is kept as the brief wrote it.');

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
        policies: [...policies.values()],
        coIssuers,
        sectors,
        targets: [...byYear.entries()].sort((x, y) => (x[0] ?? 9999) - (y[0] ?? 9999)).map(([year, items]) => ({ year, items })),
        news,
        companies,
        counts,
        network: {
          // Co-issuers share a policy with it; sectors are those its policies target: both one item away.
          nodes: [
            ...coIssuers.slice(0, 12).map((c) => ({ id: c.id, name: c.name, kind: 'Agency', weight: c.joint, link: 'item' as const, weightOf: plural(c.joint, 'joint policy', 'joint policies') })),
            ...sectors.slice(0, 8).map((s) => ({ id: s.id, name: s.name, kind: 'Sector', weight: s.policies, link: 'item' as const, weightOf: plural(s.policies, 'policy', 'policies') })),
          ],
        },
        sources: await sourcesOf(tx, briefs),
        notes,
      });
    },
    { timeoutMs: 30_000, metadata: { feature: 'report', kind: 'agency' } },
  );
}

/** How a company appears in the graph: mentions, sectors, the policies and agencies around them. */
export async function buildCompanyReport(executor: Executor, id: string, windowDays = 365): Promise<CompanyReport> {
  return executor.read(
    async (tx) => {
      const c = (await tx.run('MATCH (c:Company {id: $id}) RETURN c', { id })).records[0]?.get('c');
      if (!c) throw new Error(`no company ${id}`);
      const p = c.properties as Row;
      const mentions = (await rows(tx, 'company-mentions', { id })).map((r) => ({ id: String(r.id), kind: String(r.kind), date: str(r.date), item: str(r.item), citation: cite(r) }));
      const sectors = (await rows(tx, 'company-sectors', { id })).map((r) => ({ id: String(r.id), name: String(r.name), mentions: Number(r.mentions), evidence: r.evidence as string[] }));
      const policyRows = await rows(tx, 'company-policies', { id, windowDays: neo4j.int(windowDays) });
      const policies = policyRows.map((r) => ({
        id: String(r.id),
        title: String(r.title),
        titleZh: str(r.titleZh),
        date: String(r.date),
        sector: String(r.sector),
        agencies: ((r.agencies as Row[]) ?? []).filter((a) => a.id).map((a) => ({ id: String(a.id), name: String(a.name), lead: a.lead === true })),
        citation: cite(r),
      }));
      const agencyCount = new Map<string, { id: string; name: string; policies: Set<string> }>();
      for (const pol of policies) for (const a of pol.agencies) {
        const e = agencyCount.get(a.id) ?? { id: a.id, name: a.name, policies: new Set<string>() };
        e.policies.add(pol.id);
        agencyCount.set(a.id, e);
      }
      const agencies = [...agencyCount.values()].map((a) => ({ id: a.id, name: a.name, policies: a.policies.size })).sort((x, y) => y.policies - x.policies || x.name.localeCompare(y.name));
      const peers = (await rows(tx, 'company-peers', { id })).map((r) => ({ id: String(r.id), name: String(r.name), how: r.how as string[], link: Number(r.rank) === 0 ? ('item' as const) : ('sector' as const), citation: cite(r) }));

      const timeline = [
        ...mentions.filter((m) => m.date).map((m) => ({ date: m.date!, what: `${String(p.name)} ${m.kind === 'NewsItem' ? 'in the news' : 'named in a policy write-up'}`, citation: m.citation })),
        ...policies.map((x) => ({ date: x.date, what: `Policy on ${x.sector}: ${x.title}`, citation: x.citation })),
      ].sort((x, y) => x.date.localeCompare(y.date));

      const briefs = new Set<string>([...mentions.map((m) => m.citation.brief), ...policies.map((x) => x.citation.brief), ...peers.map((x) => x.citation.brief)]);
      const counts = {
        mentions: mentions.length,
        mentionBriefs: new Set(mentions.map((m) => m.citation.brief)).size,
        sectors: sectors.length,
        policies: new Set(policies.map((x) => x.id)).size,
        agencies: agencies.length,
      };
      const notes: string[] = [];
      if (mentions.length < 2) notes.push(`The graph has little on this company: ${plural(mentions.length, 'mention')}. Sections below that depend on sectors and policies are correspondingly thin.`);
      if (!sectors.length) notes.push('No sector could be tied to its mentions, so no related policies are listed.');

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
        network: {
          // Sectors are tagged on the items that name it (one item away); agencies issued policies on
          // those sectors (through a sector, never directly); peers either share an item or a sector.
          nodes: [
            ...sectors.slice(0, 6).map((s) => ({ id: s.id, name: s.name, kind: 'Sector', weight: s.mentions, link: 'item' as const, weightOf: plural(s.mentions, 'mention') })),
            ...agencies.slice(0, 6).map((a) => ({ id: a.id, name: a.name, kind: 'Agency', weight: a.policies, link: 'sector' as const, weightOf: plural(a.policies, 'policy', 'policies') + ' on its sectors' })),
            ...peers.slice(0, 6).map((x) => ({ id: x.id, name: x.name, kind: 'Company', weight: 1, link: x.link, weightOf: x.how.join('; ') })),
          ],
        },
        sources: await sourcesOf(tx, briefs),
        notes,
      });
    },
    { timeoutMs: 30_000, metadata: { feature: 'report', kind: 'company' } },
  );
}
