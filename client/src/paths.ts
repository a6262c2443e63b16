import { api, type PathsResult } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { DEFAULTS } from './defaults.js';
import { byId, h } from './dom.js';
import { pathSummary } from './pathLabel.js';
import { PATH_COLORS } from './style.js';

type Panel = { show(about: string | undefined, ...content: (Node | null)[]): void };

/**
 * Shortest paths: each path in its own colour, strong paths first, weak links (co-occurrence
 * through a sector) dashed and named; choosing a path in the list isolates it.
 */
export function mountPaths(ctx: Ctx, canvas: Canvas, panel: Panel) {
  const cy = canvas.cy;
  const ends: { from?: string; to?: string } = {};
  /** The paths painted now, for a stored view. */
  let shown: { from: string; to: string; only?: number } | undefined;
  const name = (id: string) => String(cy.getElementById(id).data('short') ?? id);

  function setEnd(end: 'from' | 'to', id: string | undefined) {
    if (!id) return ctx.status('Select a node first.');
    ends[end] = id;
    cy.nodes().removeClass('path-end');
    for (const x of [ends.from, ends.to]) if (x) cy.getElementById(x).addClass('path-end');
    byId('path-ends').textContent = `From: ${ends.from ? name(ends.from) : '—'}  To: ${ends.to ? name(ends.to) : '—'}`;
  }

  function paint(result: PathsResult, only?: number) {
    shown = { from: ends.from!, to: ends.to!, ...(only !== undefined ? { only } : {}) };
    cy.batch(() => {
      cy.edges().removeClass('on-path weak').removeData('pathColor weakLabel');
      cy.elements().removeClass('faded');
      const keep = cy.collection();
      result.paths.forEach((p, i) => {
        if (only !== undefined && only !== i) return;
        const color = PATH_COLORS[i % PATH_COLORS.length]!;
        for (const hop of p.hops) {
          const edge = cy
            .edges()
            .filter((e) => (e.data('source') === hop.from && e.data('target') === hop.to) || (e.data('source') === hop.to && e.data('target') === hop.from))
            .filter((e) => e.data('type') === hop.type);
          edge.addClass('on-path').data('pathColor', color);
          if (hop.weak) edge.addClass('weak').data('weakLabel', hop.weak);
          keep.merge(edge).merge(edge.connectedNodes());
        }
      });
      if (only !== undefined) cy.elements().not(keep).addClass('faded');
    });
  }

  async function run(only?: number) {
    if (!ends.from || !ends.to) return ctx.status('Pick a start and an end node.');
    const P = DEFAULTS.paths;
    const out = await ctx.busy('Finding paths', () => api.paths(ends.from!, ends.to!, P.maxLength, P.shown));
    if (!out) return;
    canvas.merge(out.elements, ends.from);
    paint(out);
    const items = out.paths.map((p, i) =>
      h(
        'li',
        { class: 'path', 'data-index': String(i) },
        h(
          'button',
          {
            type: 'button',
            class: 'path-pick',
            style: `border-left: 6px solid ${PATH_COLORS[i % PATH_COLORS.length]}`,
            'aria-pressed': 'false',
            onclick: (e: Event) => pick(i, e.currentTarget as HTMLElement),
          },
          pathSummary(i, p),
        ),
        h(
          'ol',
          {},
          ...p.hops.map((hop) =>
            h(
              'li',
              { class: hop.weak ? 'weak-hop' : '' },
              hop.text,
              hop.weak ? h('span', { class: 'strength sector' }, ` weak link: ${hop.weak}`) : null,
              hop.evidence ? h('q', { class: 'evidence-text' }, hop.evidence) : null,
              hop.briefTitle ? h('span', { class: 'muted' }, ` — ${hop.briefTitle}${hop.briefDate ? `, ${hop.briefDate}` : ''}`) : null,
            ),
          ),
        ),
      ),
    );
    let picked: number | undefined;
    function pick(i: number, button: HTMLElement) {
      picked = picked === i ? undefined : i;
      paint(out!, picked);
      for (const b of list.querySelectorAll('.path-pick')) b.setAttribute('aria-pressed', 'false');
      if (picked !== undefined) button.setAttribute('aria-pressed', 'true');
    }
    const list = h('ol', { class: 'paths' }, ...items);
    if (only !== undefined && items[only]) pick(only, items[only].querySelector('.path-pick')!);
    panel.show(
      undefined,
      h('h2', {}, `Shortest paths: ${name(ends.from)} → ${name(ends.to)}`),
      out.paths.length
        ? h(
            'p',
            { class: 'muted' },
            'Strongest first. Dashed links are weak: two things in the same sector, not a stated relation. Choose a path to show it alone; choose it again to show all.',
          )
        : h('p', {}, `No path of up to ${P.maxLength} steps connects these two.`),
      list,
    );
  }

  byId('path-from').addEventListener('click', () => setEnd('from', cy.nodes(':selected').first().id() || undefined));
  byId('path-to').addEventListener('click', () => setEnd('to', cy.nodes(':selected').first().id() || undefined));
  byId('path-run').addEventListener('click', () => void run());
  ctx.bus.on('change', ({ removed }) => {
    for (const end of ['from', 'to'] as const) if (ends[end] && removed.includes(ends[end]!)) delete ends[end];
    if (!cy.nodes().length) byId('path-ends').textContent = 'Pick two nodes.';
    if (shown && removed.some((id) => id === shown!.from || id === shown!.to)) shown = undefined;
  });

  /** Shows the paths between two nodes again, one of them isolated (a stored view). */
  async function showPaths(from: string, to: string, only?: number) {
    setEnd('from', from);
    setEnd('to', to);
    await run(only);
  }

  return { setEnd, run, showPaths, current: () => shown };
}
