import { api } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { append, byId, clear, h } from './dom.js';
import { countLabel } from './grouping.js';
import { shortBrief } from './labels.js';
import { LABEL_STYLE } from './style.js';

/** Shortcuts, listed once for the overview's help. */
export const SHORTCUTS: [string, string][] = [
  ['/', 'search'],
  ['← ↑ → ↓', 'move to the neighbour in that direction'],
  ['Enter', 'expand the selected node (or open a group)'],
  ['Delete', 'remove the selected node'],
  ['Ctrl+Z', 'undo'],
  ['Esc', 'clear the selection'],
];

/**
 * The first view: what the graph holds (from /api/stats) and where to start (the most connected
 * agencies, sectors and companies, the newest briefs). Shown while the canvas is empty.
 */
export function mountOverview(ctx: Ctx, canvas: Canvas, start: (id: string) => void) {
  const host = byId('empty');
  const sync = () => (host.hidden = canvas.cy.nodes().length > 0);
  ctx.bus.on('change', sync);

  const startButton = (id: string, label: string, text: string, extra?: string) =>
    h(
      'li',
      {},
      h(
        'button',
        { type: 'button', class: 'start', 'data-id': id, onclick: () => start(id) },
        h('span', { class: 'swatch', style: `background:${LABEL_STYLE[label]?.color ?? '#999'}` }),
        ` ${text}`,
      ),
      extra ? h('span', { class: 'muted' }, ` ${extra}`) : null,
    );

  async function load() {
    clear(host);
    append(host, h('p', { class: 'muted' }, 'Loading the overview…'));
    try {
      const [stats, over] = await Promise.all([api.stats(), api.overview()]);
      clear(host);
      const counts = Object.entries(stats.labels).filter(([, n]) => n > 0);
      const range = (r: { from: string | null; to: string | null }) => (r.from ? `${r.from} – ${r.to}` : '—');
      append(
        host,
        h('h2', {}, 'What the graph holds'),
        h('p', { class: 'counts' }, `${stats.briefs} brief(s); policies dated ${range(stats.dates.policies)}; news ${range(stats.dates.news)}.`),
        h(
          'ul',
          { class: 'label-counts' },
          ...counts.map(([l, n]) =>
            h('li', { 'data-label': l }, h('span', { class: 'swatch', style: `background:${LABEL_STYLE[l]?.color ?? '#999'}` }), ` ${countLabel(l, n)}`),
          ),
        ),
        h('h3', {}, 'Start from'),
        h(
          'div',
          { class: 'starts' },
          ...(['Agency', 'Sector', 'Company'] as const).map((l) =>
            h(
              'section',
              {},
              h('h4', {}, `Most connected ${l === 'Agency' ? 'agencies' : l === 'Sector' ? 'sectors' : 'companies'}`),
              h('ul', {}, ...over.top[l].map((n) => startButton(n.id, l, n.acronym || n.name, `(${n.degree})`))),
            ),
          ),
          h(
            'section',
            {},
            h('h4', {}, 'Newest briefs'),
            h('ul', {}, ...over.newestBriefs.map((b) => startButton(b.id, 'Brief', shortBrief(b.title, b.topics, b.date ?? undefined)))),
          ),
        ),
        h('h3', {}, 'Keyboard'),
        h('ul', { class: 'shortcuts' }, ...SHORTCUTS.map(([k, what]) => h('li', {}, h('kbd', {}, k), ` ${what}`))),
        h('p', { class: 'muted' }, 'Or search above, or run a saved query in the console below.'),
      );
    } catch (err) {
      clear(host);
      append(
        host,
        h('p', { class: 'error' }, `Overview unavailable: ${(err as Error).message}`),
        h('p', {}, 'Search for an agency, policy or company to start.'),
      );
    }
    sync();
  }
  void load();
}
