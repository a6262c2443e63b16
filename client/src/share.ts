import { api } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import type { QueryRef } from './console.js';
import { mountExports } from './exports.js';
import { decodeView, encodeView } from './url.js';

/** The live view in the URL (kept current), the exports, and reopening a link. */
export function mountShare(
  ctx: Ctx,
  canvas: Canvas,
  query: { current(): QueryRef | undefined; open(ref: QueryRef): Promise<void> },
  views: { restore(id: string): Promise<void> },
) {
  const write = () => {
    const q = query.current();
    history.replaceState(null, '', `${location.pathname}${encodeView({ nodes: canvas.state.nodeIds, ...canvas.range, ...(q ? { query: q } : {}) })}`);
  };
  ctx.bus.on('change', write);
  ctx.bus.on('filter', write);
  ctx.bus.on('query', write);

  const exports = mountExports(ctx, canvas);

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
  return { restore, exports };
}
