import { citeText, toDocument, type Block } from './document.js';
import { lineChartSvg } from '../trends/chart.js';
import type { Report } from './model.js';

/** Every piece of text from the graph goes through this; briefs are untrusted input. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const COLORS: Record<string, string> = { Agency: '#c53030', Sector: '#b7791f', Company: '#2f855a', Center: '#2b6cb0' };

// Line styles tell how a neighbour is linked: a solid line through a policy or news item naming
// both, a dashed one only through a sector. The legend and caption say so.
const LINKS = {
  item: { dash: '', label: 'through a policy or news item' },
  sector: { dash: '6 4', label: 'only through a sector' },
} as const;
const FONT = 11;
// An upper bound of the rendered width, so the view box holds every label: serif capitals run to
// three quarters of an em ("MOHRSS"), lower case about 0.55 em, CJK glyphs a full em.
const charEm = (ch: string) =>
  /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : /[A-Z&@%]/.test(ch) ? 0.78 : /[a-z]/.test(ch) ? 0.56 : /\s/.test(ch) ? 0.3 : 0.62;
const textWidth = (s: string, size = FONT) =>
  Math.max(
    [...s].reduce((w, ch) => w + charEm(ch) * size, 0),
    s.length * size * 0.6,
  );

/** A small radial figure of the report's neighbourhood, as inline SVG (prints well, no script). */
function figure(center: string, nodes: Extract<Block, { kind: 'figure' }>['nodes']): string {
  if (!nodes.length) return '<p>No neighbours in the graph.</p>';
  const R = 150;
  const max = Math.max(...nodes.map((n) => n.weight), 1);
  const parts: string[] = [];
  // Drawn around (0, 0); the view box is fitted to every label afterwards, so none is clipped.
  let [minX, minY, maxX, maxY] = [-R - 20, -R - 20, R + 20, R + 40];
  const grow = (x0: number, y0: number, x1: number, y1: number) => {
    [minX, minY, maxX, maxY] = [Math.min(minX, x0), Math.min(minY, y0), Math.max(maxX, x1), Math.max(maxY, y1)];
  };
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    const x = R * Math.cos(a);
    const y = R * Math.sin(a);
    const w = 1 + (4 * n.weight) / max;
    const anchor = Math.cos(a) > 0.2 ? 'start' : Math.cos(a) < -0.2 ? 'end' : 'middle';
    const dx = anchor === 'start' ? 12 : anchor === 'end' ? -12 : 0;
    const dy = anchor === 'middle' ? (Math.sin(a) > 0 ? 22 : -14) : 4;
    const label = n.name.length > 40 ? `${n.name.slice(0, 38)}…` : n.name;
    const tw = textWidth(label);
    const tx = x + dx;
    const left = anchor === 'start' ? tx : anchor === 'end' ? tx - tw : tx - tw / 2;
    grow(left - 4, y + dy - FONT - 2, left + tw + 4, y + dy + 4);
    const link = LINKS[n.link];
    parts.push(
      `<line x1="0" y1="0" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#a0aec0" stroke-width="${w.toFixed(1)}"${link.dash ? ` stroke-dasharray="${link.dash}"` : ''}/>`,
    );
    parts.push(
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="8" fill="${COLORS[n.kind] ?? '#718096'}"><title>${esc(`${n.name} (${n.kind}): ${n.weightOf}; ${link.label}`)}</title></circle>`,
    );
    parts.push(`<text x="${tx.toFixed(1)}" y="${(y + dy).toFixed(1)}" text-anchor="${anchor}" font-size="${FONT}">${esc(label)}</text>`);
  });
  const cw = textWidth(center, 13) * 1.1; // bold
  grow(-cw / 2 - 4, 0, cw / 2 + 4, 40);
  parts.push(
    `<circle cx="0" cy="0" r="14" fill="${COLORS.Center}"/><text x="0" y="32" text-anchor="middle" font-size="13" font-weight="bold">${esc(center)}</text>`,
  );
  // Legend below the drawing: node kinds present, then the line styles present.
  const legend: string[] = [];
  let lx = minX + 6;
  const ly = maxY + 18;
  for (const [k, c] of Object.entries(COLORS)) {
    if (k === 'Center' || !nodes.some((n) => n.kind === k)) continue;
    legend.push(
      `<circle cx="${(lx + 5).toFixed(1)}" cy="${ly - 4}" r="5" fill="${c}"/><text x="${(lx + 14).toFixed(1)}" y="${ly}" font-size="${FONT}">${k}</text>`,
    );
    lx += 24 + textWidth(k);
  }
  for (const [kind, l] of Object.entries(LINKS)) {
    if (!nodes.some((n) => n.link === kind)) continue;
    legend.push(
      `<line x1="${(lx + 4).toFixed(1)}" y1="${ly - 4}" x2="${(lx + 30).toFixed(1)}" y2="${ly - 4}" stroke="#718096" stroke-width="2"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}/><text x="${(lx + 36).toFixed(1)}" y="${ly}" font-size="${FONT}">${esc(l.label)}</text>`,
    );
    lx += 50 + textWidth(l.label);
  }
  grow(minX, minY, Math.max(maxX, lx), ly + 8);
  const [vw, vh] = [maxX - minX, maxY - minY];
  const viewBox = `${minX.toFixed(0)} ${minY.toFixed(0)} ${Math.ceil(vw)} ${Math.ceil(vh)}`;
  const caption = `Neighbourhood of ${center}. Solid lines: linked through a policy or news item (a co-issued policy, a sector its policies target, an item naming both); dashed lines: linked only through a sector. Line width shows the count in each node's tooltip (joint policies, policies or mentions).`;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" width="100%" role="img" aria-label="${esc(`Neighbourhood of ${center}`)}">${parts.join('')}${legend.join('')}</svg><figcaption>${esc(caption)}</figcaption></figure>`;
}

const STYLE = `
body{font-family:Georgia,"Noto Serif","Noto Serif CJK SC",serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a202c;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #cbd5e0;margin-top:2rem}
.sub{color:#4a5568;margin-top:0}table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #e2e8f0;padding:.25rem .4rem;text-align:left;vertical-align:top}
li{margin:.5rem 0}.detail{color:#4a5568;font-size:.9rem}blockquote{margin:.2rem 0 .2rem .8rem;padding-left:.6rem;border-left:3px solid #cbd5e0;font-size:.88rem}
blockquote cite{display:block;color:#718096;font-style:normal;font-size:.8rem}.note{background:#fffbea;border:1px solid #f6e05e;padding:.4rem .6rem}
figure{margin:1rem 0}.more{color:#4a5568;font-style:italic}figcaption{color:#718096;font-size:.8rem}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}li,blockquote,figure,tr{break-inside:avoid}a{color:inherit;text-decoration:none}.noprint{display:none}}`;

/** A chart drawn server-side as inline SVG (no script in the page), with the numbers beneath for screen readers and print. */
export function chartFigure(b: Extract<Block, { kind: 'chart' }>): string {
  if (!b.quarters.length) return '<p>Nothing dated to count.</p>';
  const table = `<table class="chart-data"><thead><tr><th>Quarter</th>${b.series.map((s) => `<th>${esc(s.name)}</th>`).join('')}</tr></thead><tbody>${b.quarters.map((q, i) => `<tr><td>${esc(q)}</td>${b.series.map((s) => `<td>${s.values[i] ?? 0}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return `<figure class="chart">${lineChartSvg(b.title, b.quarters, b.series)}<figcaption>${esc(b.note)}</figcaption><details><summary>The numbers</summary>${table}</details></figure>`;
}

export function renderHtml(r: Report): string {
  const d = toDocument(r);
  const body: string[] = [
    `<h1>${esc(d.title)}</h1>`,
    `<p class="sub">${esc(d.subtitle)} · generated ${esc(d.generatedAt.slice(0, 10))} from the Policy Graph · <span class="noprint">print from the browser to save as PDF</span></p>`,
  ];
  for (const s of d.sections) {
    body.push(`<section><h2>${esc(s.title)}</h2>`);
    for (const b of s.blocks) {
      if (b.kind === 'p') body.push(`<p>${esc(b.text)}</p>`);
      else if (b.kind === 'note') body.push(`<p class="note">${esc(b.text)}</p>`);
      else if (b.kind === 'table')
        body.push(
          b.rows.length
            ? `<table><thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
            : `<p>${esc(b.empty)}</p>`,
        );
      else if (b.kind === 'items') {
        if (!b.items.length) body.push(`<p>${esc(b.empty)}</p>`);
        else
          body.push(
            `<ul>${b.items.map((i) => `<li>${esc(i.text)}${i.detail ? `<div class="detail">${esc(i.detail)}</div>` : ''}${i.citations.map((c) => `<blockquote>“${esc(c.evidence)}”<cite>${esc(citeText(c))}</cite></blockquote>`).join('')}</li>`).join('')}</ul>`,
          );
      } else if (b.kind === 'more')
        body.push(
          `<p class="more">${esc(b.text)} <span class="noprint">All of them: <a href="${esc(b.href)}">JSON</a>, <a href="${esc(b.csv)}" download>CSV</a>.</span></p>`,
        );
      else if (b.kind === 'figure') body.push(figure(b.center, b.nodes));
      else if (b.kind === 'chart') body.push(chartFigure(b));
    }
    body.push('</section>');
  }
  body.push('<section><h2>Sources</h2>');
  body.push(
    d.sources.length
      ? `<ul>${d.sources.map((s) => `<li>${esc(s.title ?? s.brief)}${s.date && !(s.title ?? '').includes(s.date) ? `, ${esc(s.date)}` : ''} <span class="detail">(${esc(s.file ?? s.brief)})</span></li>`).join('')}</ul>`
      : '<p>No brief in the graph mentions it.</p>',
  );
  body.push('</section>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(d.title)} — Policy Graph report</title><style>${STYLE}</style></head><body>${body.join('\n')}</body></html>\n`;
}
