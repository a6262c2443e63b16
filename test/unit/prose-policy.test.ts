import { describe, expect, it } from 'vitest';
import { AgencyResolver } from '../../server/extract/agencies.js';
import { readProsePolicy, type ProsePolicy } from '../../server/extract/prosePolicy.js';
import { sentences } from '../../server/extract/statement.js';
import { loadRegistry } from '../../server/extract/registry.js';
import { extractText } from '../../server/import/pipeline.js';
import { parseBriefingMonth } from '../../server/parse/dates.js';
import { detectLayout, parseBrief } from '../../server/parse/brief.js';
import { toLines } from '../../server/parse/text.js';

// Invented sentences: agencies, documents and firms that no seed brief mentions.
const registry = loadRegistry();

function read(summary: string, briefDate = '2021-03'): ProsePolicy | { reason: string } {
  const agencies = new AgencyResolver(registry.agencies);
  const parts = summary.split('\n').map((text, i) => ({ line: 10 + i, text }));
  return readProsePolicy(
    { index: 1, summary, summaryLine: 10, summaryParts: parts, bullets: [], comment: [] },
    { agencies, words: registry.documents, briefDate },
  );
}

function policy(summary: string, briefDate?: string): ProsePolicy {
  const got = read(summary, briefDate);
  if ('reason' in got) throw new Error(`no policy read: ${got.reason}`);
  return got;
}

const ids = (p: ProsePolicy) => p.writeup.issuers.flatMap((s) => new AgencyResolver(registry.agencies).resolveIssuer(s).map((r) => r.id));

describe('reading a policy from an earlier-layout sentence', () => {
  it('"X has released guiding opinions on …": issuer, title from type and subject, the briefing month when no day is given', () => {
    const p = policy(
      'The Ministry of Transport (MOT) has released guiding opinions on accelerating the construction of smart ports. The document sets targets for 2025.',
    );
    expect(p.writeup.title).toBe('Guiding Opinions on Accelerating the Construction of Smart Ports');
    expect(ids(p)).toEqual(['agency:MOT']);
    expect(p.writeup.date).toBe('2021-03');
    expect(p.datePrecision).toBe('month');
    expect(p.writeup.issuerLineText).toBe('The Ministry of Transport (MOT) has released guiding opinions on accelerating the construction of smart ports.');
    expect(p.writeup.issuerLine).toBe(10);
  });

  it('"X and three other agencies issued … on 3 March": the named lead, the stated count, the day', () => {
    const p = policy(
      'The General Administration of Customs and three other agencies issued interim measures for the supervision of bonded warehouses on 3 March.',
    );
    expect(p.writeup.title).toBe('Interim Measures for the Supervision of Bonded Warehouses');
    expect(ids(p)).toEqual(['agency:GACC']);
    expect(p.issuerCountStated).toBe(4);
    expect(p.writeup.issuersIncomplete).toBe(true);
    expect(p.writeup.date).toBe('2021-03-03');
    expect(p.datePrecision).toBe('day');
  });

  it('"X, along with five other agencies, …" reads the same way', () => {
    const p = policy(
      'The Ministry of Emergency Management (MEM), along with five other agencies, released a work plan for the safety of chemical parks on March 9.',
    );
    expect(ids(p)).toEqual(['agency:MEM']);
    expect(p.issuerCountStated).toBe(6);
    expect(p.writeup.title).toBe('Work Plan for the Safety of Chemical Parks');
  });

  it('"… were jointly issued by X and Y on December 28": passive, both issuers, the year nearest the briefing', () => {
    const p = policy(
      'Rules for the registration of drone pilots were jointly issued by the Civil Aviation Administration of China (CAAC) and the Ministry of Public Security on December 28.',
      '2021-01',
    );
    expect(p.writeup.title).toBe('Rules for the Registration of Drone Pilots');
    expect(ids(p)).toEqual(['agency:CAAC', 'agency:MPS']);
    expect(p.writeup.date).toBe('2020-12-28');
  });

  it('a Chinese title in brackets, a stated year, premodifiers and a draft', () => {
    const p = policy(
      'The Ministry of Water Resources released a draft three-year action plan for rural water supply (农村供水三年行动方案) on June 2, 2021, inviting comments.',
      '2021-06',
    );
    expect(p.writeup.title).toBe('Draft Three-year Action Plan for Rural Water Supply');
    expect(p.writeup.titleZh).toBe('农村供水三年行动方案');
    expect(p.writeup.date).toBe('2021-06-02');
    expect(ids(p)).toEqual(['agency:MWR']);
  });

  it('two named issuers as the subject, acronyms in brackets dropped', () => {
    const p = policy(
      'The National Energy Administration (NEA) and the Ministry of Commerce (MOFCOM) have unveiled a catalogue of encouraged energy imports in March.',
    );
    expect(ids(p)).toEqual(['agency:NEA', 'agency:MOFCOM']);
    expect(p.writeup.title).toBe('Catalogue of Encouraged Energy Imports');
    expect(p.writeup.date).toBe('2021-03');
    expect(p.datePrecision).toBe('month');
  });

  it('stops the title at a clause ("such as", a comma) and keeps the sentence as evidence', () => {
    const p = policy('The Ministry of Civil Affairs issued guidelines on community elderly care, such as day-care centres and meal services.');
    expect(p.writeup.title).toBe('Guidelines on Community Elderly Care');
  });

  it("tries only the first sentences: background later in the summary is not the write-up's document", () => {
    const got = read(
      'Beijing wants more charging poles. Drivers complain about queues. Cities disagree on fees. The Ministry of Transport released a notice on charging fees.',
    );
    expect(got).toHaveProperty('reason');
  });

  it.each([
    ['a company as subject', 'Chipmaker Xinsheng Semiconductor released a white paper on wafer recycling.'],
    ['a person as subject', 'Premier Li Qiang announced a plan to cut fees for logistics firms.'],
    ['a news outlet as subject', 'Reuters published a report on steel output in Tangshan.'],
    ['no document type after the verb', 'The Ministry of Transport released details of a new form of port financing.'],
    ['a verb the data file does not list', 'The Ministry of Transport will soon publish measures on port financing.'],
    ['a noun phrase, not a release', "The MEM's release of trial measures marked the start of inspections."],
    ['a place as subject', 'Shenzhen released a plan to support drone start-ups.'],
  ])('no policy from %s', (_what, sentence) => {
    expect(read(sentence)).toHaveProperty('reason');
  });

  it('keeps a policy whose date neither the sentence nor the brief gives, its date unknown (the brief warns)', () => {
    const agencies = new AgencyResolver(registry.agencies);
    const text = 'The Ministry of Transport has released guiding opinions on smart ports.';
    const got = readProsePolicy(
      { index: 1, summary: text, summaryLine: 3, summaryParts: [{ line: 3, text }], bullets: [], comment: [] },
      { agencies, words: registry.documents },
    );
    expect(got).toMatchObject({ datePrecision: 'unknown', writeup: { title: 'Guiding Opinions on Smart Ports' } });
    expect('writeup' in got && got.writeup.date).toBeUndefined();
  });

  it('splits sentences but not at "e.g." or "U.S."', () => {
    expect(sentences('Firms, e.g. Foo, agreed. The U.S. objected. Done.')).toEqual(['Firms, e.g. Foo, agreed.', 'The U.S. objected.', 'Done.']);
  });
});

describe('the earlier layout in the parser', () => {
  it('reads the briefing month only from a line that names a briefing', () => {
    expect(parseBriefingMonth('MERICS China Industries Briefing - January 2021')).toBe('2021-01');
    expect(parseBriefingMonth('MERICS CHINA INDUSTRIES BRIEFING | SEPTEMBER 2020')).toBe('2020-09');
    expect(parseBriefingMonth('Exports rose in January 2021')).toBeUndefined();
  });

  it('decides the layout from the text: labelled Article lines win, At-a-glance write-ups without them are the earlier layout', () => {
    expect(detectLayout(toLines('1. Topic\nAt a glance: The MOT released a plan.\nMERICS comment: Fine.'))).toBe('prose');
    expect(detectLayout(toLines('At a glance: x\nArticle: Plan on Ports\nIssuing body: MOT\nDate: March 3, 2021'))).toBe('template');
    expect(detectLayout(toLines('Noteworthy\nPolicy news\nMarch 3: The MOT issued a plan.'))).toBe('template');
  });

  const brief = [
    'MERICS China Industries Briefing - March 2021',
    '',
    '1. Ports go smart',
    '',
    'At a glance: The Ministry of Transport (MOT) has released guiding opinions on accelerating the construction of smart ports on March 2.',
    '',
    '  • Automate 30 container terminals by 2025',
    '',
    'MERICS comment: Overdue.',
    '',
    '2. Customs reform',
    '',
    'At a glance: Officials met in Beijing to discuss customs.',
    '',
    'MERICS comment: Watch this space.',
    '',
    'Other noteworthy developments',
    '',
    '  • March 4: The Ministry of Commerce issued export licensing rules for drones (MOFCOM notice)',
    '  • Battery start-up Qingtao Energy raised CNY 1 billion',
    '    for a plant in Hubei (Caixin article)',
  ].join('\n');

  it('parses write-ups at their numbered headings, news under a data-listed heading, undated bullets in the briefing month', () => {
    const parsed = parseBrief(brief, 'earlier.txt');
    expect(parsed.layout).toBe('prose');
    expect(parsed.date).toBe('2021-03');
    expect(parsed.dateStated).toBe(true);
    expect(parsed.proseWriteups.map((w) => [w.heading, w.headingLine, w.bullets.length, w.comment.length])).toEqual([
      ['Ports go smart', 3, 1, 1],
      ['Customs reform', 11, 0, 1],
    ]);
    expect(parsed.news.map((n) => [n.date, n.kind, n.line])).toEqual([
      ['2021-03-04', undefined, 19],
      ['2021-03', undefined, 20],
    ]);
    // A line without a bullet continues the item above it.
    expect(parsed.news[1]).toMatchObject({ text: 'Battery start-up Qingtao Energy raised CNY 1 billion for a plant in Hubei', sources: ['Caixin article'] });
    expect(parsed.warnings.map((w) => w.message).join('\n')).toMatch(/read as the earlier briefing layout/);
  });

  it('extracts the prose policy with its sentence, warns about the write-up that states none, and sorts the news by subject', () => {
    const g = extractText(brief, 'earlier.txt');
    // The news line "The Ministry of Commerce issued export licensing rules …" states a policy too.
    const policies = g.nodes.filter((n) => n.label === 'Policy' && n.properties.extraction !== 'news');
    expect(policies).toHaveLength(1);
    const announced = g.relationships.filter((r) => r.type === 'ANNOUNCES').map((r) => g.nodes.find((n) => n.id === r.target)!.properties);
    expect(announced).toMatchObject([{ title: 'Export Licensing Rules for Drones', date: '2021-03-04', extraction: 'news', line: 19 }]);
    expect(policies[0]!.properties).toMatchObject({
      title: 'Guiding Opinions on Accelerating the Construction of Smart Ports',
      date: '2021-03-02',
      extraction: 'prose',
      line: 5,
    });
    expect(String(policies[0]!.properties.evidence)).toMatch(/^The Ministry of Transport \(MOT\) has released guiding opinions/);
    const issued = g.relationships.filter((r) => r.type === 'ISSUED_BY' && r.properties.extraction !== 'news');
    expect(issued.map((r) => [r.target, r.properties.extraction, r.properties.line])).toEqual([['agency:MOT', 'prose', 5]]);
    expect(g.warnings.find((w) => w.line === 13)?.message).toMatch(/write-up 2 \("Customs reform"\): no policy read from its prose/);
    const news = g.nodes.filter((n) => n.label === 'NewsItem').map((n) => [n.properties.kind, n.properties.date, n.properties.datePrecision ?? 'day']);
    expect(news).toEqual([
      ['policy', '2021-03-04', 'day'],
      ['corporate', '2021-03', 'month'],
    ]);
    expect(g.nodes.find((n) => n.label === 'Brief')!.properties).toMatchObject({ layout: 'prose', date: '2021-03' });
  });
});
