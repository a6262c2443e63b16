import type { AgencyReport, Citation, CompanyReport, Report } from './model.js';
import { REPORT_LIMITS } from './limits.js';
import { plural } from './plural.js';
import { analystNotesSection } from './analystNotes.js';

/** After a policy read from a sentence of an earlier-layout brief: check it against that sentence. */
export const PROSE_MARK = ' [derived from prose]';
const proseMark = (x: { extraction: string | null }) => (x.extraction === 'prose' ? PROSE_MARK : '');

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
  | { kind: 'figure'; center: string; nodes: Report['network']['nodes'] }
  /** Counts per quarter: a line chart in HTML, a table in Markdown. */
  | { kind: 'chart'; title: string; quarters: string[]; series: { name: string; values: number[] }[]; note: string }
  /** A list shortened to its first items: how many more, and where the whole list is. */
  | { kind: 'more'; text: string; href: string; csv: string };
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

/**
 * The line under a shortened list: "…and N more" with the items endpoint that pages through all of
 * them (JSON) and the same list as CSV. Nothing when the list is complete.
 */
function more(r: Report, section: string, shown: number, total: number, what: string): Block[] {
  if (total <= shown) return [];
  const href = `/api/reports/${r.kind}/${encodeURIComponent(r.profile.id)}/items?section=${section}`;
  return [
    {
      kind: 'more',
      text: `…and ${total - shown} more ${what} (${total} in all; the first ${shown} are listed).`,
      href,
      csv: `${href}&format=csv&limit=${REPORT_LIMITS.page}`,
    },
  ];
}

const yearTable = (head: string[], rows: string[][]): Block[] => (rows.length ? [{ kind: 'table', head, rows, empty: '' }] : []);

export function toDocument(r: Report): Doc {
  const doc = r.kind === 'agency' ? agencyDoc(r) : companyDoc(r);
  // Right after the profile: what the team says about the subject frames the rest.
  doc.sections.splice(1, 0, ...analystNotesSection(r.analystNotes ?? []));
  if (!r.trend) return doc;
  // Before the network figure, after the lists whose counts it charts.
  const at = doc.sections.findIndex((s) => s.title === 'Network');
  doc.sections.splice(at < 0 ? doc.sections.length : at, 0, { title: 'Trend by quarter', blocks: [trendBlock(r.trend)] });
  return doc;
}

export function trendBlock(t: NonNullable<Report['trend']>, title = `${t.name}: counts per quarter`): Block {
  return { kind: 'chart', title, quarters: t.quarters, series: t.series.map((s) => ({ name: s.name, values: s.values })), note: t.note };
}

/**
 * Final documents, then drafts under a line of their own (issue 27): a draft for comment is not yet
 * policy, and an analyst counting what an agency issued reads the first list.
 */
function finalThenDrafts<T extends { status: string | null }>(list: T[], item: (x: T) => Item): Block[] {
  const drafts = list.filter((x) => x.status === 'draft');
  const final = list.filter((x) => x.status !== 'draft');
  return [
    { kind: 'items', items: final.map(item), empty: drafts.length ? 'No final document in the graph.' : 'None in the graph.' },
    ...(drafts.length
      ? [
          { kind: 'p' as const, text: `Drafts (${drafts.length}), not yet in force:` },
          { kind: 'items' as const, items: drafts.map(item), empty: '' },
        ]
      : []),
  ];
}

function agencyDoc(r: AgencyReport): Doc {
  const p = r.profile;
  const led = r.policies.filter((x) => x.lead);
  const co = r.policies.filter((x) => !x.lead);
  const policyItem = (x: AgencyReport['policies'][number]): Item => ({
    text: `${x.date} — ${x.title}${x.status === 'draft' ? ' [draft]' : ''}${proseMark(x)}`,
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
          {
            kind: 'table',
            head: ['Field', 'Value'],
            rows: [
              ['Name', p.name],
              ['Acronym', p.acronym ?? '—'],
              ['Chinese name', p.nameZh ?? '—'],
              ['Type', p.type ?? '—'],
              ['Supervised by', p.parent ?? '—'],
              ['Also written', p.aliases.slice(0, 8).join('; ') || '—'],
            ],
            empty: '',
          },
          ...r.notes.map((text) => ({ kind: 'note' as const, text })),
          ...r.corrections.map((text) => ({ kind: 'note' as const, text })),
          { kind: 'p', text: agencySummary(r) },
          ...yearTable(
            ['Year', 'Policies', 'News items'],
            r.byYear.map((y) => [y.year === null ? 'undated' : String(y.year), String(y.policies), String(y.news)]),
          ),
        ],
      },
      {
        title: 'Policies led',
        blocks: [...finalThenDrafts(led, policyItem), ...more(r, 'policies', led.length, r.listed.policiesLed, 'policies led, older')],
      },
      {
        title: 'Policies co-issued',
        blocks: [...finalThenDrafts(co, policyItem), ...more(r, 'policies', co.length, r.listed.policiesCoIssued, 'policies co-issued, older')],
      },
      {
        title: 'Co-issuing agencies',
        blocks: [
          {
            kind: 'table',
            head: ['Agency', 'Joint policies', 'Newest joint policies'],
            rows: r.coIssuers.map((c) => [
              c.fullName && c.fullName !== c.name ? `${c.name} (${c.fullName})` : c.name,
              String(c.joint),
              c.policies.join('; ') + (c.joint > c.policies.length ? '; …' : ''),
            ]),
            empty: 'It issued no policy jointly with another agency in the graph.',
          },
          ...more(r, 'coIssuers', r.coIssuers.length, r.listed.coIssuers, 'co-issuing agencies, with fewer joint policies'),
        ],
      },
      {
        title: 'Sectors targeted',
        blocks: [
          {
            kind: 'items',
            items: r.sectors.map((s) => ({
              text: `${s.name} — ${s.policies} polic${s.policies === 1 ? 'y' : 'ies'}`,
              detail: s.citations.map((c) => c.policy).join('; '),
              citations: s.citations,
            })),
            empty: 'No sector in the graph.',
          },
          ...more(r, 'sectors', r.sectors.length, r.listed.sectors, 'sectors, with fewer policies'),
        ],
      },
      {
        title: 'Quantified targets',
        blocks: [
          ...(r.targets.length
            ? r.targets.map((t) => ({
                kind: 'items' as const,
                items: t.items.map((i) => ({
                  text: `${t.year ?? 'No year'}: ${i.text}`,
                  detail: `${i.values.join(', ')} — ${i.policy}`,
                  citations: [i.citation],
                })),
                empty: '',
              }))
            : [{ kind: 'p' as const, text: 'No quantified target in its policies.' }]),
          ...more(
            r,
            'targets',
            r.targets.reduce((n, t) => n + t.items.length, 0),
            r.listed.targets,
            'targets of older policies',
          ),
        ],
      },
      {
        title: 'News involving it',
        blocks: [
          {
            kind: 'items',
            items: r.news.map((n) => ({ text: `${n.date} (${n.kind} news)${n.lead ? ', as lead' : ''}: ${n.text}`, citations: [n.citation] })),
            empty: 'No news item names it.',
          },
          ...more(r, 'news', r.news.length, r.listed.news, 'older news items'),
        ],
      },
      {
        title: 'Companies linked',
        blocks: [
          {
            kind: 'items',
            items: r.companies.map((c) => ({ text: c.name, detail: c.how.join('; '), citations: c.citations })),
            empty: 'No company is linked through its policies or their sectors.',
          },
          ...more(r, 'companies', r.companies.length, r.listed.companies, 'companies, less connected'),
        ],
      },
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
  const news = c.mentionsNews;
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
          {
            kind: 'table',
            head: ['Field', 'Value'],
            rows: [
              ['Name', p.name],
              ['Also written', p.aliases.join('; ') || '—'],
            ],
            empty: '',
          },
          ...r.notes.map((text) => ({ kind: 'note' as const, text })),
          ...r.corrections.map((text) => ({ kind: 'note' as const, text })),
          { kind: 'p', text: companySummary(r) },
          ...yearTable(
            ['Year', 'Mentions'],
            r.byYear.map((y) => [y.year === null ? 'undated' : String(y.year), String(y.mentions)]),
          ),
        ],
      },
      {
        title: 'Mentions',
        blocks: [
          {
            kind: 'items',
            items: r.mentions.map((m) => ({
              text: `${m.date ?? 'undated'} — ${m.kind === 'NewsItem' ? 'news' : 'policy write-up'}${m.kind !== 'NewsItem' && m.item ? `: ${m.item}` : ''}`,
              citations: [m.citation],
            })),
            empty: 'No mention.',
          },
          ...more(r, 'mentions', r.mentions.length, r.listed.mentions, 'older mentions'),
        ],
      },
      {
        title: 'Sectors',
        blocks: [
          {
            kind: 'table',
            head: ['Sector', 'Mentions tagged with it'],
            rows: r.sectors.map((s) => [s.name, String(s.mentions)]),
            empty: 'No sector tied to its mentions.',
          },
          ...more(r, 'sectors', r.sectors.length, r.listed.sectors, 'sectors, with fewer mentions'),
        ],
      },
      {
        title: 'Policies on those sectors in the same period',
        blocks: [
          {
            kind: 'items',
            items: r.policies.map((x) => ({
              text: `${x.date} — ${x.title} (${x.sector})${proseMark(x)}`,
              detail: [x.titleZh, x.agencies.length ? `issued by ${x.agencies.map((a) => a.name + (a.lead ? ' (lead)' : '')).join(', ')}` : '']
                .filter(Boolean)
                .join(' · '),
              citations: [x.citation],
            })),
            empty: 'No policy in the graph targets these sectors within a year of its mentions.',
          },
          ...more(r, 'policies', r.policies.length, r.listed.policies, 'older policies (policy and sector pairs)'),
        ],
      },
      {
        title: 'Agencies behind those policies',
        blocks: [
          { kind: 'table', head: ['Agency', 'Policies'], rows: r.agencies.map((a) => [a.name, String(a.policies)]), empty: 'None.' },
          ...more(r, 'agencies', r.agencies.length, r.listed.agencies, 'agencies, with fewer policies'),
        ],
      },
      {
        title: 'Other companies',
        blocks: [
          {
            kind: 'items',
            items: r.peers.map((x) => ({ text: x.name, detail: x.how.join('; '), citations: [x.citation] })),
            empty: 'No other company appears with it.',
          },
          ...more(r, 'peers', r.peers.length, r.listed.peers, 'companies, less connected'),
        ],
      },
      {
        title: 'Timeline',
        blocks: [
          { kind: 'items', items: r.timeline.map((t) => ({ text: `${t.date} — ${t.what}`, citations: [t.citation] })), empty: 'Nothing dated.' },
          ...(r.listed.mentions > r.mentions.length || r.listed.policies > r.policies.length
            ? [{ kind: 'p' as const, text: `The newest ${r.timeline.length} dated entries of the mentions and policies listed above.` }]
            : []),
        ],
      },
      { title: 'Network', blocks: [{ kind: 'figure', center: p.name, nodes: r.network.nodes }] },
    ],
  };
}

// A brief without topics is titled with its date ("MERICS China Industries (2021-12-07)"): the
// date is not printed a second time.
export const citeText = (c: Citation) => {
  const title = c.briefTitle ?? c.brief;
  return `${title}${c.briefDate && !title.includes(c.briefDate) ? `, ${c.briefDate}` : ''}${c.line ? `, line ${c.line}` : ''}${c.page ? ` (page ${c.page})` : ''}`;
};
