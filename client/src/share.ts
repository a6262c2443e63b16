import { api } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import type { QueryRef } from './console.js';
import { byId, download } from './dom.js';
import { decodeView, encodeView } from './url.js';

/** The view in the URL (kept current), copy link, PNG and JSON export, and reopening a link. */
export function mountShare(ctx: Ctx, canvas: Canvas, query: { current(): QueryRef | undefined; open(ref: QueryRef): Promise<void> }, views: { restore(id: string): Promise<void> }) {
  const cy = canvas.cy;
  const write = () => {
    const q = query.current();
    history.replaceState(null, '', `${location.pathname}${encodeView({ nodes: canvas.state.nodeIds, ...canvas.range, ...(q ? { query: q } : {}) })}`);
  };
  ctx.bus.on('change', write);
  ctx.bus.on('filter', write);
  ctx.bus.on('query', write);

  byId('export-png').addEventListener('click', () => download('policy-graph.png', cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as unknown as Blob));
  // Exports what is shown: nodes hidden by the date filter stay out.
  byId('export-json').addEventListener('click', () => {
    const all = canvas.state.toElements();
    const shown = { nodes: all.nodes.filter((n) => !canvas.isHidden(n.data.id)), edges: all.edges.filter((e) => !canvas.isHidden(e.data.source) && !canvas.isHidden(e.data.target)) };
    download('policy-graph.json', new Blob([JSON.stringify(shown, null, 2)], { type: 'application/json' }));
  });

  /** Reopens the view in the URL: the date filter first, then the nodes. */
  async function restore() {
    const view = decodeView(location.hash);
    if (view.view) return views.restore(view.view);
    if (view.from || view.to) canvas.setRange({ ...(view.from ? { from: view.from } : {}), ...(view.to ? { to: view.to } : {}) });
    if (view.nodes.length) {
      const out = await ctx.busy('Opening the shared view', () => api.elements(view.nodes));
      if (out) canvas.merge(out.elements);
    }
    if (view.query) await query.open(view.query);
  }
  return { restore };
}
