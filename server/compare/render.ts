import { citeText } from '../reports/document.js';
import type { Citation } from '../reports/model.js';
import { lineChartSvg } from '../trends/chart.js';
import { alignedPrimary, type Comparison } from './compare.js';
import { COMPARED_COUNTS as COUNTS } from './figures.js';

const md = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const LISTS = [
  ['agencies', 'Agencies'],
  ['sectors', 'Sectors'],
  ['companies', 'Companies'],
] as const;

/**
 * Every figure with its source. A count of policies or news items cites the sentence behind the
 * entity's newest one and names the API list that holds them all; a neighbour's count cites one
 * sentence that states the link.
 */
function sources(c: Comparison): Map<Citation, number> {
  const out = new Map<Citation, number>();
  const add = (x: Citation | null) => x && !out.has(x) && out.set(x, out.size + 1);
  for (const e of c.entities) add(e.newest);
  for (const [k] of LISTS) {
    for (const r of c[k].shared) for (const cell of Object.values(r.by)) add(cell.citation);
    for (const rows of Object.values(c[k].distinct)) for (const r of rows) for (const cell of Object.values(r.by)) add(cell.citation);
  }
  return out;
}

export function renderCompareMarkdown(c: Comparison): string {
  const refs = sources(c);
  const ref = (x: Citation | null) => (x ? ` [${refs.get(x)}]` : '');
  const names = c.entities.map((e) => e.name);
  const out = [
    `# Comparison: ${names.map(md).join(' · ')}`,
    '',
    `*generated ${new Date().toISOString().slice(0, 10)} from the Policy Graph*`,
    '',
    '## Counts',
    '',
  ];
  out.push(`| | ${names.map(md).join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`);
  for (const [k, label] of COUNTS)
    out.push(`| ${label} | ${c.entities.map((e) => `${e.counts[k]}${k === 'policies' || k === 'news' ? ref(e.newest) : ''}`).join(' | ')} |`);
  out.push('', `Policies and news items: [n] cites the sentence behind the newest of them. ${md(c.note)}`, '');
  out.push('## Trend by quarter', '');
  const series = alignedPrimary(c);
  if (!c.quarters.length) out.push('Nothing dated to count.', '');
  else {
    out.push(`| Quarter | ${series.map((s) => md(s.name)).join(' | ')} |`, `|---|${series.map(() => '---:').join('|')}|`);
    c.quarters.forEach((q, i) => out.push(`| ${q} | ${series.map((s) => s.values[i]).join(' | ')} |`));
    out.push('', '*Counted by the date of each policy; see the sources of the counts above.*', '');
  }
  for (const [k, title] of LISTS) {
    out.push(`## ${title}`, '', '### Shared', '');
    if (!c[k].shared.length) out.push('None shared.', '');
    for (const r of c[k].shared)
      out.push(
        `- ${md(r.name)}: ${c.entities
          .filter((e) => r.by[e.id])
          .map((e) => `${md(e.name)} ${r.by[e.id]!.count}${ref(r.by[e.id]!.citation)}`)
          .join('; ')}`,
      );
    out.push('');
    for (const e of c.entities) {
      const rows = c[k].distinct[e.id] ?? [];
      out.push(`### Only ${md(e.name)}`, '');
      if (!rows.length) out.push('None.');
      for (const r of rows) out.push(`- ${md(r.name)} ${r.by[e.id]!.count}${ref(r.by[e.id]!.citation)}`);
      out.push('');
    }
  }
  out.push('## Sources', '');
  for (const [x, n] of refs) out.push(`${n}. “${md(x.evidence)}” — ${md(citeText(x))}`);
  return `${out.join('\n')}\n`;
}

export function renderCompareHtml(c: Comparison): string {
  const refs = sources(c);
  const ref = (x: Citation | null) =>
    x ? ` <a class="ref" href="#src-${refs.get(x)}" title="${esc(`“${x.evidence}” — ${citeText(x)}`)}">[${refs.get(x)}]</a>` : '';
  const names = c.entities.map((e) => e.name);
  const title = `Comparison: ${names.join(' · ')}`;
  const body = [`<h1>${esc(title)}</h1>`, '<h2>Counts</h2>'];
  body.push(
    `<table><thead><tr><th></th>${c.entities.map((e) => `<th>${esc(e.name)}</th>`).join('')}</tr></thead><tbody>${COUNTS.map(([k, label]) => `<tr><th>${label}</th>${c.entities.map((e) => `<td>${e.counts[k]}${k === 'policies' || k === 'news' ? ref(e.newest) : ''}</td>`).join('')}</tr>`).join('')}</tbody></table>`,
    `<p class="note">${esc(c.note)}</p>`,
    '<h2>Trend by quarter</h2>',
    c.quarters.length
      ? `<figure class="chart">${lineChartSvg('Policies per quarter', c.quarters, alignedPrimary(c))}</figure>`
      : '<p>Nothing dated to count.</p>',
  );
  for (const [k, t] of LISTS) {
    body.push(`<h2>${t}</h2><table><thead><tr><th></th>${c.entities.map((e) => `<th>${esc(e.name)}</th>`).join('')}</tr></thead><tbody>`);
    const rows = [...c[k].shared, ...c.entities.flatMap((e) => c[k].distinct[e.id] ?? [])];
    for (const r of rows) {
      body.push(
        `<tr><th>${esc(r.name)}</th>${c.entities.map((e) => (r.by[e.id] ? `<td>${r.by[e.id]!.count}${ref(r.by[e.id]!.citation)}</td>` : '<td>–</td>')).join('')}</tr>`,
      );
    }
    body.push('</tbody></table>');
    if (!rows.length) body.push('<p>None.</p>');
  }
  body.push('<h2>Sources</h2><ol>');
  for (const [x, n] of refs) body.push(`<li id="src-${n}"><blockquote>“${esc(x.evidence)}”<cite>${esc(citeText(x))}</cite></blockquote></li>`);
  body.push('</ol>');
  const style =
    'body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}th,td{border:1px solid #e2e8f0;padding:.25rem .4rem;text-align:left}.ref{font-size:.75rem;text-decoration:none}.note{color:#4a5568;font-size:.85rem}blockquote{margin:.2rem 0;font-size:.88rem}cite{display:block;color:#718096;font-style:normal;font-size:.8rem}';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} — Policy Graph</title><style>${style}</style></head><body>${body.join('\n')}</body></html>\n`;
}
