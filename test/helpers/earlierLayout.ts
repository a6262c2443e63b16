import fs from 'node:fs';
import path from 'node:path';
import { extractFile } from '../../server/import/pipeline.js';
import { parseBrief } from '../../server/parse/brief.js';

/**
 * A seed brief rewritten in MERICS's earlier layout (China Industries Briefing, 2020–21), as
 * merics.org published it: "MERICS China Industries Briefing - January 2021", numbered topics,
 * "At a glance:" opening with a sentence that states issuer, document and date, bullets, "MERICS
 * comment:", then "In other news" without policy/corporate sub-headings. No Article / Issuing
 * body / Date lines: everything the importer knows of a policy it has to read from prose.
 *
 * Sentences vary by write-up so each grammar form is exercised: "The X (ACR) has released …",
 * "The X, along with N other agencies, issued …", "… were jointly issued by X and Y on …", and one
 * write-up without a day (the briefing's month stands in).
 */
export interface EarlierLayoutBrief {
  text: string;
  /** What the prose states for each write-up: the truth the import is checked against. */
  expected: { title: string; titleZh?: string; issuers: string[]; date: string; datePrecision: 'day' | 'month'; incomplete: boolean }[];
  /** The seed's news items (dates and kinds) in order. */
  news: { date: string; kind: string }[];
  month: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

interface Issuer {
  id: string;
  name: string;
  acronym?: string;
}

/** "Interim Measures for …" as prose writes it: "interim measures for …" (acronyms and numbers kept). */
const inProse = (title: string) =>
  title
    .split(' ')
    .map((w) => (/^[A-Z][a-z-]+$/.test(w) ? w.toLowerCase() : w))
    .join(' ');
const named = (a: Issuer) => (a.acronym ? `the ${a.name} (${a.acronym})` : `the ${a.name}`);
const dayOf = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;

export function earlierLayoutFrom(seedFile: string): EarlierLayoutBrief {
  const parsed = parseBrief(fs.readFileSync(seedFile, 'utf8'), seedFile);
  const graph = extractFile(seedFile);
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const month = (parsed.date ?? parsed.news.at(-1)!.date).slice(0, 7);
  const lines = [
    'MERICS Briefs',
    'MERICS China Industries',
    '10 min read',
    '',
    `MERICS China Industries Briefing - ${MONTHS[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`,
    '',
  ];
  const expected: EarlierLayoutBrief['expected'] = [];

  parsed.writeups.forEach((w, i) => {
    const policy = graph.nodes.find((n) => n.label === 'Policy' && n.properties.title === w.title)!;
    const issued = graph.relationships
      .filter((r) => r.type === 'ISSUED_BY' && r.source === policy.id)
      .sort((a, b) => Number(b.properties.lead) - Number(a.properties.lead));
    const issuers: Issuer[] = issued.map((r) => {
      const p = nodes.get(r.target)!.properties;
      return { id: r.target, name: String(p.name), ...(p.acronym ? { acronym: String(p.acronym) } : {}) };
    });
    const lead = issuers[0]!;
    const doc = `${inProse(w.title)}${w.titleZh ? ` (${w.titleZh})` : ''}`;
    const on = i === 3 ? '' : ` on ${dayOf(w.date)}`;
    let sentence: string;
    let expectIssuers = issuers.map((x) => x.id);
    let incomplete = false;
    if (i % 3 === 2 && issuers.length >= 2) {
      sentence = `The ${doc} was jointly issued by ${issuers.slice(0, -1).map(named).join(', ')} and ${named(issuers.at(-1)!)}${on}.`;
    } else if (issuers.length > 2) {
      sentence = `${cap(named(lead))}, along with ${NUMBERS[issuers.length - 1] ?? issuers.length - 1} other agencies, has issued the ${doc}${on}.`;
      expectIssuers = [lead.id];
      incomplete = true;
    } else {
      sentence = `${cap(issuers.map(named).join(' and '))} ${issuers.length > 1 ? 'have' : 'has'} released the ${doc}${on}.`;
    }
    expected.push({
      title: w.title,
      ...(w.titleZh ? { titleZh: w.titleZh } : {}),
      issuers: expectIssuers,
      date: on ? w.date : month,
      datePrecision: on ? 'day' : 'month',
      incomplete,
    });
    lines.push(`${i + 1}. ${w.heading ?? w.title}`, '', `At a glance: ${sentence} ${w.summary}`, '');
    for (const b of w.bullets) lines.push(`  • ${b.text}`);
    lines.push('', `MERICS comment: ${w.comment.map((c) => c.text).join('\n\n')}`, '');
  });

  lines.push('In other news', '');
  for (const n of parsed.news) lines.push(`  • ${dayOf(n.date)}: ${n.text}${n.sources.length ? ` (${n.sources.join(', ')})` : ''}`);
  lines.push('', 'Authors', ...parsed.authors);
  return { text: lines.join('\n'), expected, news: parsed.news.map((n) => ({ date: n.date, kind: n.kind ?? '' })), month };
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Writes the rewritten brief next to nothing else, under a name unlike any seed's. */
export function writeEarlierLayout(seedFile: string, dir: string): { file: string; brief: EarlierLayoutBrief } {
  const brief = earlierLayoutFrom(seedFile);
  const file = path.join(dir, `earlier-layout-${path.basename(seedFile, '.txt')}.txt`);
  fs.writeFileSync(file, brief.text);
  return { file, brief };
}
