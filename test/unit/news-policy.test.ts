import { describe, expect, it } from 'vitest';
import { extractText } from '../../server/import/pipeline.js';
import type { ExtractedGraph } from '../../server/extract/schema.js';

// Invented news lines in the seeds' layouts: agencies, provinces, document types and years that no
// seed brief has, and lines where a body acts without a document.
const brief = (year: number, month: string, lines: string[]) =>
  [
    `MERICS China Industries Briefing - ${month} ${year}`,
    '',
    '1. Ports go smart',
    '',
    'At a glance: Officials met in Beijing to discuss ports.',
    '',
    'MERICS comment: Watch this space.',
    '',
    'Other noteworthy developments',
    '',
    ...lines.map((l) => `  • ${l}`),
  ].join('\n');

function newsPolicies(g: ExtractedGraph) {
  return g.relationships
    .filter((r) => r.type === 'ANNOUNCES')
    .map((r) => {
      const p = g.nodes.find((n) => n.id === r.target)!;
      const issuers = g.relationships.filter((x) => x.type === 'ISSUED_BY' && x.source === p.id);
      return {
        ...p.properties,
        properties: p.properties,
        line: r.properties.line,
        id: p.id,
        issuers: issuers.map((x) => x.target),
        lead: issuers.find((x) => x.properties.lead)?.target,
      };
    });
}

describe('policies stated in news lines the importer has never seen', () => {
  const g = extractText(
    brief(2025, 'June', [
      'June 3: The Ministry of Natural Resources and the Ministry of Water Resources issued guidelines on groundwater protection in mining regions (MNR notice)',
      'June 5: The Zhejiang Provincial Government released an action plan for low-altitude economy development covering 2025-2027 (Zhejiang government notice)',
      'June 9: The Supreme People’s Court published a judicial interpretation on disputes over data property rights (SPC notice)',
      'June 11: The State Administration for Financial Regulation solicited comments on draft measures for the administration of consumer finance companies (NFRA notice)',
      'June 12: The NDRC held a press conference on grain prices (Xinhua article)',
      'June 13: SAMR fined a dairy producer CNY 3 million for misleading labels (SAMR notice)',
      'June 16: The National Bureau of Statistics released data showing industrial output grew 5.1 percent in May (NBS article)',
      'June 18: The US Department of Commerce issued new rules restricting exports of AI chips to China (Reuters article)',
      'June 19: Chinese battery maker CATL released a plan to build a plant in Hungary (CATL press release)',
      'June 20: The MIIT will soon publish measures on robot safety (Caixin article)',
      'June 23: Seven government agencies led by the Ministry of Agriculture and Rural Affairs released the “Implementation Plan for Smart Agriculture (2025-2028)” (MARA notice)',
      'June 25: Three central agencies published the catalogue of encouraged foreign investment industries (MOFCOM notice)',
    ]),
    'unseen.txt',
  );
  const got = newsPolicies(g);
  const at = (line: number) => got.filter((p) => p.line === line);

  it('reads one policy from each line that announces a document, none from the others', () => {
    expect(got.map((p) => p.line).sort((a, b) => a - b)).toEqual([11, 12, 13, 14, 21, 22]);
  });

  it('central ministries: both issuers, the first leading, the line date, a descriptive title', () => {
    expect(at(11)[0]).toMatchObject({
      title: 'Guidelines on Groundwater Protection in Mining Regions',
      titleKind: 'descriptive',
      date: '2025-06-03',
      status: 'final',
      level: 'central',
      extraction: 'news',
      issuers: ['agency:MNR', 'agency:MWR'],
      lead: 'agency:MNR',
    });
  });

  it('a provincial government: kept unresolved as written, level local', () => {
    expect(at(12)[0]).toMatchObject({ level: 'local', date: '2025-06-05' });
    expect(at(12)[0]!.issuers).toEqual(['agency:unresolved:zhejiang-provincial-government']);
    expect(String(at(12)[0]!.properties.title)).toMatch(/^Action Plan for Low-altitude Economy Development/);
  });

  it('a court interpretation and a draft put out for comment', () => {
    expect(at(13)[0]).toMatchObject({ issuers: ['agency:SPC'] });
    expect(String(at(13)[0]!.properties.title)).toMatch(/^Judicial Interpretation on Disputes over Data Property Rights$/i);
    expect(at(14)[0]).toMatchObject({ status: 'draft', issuers: ['agency:NFRA'] });
  });

  it('"N agencies led by X released the “…”": the quoted title, the lead, the count; a counted group without names has no issuer', () => {
    expect(at(21)[0]).toMatchObject({
      title: 'Implementation Plan for Smart Agriculture (2025-2028)',
      titleKind: 'quoted',
      issuers: ['agency:MARA'],
      issuerCountStated: 7,
      issuersIncomplete: true,
    });
    expect(at(22)[0]).toMatchObject({ issuers: [], unnamedIssuers: 'Three central agencies', issuerCountStated: 3 });
  });

  it('news items keep their ids from date and text, not position', () => {
    const news = g.nodes.filter((n) => n.label === 'NewsItem').map((n) => n.id);
    expect(news).toContain('news:2025-06-12:the-ndrc-held-a-press-conference-on-grain-prices');
    expect(news.every((id) => /^news:2025-06-\d\d:[a-z0-9-]+$/.test(id))).toBe(true);
  });
});

describe('a December line of a January briefing, and a news line naming a write-up policy', () => {
  it('takes the previous year for December and ties the line to the write-up that states the same document', () => {
    const text = [
      'MERICS China Industries Briefing - January 2022',
      '',
      '1. Smart ports',
      '',
      'At a glance: The Ministry of Transport (MOT) has released guiding opinions on accelerating the construction of smart ports on January 4.',
      '',
      'MERICS comment: Overdue.',
      '',
      'Other noteworthy developments',
      '',
      '  • December 29: The General Administration of Customs issued measures on the supervision of cross-border e-commerce parcels (GACC notice)',
      '  • January 4: The MOT released guiding opinions on accelerating the construction of smart ports (MOT notice)',
    ].join('\n');
    const g = extractText(text, 'january.txt');
    const got = newsPolicies(g);
    expect(got.find((p) => p.line === 11)).toMatchObject({ date: '2021-12-29', issuers: ['agency:GACC'] });
    const writeup = g.nodes.find((n) => n.label === 'Policy' && n.properties.extraction === 'prose')!;
    expect(got.find((p) => p.line === 12)!.id).toBe(writeup.id);
    expect(g.nodes.filter((n) => n.label === 'Policy')).toHaveLength(2);
  });
});
