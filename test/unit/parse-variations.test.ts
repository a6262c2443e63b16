import { describe, expect, it } from 'vitest';
import { extractText } from '../../server/import/pipeline.js';
import { parseBrief } from '../../server/parse/brief.js';
import { BriefError } from '../../server/parse/schema.js';

// A brief the importer has never seen: new agency, new companies, layout variations.
const UNSEEN = `MERICS China Industries
JANUARY 20, 2025

Robotics + Ports + Solar

MERICS Top 5

1. Robots everywhere

At a glance: Seventeen government bodies led by the Ministry of Industry and Information Technology (MIIT) released a plan for humanoid robots. Targets for 2027 include:

  • Grow the humanoid robot industry to CNY 100 billion by 2027
  • Raise the share of domestic servo motors to 70 percent

MERICS comment: Chinese robot maker Zhiyuan Dynamics and startups such as Kepler Robotics will benefit. Foreign firms like ABB face pressure.

Article: Guidelines on the Innovative Development of Humanoid Robots (Trial) (Version 2.0)
Issuing bodies: MITT, NDRC et al.
Date: December 30, 2024

2. Ports go green

At a glance: The Ministry of Transport (MOT) and the China Ports Authority Working Group issued measures for zero-carbon ports.

Article: Measures for Green Ports (关于推进绿色港口建设的措施) (Link)
Issuing Body: Ministry of Transport, China Ports Authority Working Group
Date: January 3, 2025

Noteworthy

Policy news

  • December 28: The National Energy Administration released rules for distributed solar power (NEA notice)
January 2: The MIIT published a list of
smart factories in Jiangsu (MIIT notice)

Corporate news

  • December 31: Chinese battery maker Sunwoda Energy announced a new plant in Hungary (Caixin article)
  • January 6: Longi Green Energy signed a deal with Masdar, a UAE state-owned energy company, for solar modules (Reuters article)
`;

describe('a brief with layouts and names the seeds do not have', () => {
  const g = extractText(UNSEEN, 'unseen_2025.txt');
  const policy = (t: string) => g.nodes.find((n) => n.label === 'Policy' && String(n.properties.title).startsWith(t))!;
  const issuers = (id: string) => g.relationships.filter((r) => r.type === 'ISSUED_BY' && r.source === id);

  it('keeps an English title that contains parentheses, without a Chinese title', () => {
    const p = policy('Guidelines on the Innovative');
    expect(p.properties.title).toBe('Guidelines on the Innovative Development of Humanoid Robots (Trial) (Version 2.0)');
    expect(p.properties.titleZh).toBeUndefined();
    expect(p.properties.issuersIncomplete).toBe(true);
    expect(p.properties.issuerCountStated).toBe(17);
  });

  it('reads a one-letter typo in an acronym as the known body and keeps the lead', () => {
    const rels = issuers(policy('Guidelines on the Innovative').id);
    expect(rels.map((r) => r.target).sort()).toEqual(['agency:MIIT', 'agency:NDRC']);
    expect(rels.find((r) => r.properties.lead)?.target).toBe('agency:MIIT');
    expect(g.warnings.some((w) => /MITT/.test(w.message))).toBe(true);
  });

  it('keeps an issuer missing from the registry as an unresolved agency', () => {
    const rels = issuers(policy('Measures for Green Ports').id);
    expect(rels.map((r) => r.target)).toContain('agency:MOT');
    const other = rels.find((r) => r.target.startsWith('agency:unresolved:'));
    expect(other).toBeDefined();
    const node = g.nodes.find((n) => n.id === other!.target)!;
    expect(node.properties).toMatchObject({ name: 'China Ports Authority Working Group', resolved: false });
    expect(g.nodes.find((n) => n.id === policy('Measures for Green Ports').id)!.properties.titleZh).toBe('关于推进绿色港口建设的措施');
  });

  it('joins a news bullet broken over two lines, and a news line without a bullet', () => {
    const news = g.nodes.filter((n) => n.label === 'NewsItem' && n.properties.kind === 'policy');
    expect(news.map((n) => n.properties.date).sort()).toEqual(['2024-12-28', '2025-01-02']);
    expect(news.find((n) => n.properties.date === '2025-01-02')!.properties.text).toBe('The MIIT published a list of smart factories in Jiangsu');
  });

  it('puts December news of a January brief in the previous year', () => {
    const corp = g.nodes
      .filter((n) => n.label === 'NewsItem' && n.properties.kind === 'corporate')
      .map((n) => n.properties.date)
      .sort();
    expect(corp).toEqual(['2024-12-31', '2025-01-06']);
  });

  it('finds companies no list has seen, and no outlets', () => {
    const companies = g.nodes.filter((n) => n.label === 'Company');
    const names = companies.flatMap((n) => [n.properties.name, ...(n.properties.aliases as string[])]);
    expect(names).toEqual(expect.arrayContaining(['Zhiyuan Dynamics', 'Kepler Robotics', 'Sunwoda', 'Longi Green Energy', 'Masdar', 'ABB']));
    expect(names.some((n) => /Working Group/.test(String(n)))).toBe(false);
    expect(names).not.toContain('Caixin');
    expect(names).not.toContain('Reuters');
    expect(names).not.toContain('Hungary');
  });

  it('keeps quantified targets with their year', () => {
    const targets = g.nodes.filter((n) => n.label === 'Target');
    expect(targets.map((t) => [t.properties.values, t.properties.year])).toEqual([
      [['CNY 100 billion'], 2027],
      [['70 percent'], 2027],
    ]);
  });

  it('tags every policy with a sector', () => {
    for (const p of g.nodes.filter((n) => n.label === 'Policy')) expect(g.relationships.some((r) => r.type === 'TARGETS' && r.source === p.id)).toBe(true);
  });
});

describe('bad briefs fail with the file and line', () => {
  const fails = (text: string, pattern: RegExp) => {
    expect(() => parseBrief(text, 'bad.txt')).toThrow(BriefError);
    expect(() => parseBrief(text, 'bad.txt')).toThrow(pattern);
  };
  it('empty file', () => fails('  \n\n', /bad\.txt: file is empty/));
  it('binary file', () => fails('PK\u0003\u0004\u0000\u0000garbage', /bad\.txt: file is binary/));
  it('a file far larger than a brief', () => fails('x'.repeat(3 * 1024 * 1024), /bad\.txt: file is 3\.0 MB/));
  it('no write-ups and no news', () => fails('Just some notes about China.\nNothing else.', /no policy write-ups/));
  it('February 30', () => fails(UNSEEN.replace('December 30, 2024', 'February 30, 2024'), /bad\.txt:\d+: "February 30, 2024" is not a valid calendar date/));
  it('a write-up without its Article lines in the middle of a brief (not at its end)', () => {
    const [before, after] = UNSEEN.split('Article: Measures for Green Ports');
    fails(`${before}${after!.slice(after!.indexOf('Noteworthy'))}`, /bad\.txt:\d+: a write-up starts here but has no Article/);
  });

  it('a brief cut off mid-write-up keeps its complete write-ups and is flagged truncated where it stops', () => {
    const cut = UNSEEN.split('Article: Measures for Green Ports')[0]!;
    const b = parseBrief(cut, 'cut.txt');
    expect(b.writeups).toHaveLength(1);
    const last = cut.trimEnd().split('\n').length;
    expect(b.truncatedAtLine).toBe(last);
    expect(b.warnings).toContainEqual({ line: last, message: expect.stringMatching(/in the middle of a write-up: it looks truncated/) });
  });

  it('accepts Windows line endings and a UTF-8 BOM', () => {
    const b = parseBrief(`\uFEFF${UNSEEN.replace(/\n/g, '\r\n')}`, 'crlf.txt');
    expect(b.writeups).toHaveLength(2);
    expect(b.news).toHaveLength(4);
    expect(b.date).toBe('2025-01-20');
  });

  it('keeps a duplicated write-up once, with a warning', () => {
    const block = UNSEEN.slice(UNSEEN.indexOf('2. Ports go green'), UNSEEN.indexOf('Noteworthy'));
    const b = parseBrief(UNSEEN.replace('Noteworthy', `${block}\nNoteworthy`), 'dup.txt');
    expect(b.writeups).toHaveLength(2);
    expect(b.warnings.some((w) => /duplicate write-up/.test(w.message))).toBe(true);
  });
});
