import type { Bus } from './context.js';
import { append, byId, clear, h } from './dom.js';
import { describeRule, type StyleRule } from './styleRules.js';
import { LABEL_STYLE } from './style.js';

/** SVG outlines of Cytoscape's shapes, in a 16×16 box, so the legend shows shape and colour. */
export const SHAPES: Record<string, string> = {
  'round-rectangle': 'M3 2h10a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z',
  hexagon: 'M4 1h8l4 7-4 7H4L0 8z',
  ellipse: 'M8 1a7 7 0 1 0 0.01 0z',
  diamond: 'M8 0l8 8-8 8-8-8z',
  triangle: 'M8 1l7 14H1z',
  tag: 'M1 3h9l5 5-5 5H1z',
  rectangle: 'M1 2h14v12H1z',
  vee: 'M0 2l8 4 8-4-8 13z',
  star: 'M8 0l2.2 5.3 5.8.5-4.4 3.8 1.3 5.7L8 12.3 3.1 15.3l1.3-5.7L0 5.8l5.8-.5z',
};

/** One line per style rule: its colour (or what it does) and what it says. */
export function ruleLegend(r: StyleRule): { mark: string; color: string; text: string } {
  const mark = r.action === 'hide' ? '⊘' : r.action === 'size' ? '◉' : r.action === 'shape' ? '◆' : r.action === 'label' ? 'Aa' : '■';
  return { mark, color: r.action === 'color' ? r.arg! : '#4a5568', text: describeRule(r) };
}

/**
 * The legend: always visible in a corner of the canvas, shape and colour per label, then the
 * style rules in force (a colour rule shows its colour; "hidden" says how many nodes it hides).
 */
export function mountLegend(bus: Bus) {
  const el = byId('legend');
  const rulesEl = h('div', { id: 'legend-rules', class: 'legend-rules' });
  bus.on('style', ({ rules, hidden }) => {
    clear(rulesEl);
    for (const r of rules) {
      const l = ruleLegend(r);
      append(rulesEl, h('div', { class: 'legend-item legend-rule' }, h('span', { style: `color:${l.color}`, 'aria-hidden': 'true' }, l.mark), ` ${l.text}`));
    }
    if (hidden) append(rulesEl, h('div', { class: 'legend-item muted' }, `${hidden} node(s) hidden by rules`));
  });
  for (const s of Object.values(LABEL_STYLE)) {
    const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    icon.setAttribute('viewBox', '0 0 16 16');
    icon.setAttribute('width', '14');
    icon.setAttribute('height', '14');
    icon.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', SHAPES[s.shape] ?? SHAPES.ellipse!);
    path.setAttribute('fill', s.color);
    icon.appendChild(path);
    append(el, h('div', { class: 'legend-item' }, icon, ` ${s.legend}`));
  }
  el.appendChild(rulesEl);
}
