import cytoscape, { type Core } from 'cytoscape';
import svg from 'cytoscape-svg';
import type { Elements } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { DEFAULTS } from './defaults.js';
import { byId, download } from './dom.js';
import { elementsCsv, elementsGraphML, filterText } from './exportFormats.js';
import { ruleLegend, SHAPES } from './legend.js';
import { LABEL_STYLE } from './style.js';
import { describeRule } from './styleRules.js';

cytoscape.use(svg);

const SOURCE = 'Source: MERICS China Industries briefs, via Policy Graph';

/**
 * Exports of what is visible (the date filter and its closure applied; client-only group nodes
 * left out): PNG with title, legend, filter and source; SVG; GraphML; CSV; JSON. Each says the
 * filter it reflects, in the file and in its name.
 */
export function mountExports(ctx: Ctx, canvas: Canvas) {
  const cy = canvas.cy;
  const E = DEFAULTS.export;

  function visible(): Elements {
    const on = (id: string) => {
      const el = cy.getElementById(id);
      return el.nonempty() && el.visible();
    };
    const all = canvas.state.toElements();
    return { nodes: all.nodes.filter((n) => on(n.data.id)), edges: all.edges.filter((e) => on(e.data.id) && on(e.data.source) && on(e.data.target)) };
  }

  const stamp = () => {
    const { from, to } = canvas.range;
    return from || to ? `_${from ?? 'start'}-to-${to ?? 'end'}` : '';
  };
  const title = () => byId<HTMLInputElement>('view-name').value.trim() || 'Policy Graph';
  const rulesText = () => (ctx.rules().length ? ` Style rules: ${ctx.rules().map(describeRule).join('; ')}.` : '');
  const summary = (els: Elements) =>
    `${els.nodes.length} nodes, ${els.edges.length} relationships. ${filterText(canvas.range)}.${rulesText()} ${SOURCE}, exported ${new Date().toISOString().slice(0, 10)}.`;

  async function png() {
    const scale = Number(byId<HTMLSelectElement>('export-scale').value) || E.pngScale;
    const els = visible();
    const uri = cy.png({ output: 'base64uri', full: true, scale, bg: '#ffffff' });
    const img = new Image();
    await new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = reject;
      img.src = uri;
    });
    const labels = [...new Set(els.nodes.map((n) => n.data.label))].filter((l) => LABEL_STYLE[l]);
    const pad = 16 * scale;
    const rules = ctx.rules();
    const head = (rules.length ? 86 : 68) * scale;
    const ruleY = pad + 66 * scale;
    const foot = 28 * scale;
    const caption = `${filterText(canvas.range, true)} · ${els.nodes.length} nodes, ${els.edges.length} relationships`;
    const measure = document.createElement('canvas').getContext('2d')!;
    measure.font = `${12 * scale}px system-ui, sans-serif`;
    const width = Math.max(img.width, E.minPngWidth * scale, measure.measureText(caption).width, measure.measureText(`${SOURCE}, exported 2000-01-01`).width);
    const c = document.createElement('canvas');
    c.width = width + 2 * pad;
    c.height = img.height + head + foot + 2 * pad;
    const g = c.getContext('2d')!;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.width, c.height);
    g.drawImage(img, pad + (width - img.width) / 2, pad + head);
    g.fillStyle = '#1a202c';
    g.font = `600 ${18 * scale}px system-ui, sans-serif`;
    g.fillText(title(), pad, pad + 18 * scale);
    g.font = `${12 * scale}px system-ui, sans-serif`;
    g.fillStyle = '#4a5568';
    g.fillText(caption, pad, pad + 38 * scale);
    // Legend: the labels present, shape and colour as on the canvas.
    let x = pad;
    const y = pad + 48 * scale;
    for (const l of labels) {
      const s = LABEL_STYLE[l]!;
      g.save();
      g.translate(x, y);
      g.scale(scale * 0.75, scale * 0.75);
      g.fillStyle = s.color;
      g.fill(new Path2D(SHAPES[s.shape] ?? SHAPES.ellipse!));
      g.restore();
      g.fillStyle = '#2d3748';
      g.fillText(s.legend, x + 15 * scale, y + 10 * scale);
      x += (22 + g.measureText(s.legend).width / scale) * scale;
    }
    // The style rules in force, one line each after the labels (the canvas legend's words).
    x = pad;
    for (const r of rules) {
      const l = ruleLegend(r);
      g.fillStyle = l.color;
      g.fillText(l.mark, x, ruleY + 10 * scale);
      g.fillStyle = '#2d3748';
      g.fillText(l.text, x + 15 * scale, ruleY + 10 * scale);
      x += (26 + g.measureText(l.mark + l.text).width / scale) * scale;
    }
    g.fillStyle = '#718096';
    g.font = `${11 * scale}px system-ui, sans-serif`;
    g.fillText(`${SOURCE}, exported ${new Date().toISOString().slice(0, 10)}`, pad, c.height - pad);
    const blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));
    if (blob) download(`policy-graph${stamp()}.png`, blob);
  }

  function svgText(): string {
    const els = visible();
    const text = (cy as Core & { svg(o: object): string }).svg({ full: true, scale: 1, bg: '#ffffff' });
    const esc = (s: string) => s.replace(/[<>&]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[ch]!);
    // Legend as in the PNG: the labels present, shape and colour as on the canvas, on a white band.
    const labels = [...new Set(els.nodes.map((n) => n.data.label))].filter((l) => LABEL_STYLE[l]);
    let x = 8;
    const items = labels.map((l) => {
      const s = LABEL_STYLE[l]!;
      const item = `<g transform="translate(${x},6)"><path transform="scale(0.75)" d="${SHAPES[s.shape] ?? SHAPES.ellipse!}" fill="${s.color}"/><text x="15" y="10" font-family="system-ui, sans-serif" font-size="12" fill="#2d3748">${esc(s.legend)}</text></g>`;
      x += 22 + 7 * s.legend.length;
      return item;
    });
    const legend = `<g class="legend"><rect x="0" y="0" width="${x}" height="24" fill="#ffffff" fill-opacity="0.9"/>${items.join('')}</g>`;
    return text.replace(/<svg([^>]*)>/, `<svg$1><title>${esc(title())}</title><desc>${esc(summary(els))}</desc>`).replace(/<\/svg>\s*$/, `${legend}</svg>`);
  }

  const actions: Record<string, () => void | Promise<void>> = {
    'export-png': png,
    'export-svg': () => download(`policy-graph${stamp()}.svg`, new Blob([svgText()], { type: 'image/svg+xml' })),
    'export-graphml': () =>
      download(`policy-graph${stamp()}.graphml`, new Blob([elementsGraphML(visible(), summary(visible()))], { type: 'application/graphml+xml' })),
    'export-csv': () => download(`policy-graph${stamp()}.csv`, new Blob([elementsCsv(visible())], { type: 'text/csv' })),
    'export-json': () => {
      const els = visible();
      const doc = {
        meta: {
          title: title(),
          filter: filterText(canvas.range),
          range: canvas.range,
          rules: ctx.rules().map((r) => ({ ...r, legend: describeRule(r) })),
          source: SOURCE,
          exported: new Date().toISOString(),
        },
        ...els,
      };
      download(`policy-graph${stamp()}.json`, new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
    },
  };
  for (const [id, fn] of Object.entries(actions))
    byId(id).addEventListener('click', () => {
      void Promise.resolve(fn()).catch((err: Error) => ctx.status(`Export failed: ${err.message}`, 'error'));
    });
  return { visible };
}
