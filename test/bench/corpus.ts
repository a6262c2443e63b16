/**
 * npm run bench:corpus -- --briefs N --out DIR [--seed S]
 *
 * Writes N synthetic briefs built from the seed briefs' parts: write-ups and news items
 * recombined, dates moved across 2012–2026, policy titles varied, issuers drawn from the whole
 * agency registry plus invented provincial bodies, companies drawn from a pool that grows with
 * N, and the three layouts of the seeds (web copy, PDF→Markdown, PDF→text) in turn.
 * Deterministic for a given seed; one brief in memory at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadRegistry } from '../../server/extract/registry.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { parseBrief } from '../../server/parse/brief.js';
import type { NewsLine, Writeup } from '../../server/parse/schema.js';
import { fromRoot } from '../../server/paths.js';

const { values } = parseArgs({ options: { briefs: { type: 'string', default: '100' }, out: { type: 'string' }, seed: { type: 'string', default: '42' } } });
if (!values.out) {
  console.error('usage: npm run bench:corpus -- --briefs N --out DIR [--seed S]');
  process.exit(2);
}
const N = Number(values.briefs);
const outDir = values.out;

// mulberry32: small, fast, deterministic.
let state = Number(values.seed) >>> 0;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const seeds = listBriefFiles([fromRoot('seeds')]).map((f) => parseBrief(fs.readFileSync(f, 'utf8'), f));
const writeups: Writeup[] = seeds.flatMap((b) => b.writeups);
const policyNews: NewsLine[] = seeds.flatMap((b) => b.news.filter((n) => n.kind === 'policy'));
const corporateNews: NewsLine[] = seeds.flatMap((b) => b.news.filter((n) => n.kind === 'corporate'));
const registry = loadRegistry();
const acronyms = registry.agencies
  .filter((a) => a.acronyms[0] && ['ministry', 'commission', 'administration', 'regulator', 'bank'].includes(a.type))
  .map((a) => a.acronyms[0]!);
const provinces = ['Zhejiang', 'Jiangsu', 'Guangdong', 'Sichuan', 'Hubei', 'Anhui', 'Shandong', 'Fujian', 'Henan', 'Hunan', 'Shaanxi', 'Liaoning'];
const bureaus = [
  'Department of Industry and Information Technology',
  'Development and Reform Commission',
  'Science and Technology Department',
  'Market Supervision Bureau',
  'Commerce Department',
  'Finance Department',
];

// Company names from syllables: pool size grows with N so entity counts grow with the corpus.
const syl1 = [
  'Hua',
  'Zhong',
  'Xin',
  'Tian',
  'Jin',
  'Long',
  'Rui',
  'Hai',
  'Kai',
  'Bo',
  'Yun',
  'Feng',
  'Sheng',
  'Guo',
  'Hong',
  'Ming',
  'Da',
  'Chang',
  'Heng',
  'Wei',
];
const syl2 = [
  'xin',
  'tai',
  'rui',
  'hua',
  'da',
  'yuan',
  'neng',
  'cheng',
  'lian',
  'tong',
  'xing',
  'feng',
  'guang',
  'chuang',
  'jie',
  'ke',
  'an',
  'sheng',
  'tian',
  'bang',
];
const kinds = ['Technology Group', 'Semiconductor', 'Motors', 'Energy', 'Robotics', 'Pharmaceutical', 'New Materials', 'Electronics', 'Holdings', 'Automotive'];
const companyPool = Math.max(40, N * 3);
const company = (k: number) =>
  `${syl1[k % syl1.length]}${syl2[Math.floor(k / syl1.length) % syl2.length]} ${kinds[Math.floor(k / (syl1.length * syl2.length)) % kinds.length]}${k >= syl1.length * syl2.length * kinds.length ? ` ${Math.floor(k / 4000) + 2}` : ''}`;
const foreign = ['Siemens', 'BASF', 'Volkswagen', 'Bosch', 'Tesla', 'BMW', 'Airbus', 'Apple', 'Intel', 'Nvidia', 'ASML', 'Merck'];
const corpTemplates = [
  (c: string) => `Chinese battery maker ${c} announced plans to build a CNY ${int(2, 30)} billion plant in ${pick(provinces)}`,
  (c: string) => `${c}, a Chinese chip firm, raised CNY ${int(1, 12)} billion in a private placement to expand production lines`,
  (c: string) => `${c} signed a joint venture agreement with ${pick(foreign)} to develop components for electric vehicles`,
  (c: string) => `Carmaker ${c} unveiled a new electric SUV and said exports to Europe would double by ${int(2025, 2030)}`,
  (c: string) => `${c} received approval from regulators to list on the STAR Market, raising USD ${int(100, 900)} million`,
  (c: string) => `Robot maker ${c} opened an R&D centre in ${pick(provinces)} focused on humanoid robots and servo motors`,
];
const docTypes = ['Notice on', 'Opinions on', 'Action Plan for', 'Guidelines on', 'Implementation Plan for', 'Measures for', 'Several Measures on'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Item {
  heading: string;
  summary: string;
  bullets: string[];
  comment: string[];
  title: string;
  titleZh?: string;
  issuers: string[];
  date: Date;
}

const fmt = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
const dayMonth = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
const daysBefore = (d: Date, n: number) => new Date(d.getTime() - n * 86_400_000);

function item(i: number, k: number, published: Date): Item {
  const w = pick(writeups);
  const topic = w.title.replace(
    /^(Notice on|Opinions (of|on)|Action Plan (for|to)|Guidelines? on|Guiding Opinions on|Implementation Plan (for|to)|Measures for|Interim Measures for|Three-year Action Plan to)\s+/i,
    '',
  );
  const draft = rand() < 0.15 ? ' (Draft for Comment)' : '';
  const title = `${pick(docTypes)} ${topic.replace(/\s*\((Draft[^)]*|Expert[^)]*)\)/gi, '')}${rand() < 0.4 ? ` in ${pick(provinces)}` : ''} (No. ${i + 1}-${k + 1})${draft}`;
  const issuers = [...new Set(Array.from({ length: int(1, 6) }, () => pick(acronyms)))];
  if (rand() < 0.1) issuers.push(`${pick(provinces)} ${pick(bureaus)}`);
  const firms = [company(int(0, companyPool - 1)), company(int(0, companyPool - 1))];
  return {
    heading: w.heading ?? topic,
    summary: w.summary,
    bullets: w.bullets.map((b) => b.text),
    comment: [...w.comment.map((c) => c.text), `Domestic firms such as ${firms[0]} and ${firms[1]} are expected to benefit.`],
    title,
    ...(w.titleZh && rand() > 0.1 ? { titleZh: w.titleZh } : {}),
    issuers,
    date: daysBefore(published, int(5, 60)),
  };
}

function news(published: Date) {
  const policy = Array.from({ length: int(5, 8) }, () => ({ date: daysBefore(published, int(3, 40)), text: pick(policyNews).text, source: 'MIIT notice' }));
  const corporate = Array.from({ length: int(5, 8) }, () =>
    rand() < 0.5
      ? {
          date: daysBefore(published, int(3, 40)),
          text: pick(corpTemplates)(company(int(0, companyPool - 1))),
          source: `${pick(['Caixin', 'Yicai', 'Reuters', 'South China Morning Post', 'Financial Times'])} article`,
        }
      : { date: daysBefore(published, int(3, 40)), text: pick(corporateNews).text, source: pick(corporateNews).sources[0] ?? 'Reuters article' },
  );
  const byDate = (a: { date: Date }, b: { date: Date }) => a.date.getTime() - b.date.getTime();
  return { policy: policy.sort(byDate), corporate: corporate.sort(byDate) };
}

function render(layout: number, published: Date, topics: string[], items: Item[], n: ReturnType<typeof news>): string {
  const zh = (it: Item) => (it.titleZh ? ` (${it.titleZh})` : '');
  if (layout === 0) {
    // Web copy
    const out = ['MERICS Briefs', 'MERICS China Industries', '14 min read', '', topics.join(' + '), '', 'MERICS Top 5', ''];
    items.forEach((it, k) => {
      out.push(
        `${k + 1}. ${it.heading}`,
        '',
        `At a glance: ${it.summary}`,
        '',
        ...it.bullets.map((b) => `  • ${b}`),
        '',
        `MERICS comment: ${it.comment[0] ?? ''}`,
        '',
        ...it.comment.slice(1).flatMap((c) => [c, '']),
      );
      out.push(
        `Article: ${it.title}${zh(it)} (Link)`,
        `Issuing ${it.issuers.length > 1 ? 'bodies' : 'body'}: ${it.issuers.join(', ')}`,
        `Date: ${fmt(it.date)}`,
        '',
      );
    });
    out.push(
      'Noteworthy',
      '',
      'Policy news',
      '',
      ...n.policy.map((x) => `  • ${dayMonth(x.date)}: ${x.text} (${x.source})`),
      '',
      'Corporate news',
      '',
      ...n.corporate.map((x) => `  • ${dayMonth(x.date)}: ${x.text} (${x.source})`),
      '',
      'Author(s)',
    );
    return out.join('\n');
  }
  if (layout === 1) {
    // PDF → Markdown
    const out = [' ', '', fmt(published).toUpperCase(), '', '# MERICS', '', '## China Industries', '', '## MERICS TOP 5', ''];
    items.forEach((it, k) => {
      out.push(
        `### ${k + 1}. ${it.heading}`,
        '',
        `**At a glance:** ${it.summary}`,
        '',
        ...it.bullets.map((b) => `- ${b}`),
        '',
        `**MERICS comment:** ${it.comment[0] ?? ''}`,
        '',
        ...it.comment.slice(1).flatMap((c) => [c, '']),
      );
      out.push(
        `**Policy name:** ${it.title}  `,
        `${it.titleZh ? `(${it.titleZh}) ` : ''}([Link](#))`,
        '',
        `**Issuing ${it.issuers.length > 1 ? 'bodies' : 'body'}:** ${it.issuers.join(', ')}`,
        '',
        `**Date:** ${fmt(it.date)}`,
        '',
      );
    });
    out.push(
      '## WORTH NOTING',
      '',
      '### Policy news',
      '',
      ...n.policy.map((x) => `- *${dayMonth(x.date)}:* ${x.text} ([${x.source}](#))`),
      '',
      '### Corporate news',
      '',
      ...n.corporate.map((x) => `- *${dayMonth(x.date)}:* ${x.text} ([${x.source}](#))`),
      '',
      '## **AUTHORS**',
    );
    return out.join('\n');
  }
  // PDF → plain text, with a table of contents and page debris
  const out = [
    ' ',
    '',
    `${fmt(published).toUpperCase()} (REPORTING PERIOD: ${fmt(daysBefore(published, 40)).toUpperCase()} - ${fmt(daysBefore(published, 5)).toUpperCase()})`,
    '',
    'MERICS',
    '',
    'China Industries',
    '',
    'CONTENTS',
    '',
    'MERICS TOP 5.....\t2',
  ];
  items.forEach((it, k) => out.push(`${k + 1}. ${it.heading}.....\t${k + 2}`));
  out.push('NOTEWORTHY.....\t7', '', 'MERICs TOP 5', '');
  items.forEach((it, k) => {
    out.push(
      `${k + 1}. ${it.heading}`,
      '',
      `At a glance: ${it.summary}`,
      '',
      ...it.bullets.map((b) => `- ${b}`),
      '',
      `MERICs comment: ${it.comment[0] ?? ''}`,
      '',
      ...it.comment.slice(1).flatMap((c) => [c, '']),
      String(k + 2),
      '',
    );
    out.push(
      `Article: ${it.title}${zh(it)} ([Link](#))`,
      '',
      `Issuing ${it.issuers.length > 1 ? 'bodies' : 'body'}: ${it.issuers.join(', ')}`,
      '',
      `Date: ${fmt(it.date)}`,
      '',
    );
  });
  out.push(
    'NOTEWORTHY',
    '',
    'Policy news',
    '',
    ...n.policy.map((x) => `- *${dayMonth(x.date)}:* ${x.text} ([${x.source}](#))`),
    '',
    'Corporate news',
    '',
    ...n.corporate.map((x) => `- *${dayMonth(x.date)}:* ${x.text} ([${x.source}](#))`),
    '',
    'AUTHORS',
  );
  return out.join('\n');
}

fs.mkdirSync(outDir, { recursive: true });
let bytes = 0;
const topicPool = seeds.flatMap((b) => b.topics);
for (let i = 0; i < N; i++) {
  const published = new Date(Date.UTC(2012 + (i % 15), int(0, 11), int(1, 28)));
  const items = Array.from({ length: 5 }, (_, k) => item(i, k, published));
  const text = render(i % 3, published, [pick(topicPool), pick(topicPool), pick(topicPool)], items, news(published));
  const file = path.join(outDir, `synthetic_${String(i).padStart(5, '0')}.txt`);
  fs.writeFileSync(file, text);
  bytes += Buffer.byteLength(text);
  if ((i + 1) % Math.max(1, Math.floor(N / 10)) === 0 || i + 1 === N) process.stderr.write(`corpus: ${i + 1}/${N} briefs\n`);
}
console.log(`Wrote ${N} briefs (${(bytes / 1048576).toFixed(1)} MB) to ${outDir}.`);
