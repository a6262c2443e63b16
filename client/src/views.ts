import type { StyleRule } from './styleRules.js';
import type { NodeSingular } from 'cytoscape';
import { api, type View } from './api.js';
import type { Canvas } from './canvas.js';
import type { QueryRef } from './console.js';
import type { Ctx } from './context.js';
import { byId, clear, h } from './dom.js';
import { LAYOUTS, type LayoutName } from './layouts.js';
import { notesSection } from './notes.js';
import type { Point } from './placement.js';
import { encodeView } from './url.js';

export interface ViewParts {
  paths: { current(): { from: string; to: string; only?: number } | undefined; showPaths(from: string, to: string, only?: number): Promise<void> };
  details: { current(): { kind: 'node' | 'edge'; id: string } | undefined; showNode(id: string): Promise<void>; showEdge(id: string): Promise<void> };
  query: { current(): QueryRef | undefined; open(ref: QueryRef, run?: boolean): Promise<void> };
  style: { current(): StyleRule[]; set(rules: StyleRule[]): void };
}

/** The list's last option when older views remain (not a view id: those are 12 characters). */
const MORE = 'more';

const round = (n: number) => Math.round(n * 10) / 10 || 0;

/**
 * Views that travel: "Copy link" stores the whole picture on the server (nodes with positions,
 * zoom, pan, selection, dates, highlighted paths, open panel, console query) and copies
 * `#v=<id>`; opening such a link restores it exactly. Named views are listed to reopen.
 */
export function mountViews(ctx: Ctx, canvas: Canvas, parts: ViewParts) {
  const cy = canvas.cy;
  const nameEl = byId<HTMLInputElement>('view-name');
  const listEl = byId<HTMLSelectElement>('views-list');
  const notesEl = byId('view-notes');
  /** The notes of the view just opened or saved: whoever opens a shared link reads them too. */
  const showNotes = (id: string) => notesEl.replaceChildren(notesSection(`view:${id}`));

  function capture(): View {
    const nodes = canvas.state.nodeIds
      .map((id) => cy.getElementById(id))
      .filter((n) => n.nonempty())
      .map((n) => {
        const p = (n as NodeSingular).position();
        return [n.id(), round(p.x), round(p.y)] as [string, number, number];
      });
    const { from, to } = canvas.range;
    const paths = parts.paths.current();
    const panel = parts.details.current();
    const query = parts.query.current();
    const name = nameEl.value.trim();
    return {
      ...(name ? { name } : {}),
      nodes,
      zoom: cy.zoom(),
      pan: { x: round(cy.pan().x), y: round(cy.pan().y) },
      selected: cy.elements(':selected').map((e) => e.id()),
      range: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
      ...(paths ? { paths } : {}),
      ...(panel ? { panel } : {}),
      ...(query ? { query } : {}),
      layout: canvas.layoutName,
      ...(parts.style.current().length ? { style: parts.style.current() } : {}),
    };
  }

  async function save(): Promise<string | undefined> {
    const out = await ctx.busy('Saving the view', () => api.saveView(capture()));
    if (!out) return undefined;
    history.replaceState(null, '', `${location.pathname}${encodeView({ nodes: [], view: out.id })}`);
    showNotes(out.id);
    void refreshList();
    return location.href;
  }

  async function restore(id: string) {
    const saved = await ctx.busy('Opening the saved view', () => api.view(id));
    if (!saved) return;
    const v = saved.view;
    canvas.clear();
    canvas.setRange(v.range);
    // Before the nodes, so they arrive styled and hidden ones never flash.
    parts.style.set(v.style ?? []);
    if (v.nodes.length) {
      const out = await ctx.busy('Opening the saved view', () => api.elements(v.nodes.map((n) => n[0])));
      if (!out) return;
      canvas.mergeAt(out.elements, new Map<string, Point>(v.nodes.map(([nid, x, y]) => [nid, { x, y }])));
    }
    if (v.query) await parts.query.open(v.query, false);
    if (v.paths) await parts.paths.showPaths(v.paths.from, v.paths.to, v.paths.only);
    if (v.panel) await (v.panel.kind === 'node' ? parts.details.showNode(v.panel.id) : parts.details.showEdge(v.panel.id));
    cy.elements().unselect();
    for (const sid of v.selected) cy.getElementById(sid).select();
    // Last, so nothing above moves the camera afterwards.
    cy.stop();
    cy.viewport({ zoom: v.zoom, pan: v.pan });
    if (v.name) nameEl.value = v.name;
    if (v.layout && v.layout in LAYOUTS) {
      canvas.layoutName = v.layout as LayoutName;
      byId<HTMLSelectElement>('layout-name').value = v.layout;
    }
    showNotes(id);
    ctx.status(`Opened view ${v.name ? `"${v.name}"` : id}.`);
  }

  /** The server lists a page at a time, newest first; "Older views…" fetches the next page. */
  let nextPage: number | undefined;
  async function refreshList(cursor?: number) {
    const out = await api.views(cursor).catch(() => undefined);
    if (!out) return;
    if (cursor === undefined) {
      clear(listEl);
      listEl.appendChild(h('option', { value: '' }, out.views.length ? 'Saved views…' : 'No named views yet'));
    }
    listEl.querySelector(`option[value="${MORE}"]`)?.remove();
    for (const v of out.views)
      listEl.appendChild(h('option', { value: v.id }, `${v.name ?? v.id} (${v.nodes} nodes, ${v.author ? `${v.author}, ` : ''}${v.created.slice(0, 10)})`));
    if (out.next !== undefined) {
      listEl.appendChild(h('option', { value: MORE }, `Older views… (${out.total} in all)`));
      nextPage = out.next;
    }
  }

  byId('copy-link').addEventListener('click', async () => {
    const url = await save();
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      ctx.status('Link copied: it reopens this exact picture.');
    } catch {
      ctx.status(`Link: ${url}`);
    }
  });
  listEl.addEventListener('change', () => {
    if (!listEl.value) return;
    if (listEl.value === MORE) {
      listEl.value = '';
      void refreshList(nextPage);
      return;
    }
    history.replaceState(null, '', `${location.pathname}${encodeView({ nodes: [], view: listEl.value })}`);
    void restore(listEl.value);
  });
  void refreshList();
  return { capture, save, restore };
}
