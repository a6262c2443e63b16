import { citeText, toDocument, type Block } from './document.js';
import type { Report } from './model.js';

/** Every piece of text from the graph goes through this; briefs are untrusted input. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const COLORS: Record<string, string> = { Agency: '#c53030', Sector: '#b7791f', Company: '#2f855a', Center: '#2b6cb0' };

/** A small radial figure of the direct neighbourhood, as inline SVG (prints well, no script). */
function figure(center: string, nodes: Extract<Block, { kind: 'figure' }>['nodes']): string {
  if (!nodes.length) return '<p>No direct neighbours.</p>';
  const W = 640;
  const H = 420;
  const cx = W / 2;
  const cy = H / 2;
  const R = 150;
  const max = Math.max(...nodes.map((n) => n.weight), 1);
  const parts: string[] = [];
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    const x = cx + R * Math.cos(a);
    const y = cy + R * Math.sin(a);
    const w = 1 + (4 * n.weight) / max;
    const anchor = Math.cos(a) > 0.2 ? 'start' : Math.cos(a) < -0.2 ? 'end' : 'middle';
    const dx = anchor === 'start' ? 12 : anchor === 'end' ? -12 : 0;
    const dy = anchor === 'middle' ? (Math.sin(a) > 0 ? 22 : -14) : 4;
    parts.push(`<line x1="${cx}" y1="${cy}" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#a0aec0" stroke-width="${w.toFixed(1)}"/>`);
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="8" fill="${COLORS[n.kind] ?? '#718096'}"><title>${esc(`${n.name} (${n.kind}, ${n.weight})`)}</title></circle>`);
    parts.push(`<text x="${(x + dx).toFixed(1)}" y="${(y + dy).toFixed(1)}" text-anchor="${anchor}" font-size="11">${esc(n.name.length > 34 ? `${n.name.slice(0, 32)}…` : n.name)}</text>`);
  });
  parts.push(`<circle cx="${cx}" cy="${cy}" r="14" fill="${COLORS.Center}"/><text x="${cx}" y="${cy + 32}" text-anchor="middle" font-size="13" font-weight="bold">${esc(center)}</text>`);
  const legend = Object.entries(COLORS).filter(([k]) => k !== 'Center' && nodes.some((n) => n.kind === k)).map(([k, c], i) => `<circle cx="${14 + i * 90}" cy="${H - 12}" r="5" fill="${c}"/><text x="${24 + i * 90}" y="${H - 8}" font-size="11">${k}</text>`);
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(`Direct neighbourhood of ${center}`)}">${parts.join('')}${legend.join('')}</svg><figcaption>Direct neighbourhood; line width shows the number of shared policies or mentions.</figcaption></figure>`;
}

const STYLE = `
body{font-family:Georgia,"Noto Serif","Noto Serif CJK SC",serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a202c;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #cbd5e0;margin-top:2rem}
.sub{color:#4a5568;margin-top:0}table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #e2e8f0;padding:.25rem .4rem;text-align:left;vertical-align:top}
li{margin:.5rem 0}.detail{color:#4a5568;font-size:.9rem}blockquote{margin:.2rem 0 .2rem .8rem;padding-left:.6rem;border-left:3px solid #cbd5e0;font-size:.88rem}
blockquote cite{display:block;color:#718096;font-style:normal;font-size:.8rem}.note{background:#fffbea;border:1px solid #f6e05e;padding:.4rem .6rem}
figure{margin:1rem 0}figcaption{color:#718096;font-size:.8rem}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}li,blockquote,figure,tr{break-inside:avoid}a{color:inherit;text-decoration:none}.noprint{display:none}}`;

export function renderHtml(r: Report): string {
  const d = toDocument(r);
  const body: string[] = [`<h1>${esc(d.title)}</h1>`, `<p class="sub">${esc(d.subtitle)} · generated ${esc(d.generatedAt.slice(0, 10))} from the Policy Graph · <span class="noprint">print from the browser to save as PDF</span></p>`];
  for (const s of d.sections) {
    body.push(`<section><h2>${esc(s.title)}</h2>`);
    for (const b of s.blocks) {
      if (b.kind === 'p') body.push(`<p>${esc(b.text)}</p>`);
      else if (b.kind === 'note') body.push(`<p class="note">${esc(b.text)}</p>`);
      else if (b.kind === 'table') body.push(b.rows.length ? `<table><thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>` : `<p>${esc(b.empty)}</p>`);
      else if (b.kind === 'items') {
        if (!b.items.length) body.push(`<p>${esc(b.empty)}</p>`);
        else body.push(`<ul>${b.items.map((i) => `<li>${esc(i.text)}${i.detail ? `<div class="detail">${esc(i.detail)}</div>` : ''}${i.citations.map((c) => `<blockquote>“${esc(c.evidence)}”<cite>${esc(citeText(c))}</cite></blockquote>`).join('')}</li>`).join('')}</ul>`);
      } else if (b.kind === 'figure') body.push(figure(b.center, b.nodes));
    }
    body.push('</section>');
  }
  body.push('<section><h2>Sources</h2>');
  body.push(d.sources.length ? `<ul>${d.sources.map((s) => `<li>${esc(s.title ?? s.brief)}${s.date ? `, ${esc(s.date)}` : ''} <span class="detail">(${esc(s.file ?? s.brief)})</span></li>`).join('')}</ul>` : '<p>No brief in the graph mentions it.</p>');
  body.push('</section>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(d.title)} — Policy Graph report</title><style>${STYLE}</style></head><body>${body.join('\n')}</body></html>\n`;
}
