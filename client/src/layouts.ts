import type { Core, NodeCollection, NodeSingular } from 'cytoscape';
import { DEFAULTS } from './defaults.js';
import { compact, concentricRings, rowLayout, separate, timeAxis, type Extent, type Point } from './placement.js';

/** The layouts an analyst can choose; each suits a question about this graph. */
export const LAYOUTS = {
  fcose: 'Force-directed',
  concentric: 'Concentric by degree',
  hierarchical: 'Hierarchy: agency → policy → sector',
  time: 'Time (x = date)',
} as const;
export type LayoutName = keyof typeof LAYOUTS;

/** Rows of the hierarchical layout: who issues, what is issued, what it is about, who is in the news. */
const ROW: Record<string, number> = { Agency: 0, Policy: 1, Target: 2, Sector: 3, NewsItem: 4, Company: 5, Place: 5, Outlet: 5, Brief: 6 };
/** Bands of the time layout, top to bottom. */
const TIME_BAND: Record<string, number> = { Brief: 0, Policy: 1, NewsItem: 2 };

/** The canvas area a fit fills, in screen pixels. */
const fitArea = (cy: Core) => ({ w: cy.width() - 2 * DEFAULTS.canvas.fitPadding, h: cy.height() - 2 * DEFAULTS.canvas.fitPadding });

/** A node's box (shape plus label) relative to its position. */
export function extentOf(n: NodeSingular): Extent {
  const bb = n.boundingBox({ includeLabels: true, includeOverlays: false } as never);
  const p = n.position();
  return { x1: bb.x1 - p.x, y1: bb.y1 - p.y, x2: bb.x2 - p.x, y2: bb.y2 - p.y };
}

const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7) || '1') - 1;

function neighbourMap(nodes: NodeCollection): Map<string, string[]> {
  const m = new Map<string, string[]>();
  nodes.forEach((n) => {
    m.set(
      n.id(),
      n
        .neighborhood('node')
        .filter((x) => nodes.contains(x))
        .map((x) => x.id()),
    );
  });
  return m;
}

function hierarchical(nodes: NodeCollection): Map<string, Point> {
  const L = DEFAULTS.layouts;
  const items = nodes.map((n) => {
    const e = extentOf(n);
    return { id: n.id(), row: ROW[String(n.data('label'))] ?? 6, width: e.x2 - e.x1 };
  });
  return rowLayout(items, neighbourMap(nodes), {
    rowGap: L.rowGap,
    maxRowWidth: Math.max(600, Math.sqrt(nodes.length) * L.rowWidthPerSqrtNode),
    gap: DEFAULTS.placement.gap * 2,
  });
}

function timeline(nodes: NodeCollection): Map<string, Point> {
  const L = DEFAULTS.layouts;
  const dated = nodes.filter((n) => typeof n.data('date') === 'string' && /^\d{4}-\d{2}/.test(n.data('date')));
  const out = new Map<string, Point>();
  if (!dated.length) return hierarchical(nodes);
  const xOf = timeAxis(
    dated.map((n) => monthIndex(n.data('date'))),
    { width: L.monthWidth, maxGap: L.maxGapMonths },
  );
  // Each band starts below the tallest month stack of the band above it, not at a fixed height.
  const stack = new Map<string, number>();
  const depth = new Map<number, number>();
  const placed = dated.map((n) => {
    const band = TIME_BAND[String(n.data('label'))] ?? 3;
    const x = xOf.get(monthIndex(n.data('date')))!;
    const key = `${band}|${x}`;
    const k = stack.get(key) ?? 0;
    stack.set(key, k + 1);
    depth.set(band, Math.max(depth.get(band) ?? 0, k + 1));
    return { id: n.id(), band, x, k };
  });
  const top = new Map<number, number>();
  let y = 0;
  for (const band of [...depth.keys()].sort((a, b) => a - b)) {
    top.set(band, y);
    y += (depth.get(band)! - 1) * L.stackStep + L.rowGap;
  }
  for (const p of placed) out.set(p.id, { x: p.x, y: top.get(p.band)! + p.k * L.stackStep });
  // Undated nodes sit below, under the mean date of their dated neighbours.
  const undated = nodes.filter((n) => !out.has(n.id()));
  const below = (Math.max(...[...out.values()].map((p) => p.y)) || 0) + L.rowGap;
  const rows = rowLayout(
    undated.map((n) => {
      const xs = n
        .neighborhood('node')
        .map((m) => out.get(m.id())?.x)
        .filter((v): v is number => v !== undefined);
      const e = extentOf(n as NodeSingular);
      return { id: n.id(), row: ROW[String(n.data('label'))] ?? 6, width: e.x2 - e.x1, ...(xs.length ? { x: xs.reduce((a, b) => a + b, 0) / xs.length } : {}) };
    }),
    new Map(),
    { rowGap: L.rowGap, maxRowWidth: Number.MAX_SAFE_INTEGER, gap: DEFAULTS.placement.gap },
  );
  // rowLayout centres rows on 0; shift them under the time axis, keeping each row's order.
  const minX = Math.min(...[...out.values()].map((p) => p.x));
  const maxX = Math.max(...[...out.values()].map((p) => p.x));
  for (const [id, p] of rows) out.set(id, { x: p.x + (minX + maxX) / 2, y: below + p.y });
  return out;
}

function runCy(nodes: NodeCollection, options: Record<string, unknown>): Promise<Map<string, Point>> {
  return new Promise((resolve) => {
    const layout = nodes.union(nodes.edgesWith(nodes)).layout({ ...options, animate: false, fit: false } as never);
    layout.one('layoutstop', () => resolve(new Map(nodes.map((n) => [n.id(), { ...n.position() }]))));
    layout.run();
  });
}

/**
 * Final positions of `nodes` under a layout, with label boxes pushed apart afterwards. Nodes are
 * left where they were; the caller animates them to the result.
 */
export async function computeLayout(cy: Core, nodes: NodeCollection, name: LayoutName): Promise<Map<string, Point>> {
  const before = new Map(nodes.map((n) => [n.id(), { ...n.position() }]));
  const L = DEFAULTS.layouts;
  let pos: Map<string, Point>;
  if (name === 'hierarchical') pos = hierarchical(nodes);
  else if (name === 'time') pos = timeline(nodes);
  else if (name === 'concentric') {
    pos = concentricRings(
      nodes.map((n) => {
        const e = extentOf(n);
        return { id: n.id(), width: e.x2 - e.x1, degree: n.degree(false) };
      }),
      { ringGap: L.ringGap, gap: DEFAULTS.placement.gap },
    );
  } else {
    pos = await runCy(nodes, {
      name: 'fcose',
      quality: 'default',
      randomize: true,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => L.idealEdgeLength,
      nodeRepulsion: () => L.nodeRepulsion,
      packComponents: true,
      tile: true,
      // Pull components together: the fitted view must stay at a zoom where labels are drawn.
      gravity: 0.6,
      gravityRange: 2.5,
    });
  }
  for (const [id, p] of before) cy.getElementById(id).position(p);
  const ids = nodes.map((n) => n.id());
  const extents = nodes.map((n) => extentOf(n));
  const points = ids.map((id) => pos.get(id) ?? before.get(id)!);
  const P = DEFAULTS.placement;
  const opts = { gap: P.gap, passes: P.separationPasses };
  const separated =
    name === 'fcose'
      ? compact(points, extents, { ...opts, view: fitArea(cy), readableZoom: DEFAULTS.labels.minZoomedFontSize / DEFAULTS.labels.fontSize })
      : separate(points, extents, opts);
  return new Map(ids.map((id, i) => [id, separated[i]!]));
}
