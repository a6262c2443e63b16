import { api } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { DEFAULTS } from './defaults.js';
import { byId, h } from './dom.js';
import { groupNeighbours } from './grouping.js';
import { LAYOUTS, type LayoutName } from './layouts.js';
import { LABEL_STYLE } from './style.js';
import { relType } from '../../server/graph/model.js';

/**
 * The canvas's own controls: expand (grouped, paged), layout and re-layout, fit, remove, undo,
 * clear, and the hover tooltip with a label's full text.
 */
export function mountCanvasControls(ctx: Ctx, canvas: Canvas) {
  const cy = canvas.cy;
  const typeSelect = byId<HTMLSelectElement>('expand-type');
  const labelSelect = byId<HTMLSelectElement>('expand-label');
  const layoutSelect = byId<HTMLSelectElement>('layout-name');
  for (const t of relType.options) typeSelect.appendChild(h('option', { value: t }, t));
  for (const l of Object.keys(LABEL_STYLE)) labelSelect.appendChild(h('option', { value: l }, l));
  for (const [name, title] of Object.entries(LAYOUTS)) layoutSelect.appendChild(h('option', { value: name }, title));

  /** Pages already shown per node and filter, for "show more". */
  const pages = new Map<string, number>();

  async function expand(id: string, opts: { types?: string; more?: boolean } = {}) {
    if (cy.getElementById(id).hasClass('group')) {
      const change = canvas.openGroup(id);
      if (change) ctx.status(`${change.added.nodes.length} node(s) shown.`);
      return;
    }
    const types = opts.types ?? (typeSelect.value || undefined);
    const labels = labelSelect.value || undefined;
    const key = `${id}|${types ?? ''}|${labels ?? ''}`;
    const page = opts.more ? (pages.get(key) ?? 1) + 1 : 1;
    const range = canvas.range;
    const limit = page * DEFAULTS.expand.pageSize;
    const out = await ctx.busy('Expanding', () => api.neighbors(id, { types, labels, from: range.from, to: range.to, limit }));
    if (!out) return;
    pages.set(key, page);
    const { direct, groups } = groupNeighbours(
      id,
      out.elements,
      (x) => canvas.state.node(x) !== undefined && canvas.state.nodeIds.includes(x),
      DEFAULTS.expand.groupThreshold,
    );
    const change = canvas.merge(direct, id);
    if (groups.length) canvas.addGroups(groups);
    const grouped = groups.map((g) => g.title).join(', ');
    ctx.status(`${change.added.nodes.length} new node(s)${grouped ? `; grouped: ${grouped}` : ''}${out.truncated ? `; first ${out.limit} shown` : ''}.`);
    renderMore(out.truncated ? { id, types } : undefined);
  }

  // "Show 150 more" stays under the controls while the last expansion was capped.
  const more = h('button', { type: 'button', id: 'expand-more', hidden: true }, `Show ${DEFAULTS.expand.pageSize} more`);
  byId('expand').after(more);
  let moreOf: { id: string; types?: string } | undefined;
  function renderMore(of?: { id: string; types?: string }) {
    moreOf = of;
    more.hidden = !of;
  }
  more.addEventListener('click', () => moreOf && void expand(moreOf.id, { ...(moreOf.types ? { types: moreOf.types } : {}), more: true }));

  const selectedIds = () => cy.nodes(':selected').map((n) => n.id());
  byId('expand').addEventListener('click', () => {
    const [id] = selectedIds();
    if (id) void expand(id);
    else ctx.status('Select a node first.');
  });
  byId('relayout').addEventListener('click', () => void canvas.relayout(layoutSelect.value as LayoutName));
  byId('fit').addEventListener('click', () => canvas.fit());
  byId('remove').addEventListener('click', () => canvas.remove(selectedIds()));
  byId('undo').addEventListener('click', undo);
  byId('clear').addEventListener('click', () => {
    canvas.clear();
    renderMore(undefined);
    ctx.status('Canvas cleared.');
  });
  function undo() {
    const change = canvas.state.undo();
    if (change) canvas.apply(change);
    else ctx.status('Nothing to undo.');
  }

  cy.on('dbltap', 'node', (e) => void expand(e.target.id()));
  cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
  cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));

  // Full text on hover.
  const tip = byId('tooltip');
  cy.on('mouseover', 'node', (e) => {
    const p = e.target.renderedPosition();
    tip.textContent = String(e.target.data('full') ?? e.target.data('name'));
    tip.style.left = `${p.x + 12}px`;
    tip.style.top = `${p.y + 12}px`;
    tip.hidden = false;
  });
  cy.on('mouseout', 'node', () => (tip.hidden = true));
  cy.on('viewport', () => (tip.hidden = true));

  return { expand, undo, remove: () => canvas.remove(selectedIds()) };
}
