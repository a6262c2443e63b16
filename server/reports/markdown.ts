import { citeText, toDocument, type Block } from './document.js';
import type { Report } from './model.js';

/** Markdown: quotes are blockquotes, so brief text never turns into markup or links. */
const md = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');

/** A chart as the table of its numbers: one row per quarter, one column per series. */
export function chartTable(b: Extract<Block, { kind: 'chart' }>): string[] {
  if (!b.quarters.length) return ['Nothing dated to count.'];
  return [
    `| Quarter | ${b.series.map((s) => md(s.name)).join(' | ')} |`,
    `|---|${b.series.map(() => '---:').join('|')}|`,
    ...b.quarters.map((q, i) => `| ${q} | ${b.series.map((s) => s.values[i] ?? 0).join(' | ')} |`),
    '',
    `*${md(b.note)}*`,
  ];
}

export function renderMarkdown(r: Report): string {
  const d = toDocument(r);
  const out: string[] = [`# ${md(d.title)}`, '', `*${d.subtitle} · generated ${d.generatedAt.slice(0, 10)} from the Policy Graph*`, ''];
  for (const s of d.sections) {
    out.push(`## ${md(s.title)}`, '');
    for (const b of s.blocks) {
      if (b.kind === 'p') out.push(md(b.text), '');
      else if (b.kind === 'note') out.push(`> **Note:** ${md(b.text)}`, '');
      else if (b.kind === 'table') {
        if (!b.rows.length) out.push(md(b.empty), '');
        else
          out.push(
            `| ${b.head.map(md).join(' | ')} |`,
            `|${b.head.map(() => '---').join('|')}|`,
            ...b.rows.map((row) => `| ${row.map((c) => md(c).replace(/\n/g, ' ')).join(' | ')} |`),
            '',
          );
      } else if (b.kind === 'items') {
        if (!b.items.length) out.push(md(b.empty), '');
        for (const i of b.items) {
          out.push(`- ${md(i.text)}${i.detail ? `  \n  ${md(i.detail)}` : ''}`);
          for (const c of i.citations) out.push(`  > “${md(c.evidence)}”  \n  > — ${md(citeText(c))}`);
        }
        out.push('');
      } else if (b.kind === 'more') {
        out.push(`*${md(b.text)}* All of them: [JSON](${b.href}), [CSV](${b.csv}).`, '');
      } else if (b.kind === 'chart') {
        out.push(...chartTable(b), '');
      } else if (b.kind === 'figure') {
        const via = (link: 'item' | 'sector') =>
          b.nodes
            .filter((n) => n.link === link)
            .map((n) => `${md(n.name)} (${n.kind}, ${md(n.weightOf)})`)
            .join('; ');
        if (!b.nodes.length) out.push('No neighbours in the graph.', '');
        if (via('item')) out.push(`Linked to ${md(b.center)} through a policy or news item: ${via('item')}.`, '');
        if (via('sector')) out.push(`Linked to ${md(b.center)} only through a sector: ${via('sector')}.`, '');
      }
    }
  }
  out.push('## Sources', '');
  for (const s of d.sources)
    out.push(`- ${md(s.title ?? s.brief)}${s.date && !(s.title ?? '').includes(s.date) ? `, ${s.date}` : ''} (${md(s.file ?? s.brief)})`);
  if (!d.sources.length) out.push('No brief in the graph mentions it.');
  return `${out.join('\n')}\n`;
}
