import type { AgencyReport, Citation, CompanyReport, Report } from './model.js';
import { plural } from './plural.js';

/** Report → a layout-neutral document; markdown.ts and html.ts only decide how it looks. */
export interface Item {
  text: string;
  detail?: string;
  citations: Citation[];
}
export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'items'; items: Item[]; empty: string }
  | { kind: 'table'; head: string[]; rows: string[][]; empty: string }
  | { kind: 'figure'; center: string; nodes: Report['network']['nodes'] };
export interface Section {
  title: string;
  blocks: Block[];
}
export interface Doc {
  title: string;
  subtitle: string;
  generatedAt: string;
  sections: Section[];
  sources: Report['sources'];
}

export function toDocument(r: Report): Doc {
  return r.kind === 'agency' ? agencyDoc(r) : companyDoc(r);
}

function agencyDoc(r: AgencyReport): Doc {
  const p = r.profile;
  const led = r.policies.filter((x) => x.lead);
  const co = r.policies.filter((x) => !x.lead);
  const policyItem = (x: AgencyReport['policies'][number]): Item => ({
    text: `${x.date} — ${x.title}${x.status === 'draft' ? ' [draft]' : ''}`,
    detail: [x.titleZh, x.coIssuers.length ? `with ${x.coIssuers.join(', ')}` : ''].filter(Boolean).join(' · '),
    citations: x.citations,
  });
  return {
    title: `${p.acronym ? `${p.acronym}: ` : ''}${p.name}`,
    subtitle: 'Agency relationship report',
    generatedAt: r.generatedAt,
    sources: r.sources,
    sections: [
      {
        title: 'Profile',
        blocks: [
          { kind: 'table', head: ['Field', 'Value'], rows: [['Name', p.name], ['Acronym', p.acronym ?? '—'], ['Chinese name', p.nameZh ?? '—'], ['Type', p.type ?? '—'], ['Supervised by', p.parent ?? '—'], ['Also written', p.aliases.slice(0, 8).join('; ') || '—']], empty: '' },
          ...r.notes.map((text) => ({ kind: 'note' as const, text })),
          { kind: 'p', text: agencySummary(r) },
        ],
      },
      { title: 'Policies led', blocks: [{ kind: 'items', items: led.map(policyItem), empty: 'None in the graph.' }] },
      { title: 'Policies co-issued', blocks: [{ kind: 'items', items: co.map(policyItem), empty: 'None in the graph.' }] },
      { title: 'Co-issuing agencies', blocks: [{ kind: 'table', head: ['Agency', 'Joint policies', 'Policies'], rows: r.coIssuers.map((c) => [c.fullName && c.fullName !== c.name ? `${c.name} (${c.fullName})` : c.name, String(c.joint), c.policies.join('; ')]), empty: 'It issued no policy jointly with another agency in the graph.' }] },
      { title: 'Sectors targeted', blocks: [{ kind: 'items', items: r.sectors.map((s) => ({ text: `${s.name} — ${s.policies} polic${s.policies === 1 ? 'y' : 'ies'}`, detail: s.citations.map((c) => c.policy).join('; '), citations: s.citations })), empty: 'No sector in the graph.' }] },
      { title: 'Quantified targets', blocks: r.targets.length ? r.targets.map((t) => ({ kind: 'items' as const, items: t.items.map((i) => ({ text: `${t.year ?? 'No year'}: ${i.text}`, detail: `${i.values.join(', ')} — ${i.policy}`, citations: [i.citation] })), empty: '' })) : [{ kind: 'p', text: 'No quantified target in its policies.' }] },
      { title: 'News involving it', blocks: [{ kind: 'items', items: r.news.map((n) => ({ text: `${n.date} (${n.kind} news)${n.lead ? ', as lead' : ''}: ${n.text}`, citations: [n.citation] })), empty: 'No news item names it.' }] },
      { title: 'Companies linked', blocks: [{ kind: 'items', items: r.companies.map((c) => ({ text: c.name, detail: c.how.join('; '), citations: c.citations })), empty: 'No company is linked through its policies or their sectors.' }] },
      { title: 'Network', blocks: [{ kind: 'figure', center: p.acronym ?? p.name, nodes: r.network.nodes }] },
    ],
  };
}

/** Each figure names its unit and what it counts; `counts` holds the same numbers for tests and JSON. */
function agencySummary(r: AgencyReport): string {
  const c = r.counts;
  return `${plural(c.policies, 'policy', 'policies')} issued (${c.policiesLed} as lead issuer, ${c.policiesCoIssued} as co-issuer) and ${plural(c.news, 'news item')} involving it, in ${plural(c.briefs, 'brief')}.`;
}

function companySummary(r: CompanyReport): string {
  const c = r.counts;
  const news = r.mentions.filter((m) => m.kind === 'NewsItem').length;
  const writeUps = c.mentions - news;
  const mentioned = `Mentioned in ${plural(c.mentionBriefs, 'brief')}: named in ${plural(news, 'news item')} and ${plural(writeUps, 'policy write-up')}.`;
  const sectors = c.sectors
    ? ` Those items are tagged with ${plural(c.sectors, 'sector')}; ${c.policies === 1 ? '1 policy on those sectors is' : `${c.policies} policies on those sectors are`} dated within a year of a mention, issued by ${plural(c.agencies, 'agency', 'agencies')}.`
    : ' No sector is tagged on those items.';
  return `${mentioned}${sectors}`;
}

function companyDoc(r: CompanyReport): Doc {
  const p = r.profile;
  return {
    title: p.name,
    subtitle: 'Company relationship report',
    generatedAt: r.generatedAt,
    sources: r.sources,
    sections: [
      {
        title: 'Profile',
        blocks: [
          { kind: 'table', head: ['Field', 'Value'], rows: [['Name', p.name], ['Also written', p.aliases.join('; ') || '—']], empty: '' },
          ...r.notes.map((text) => ({ kind: 'note' as const, text })),
          { kind: 'p', text: companySummary(r) },
        ],
      },
      { title: 'Mentions', blocks: [{ kind: 'items', items: r.mentions.map((m) => ({ text: `${m.date ?? 'undated'} — ${m.kind === 'NewsItem' ? 'news' : 'policy write-up'}${m.kind !== 'NewsItem' && m.item ? `: ${m.item}` : ''}`, citations: [m.citation] })), empty: 'No mention.' }] },
      { title: 'Sectors', blocks: [{ kind: 'table', head: ['Sector', 'Mentions tagged with it'], rows: r.sectors.map((s) => [s.name, String(s.mentions)]), empty: 'No sector tied to its mentions.' }] },
      { title: 'Policies on those sectors in the same period', blocks: [{ kind: 'items', items: r.policies.map((x) => ({ text: `${x.date} — ${x.title} (${x.sector})`, detail: [x.titleZh, x.agencies.length ? `issued by ${x.agencies.map((a) => a.name + (a.lead ? ' (lead)' : '')).join(', ')}` : ''].filter(Boolean).join(' · '), citations: [x.citation] })), empty: 'No policy in the graph targets these sectors within a year of its mentions.' }] },
      { title: 'Agencies behind those policies', blocks: [{ kind: 'table', head: ['Agency', 'Policies'], rows: r.agencies.map((a) => [a.name, String(a.policies)]), empty: 'None.' }] },
      { title: 'Other companies', blocks: [{ kind: 'items', items: r.peers.map((x) => ({ text: x.name, detail: x.how.join('; '), citations: [x.citation] })), empty: 'No other company appears with it.' }] },
      { title: 'Timeline', blocks: [{ kind: 'items', items: r.timeline.map((t) => ({ text: `${t.date} — ${t.what}`, citations: [t.citation] })), empty: 'Nothing dated.' }] },
      { title: 'Network', blocks: [{ kind: 'figure', center: p.name, nodes: r.network.nodes }] },
    ],
  };
}

// A brief without topics is titled with its date ("MERICS China Industries (2021-12-07)"): the
// date is not printed a second time.
export const citeText = (c: Citation) => {
  const title = c.briefTitle ?? c.brief;
  return `${title}${c.briefDate && !title.includes(c.briefDate) ? `, ${c.briefDate}` : ''}${c.line ? `, line ${c.line}` : ''}`;
};
