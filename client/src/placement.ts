/**
 * Where nodes go, as plain geometry (tested in Node): new neighbours into free space around
 * their parent, and label boxes pushed apart after a layout. A node's box covers its shape and
 * its label, relative to its position (labels hang below the node, so boxes are not centred).
 */

export interface Point {
  x: number;
  y: number;
}
/** Extent of a node with its label, relative to its position. */
export interface Extent {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
export type Box = Extent;

export const boxAt = (p: Point, e: Extent, gap = 0): Box => ({ x1: p.x + e.x1 - gap, y1: p.y + e.y1 - gap, x2: p.x + e.x2 + gap, y2: p.y + e.y2 + gap });
export const intersects = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * Positions for `extents.length` new nodes around `center`, on rings of growing radius, each in
 * a spot whose box (plus `gap`) touches no obstacle and no node placed before it. Existing
 * nodes never move. `away` (optional) is the direction to try first, e.g. away from the graph.
 */
export function placeAround(
  center: Point,
  extents: Extent[],
  obstacles: Box[],
  opts: { gap: number; ringStep: number; maxRings: number; away?: Point },
): Point[] {
  const taken = [...obstacles];
  const out: Point[] = [];
  const start = opts.away ? Math.atan2(opts.away.y, opts.away.x) : 0;
  for (const e of extents) {
    const w = e.x2 - e.x1;
    let best: Point | undefined;
    let fallback: { p: Point; hits: number } | undefined;
    for (let k = 1; k <= opts.maxRings && !best; k++) {
      const r = k * opts.ringStep;
      const steps = Math.max(6, Math.floor((2 * Math.PI * r) / Math.max(24, w / 2)));
      for (let i = 0; i < steps; i++) {
        // Alternate sides of the preferred direction: 0, +1, -1, +2, -2 …
        const j = i % 2 ? Math.ceil(i / 2) : -i / 2;
        const a = start + (2 * Math.PI * j) / steps;
        const p = { x: center.x + r * Math.cos(a), y: center.y + r * Math.sin(a) };
        const box = boxAt(p, e, opts.gap);
        let hits = 0;
        for (const t of taken) if (intersects(box, t)) hits++;
        if (!hits) {
          best = p;
          break;
        }
        if (!fallback || hits < fallback.hits) fallback = { p, hits };
      }
    }
    const p = best ?? fallback?.p ?? center;
    out.push(p);
    taken.push(boxAt(p, e, 0));
  }
  return out;
}

/**
 * Pushes overlapping boxes apart along the axis of least overlap until none overlap (or the
 * passes run out). Returns new positions; `fixed` ones never move.
 */
export function separate(points: Point[], extents: Extent[], opts: { gap: number; passes: number; fixed?: Set<number> }): Point[] {
  const ps = points.map((p) => ({ ...p }));
  const n = ps.length;
  for (let pass = 0; pass < opts.passes; pass++) {
    let moved = false;
    // Sweep along x so only boxes that can touch are compared.
    const boxes = ps.map((p, i) => ({ i, b: boxAt(p, extents[i]!, opts.gap / 2) }));
    boxes.sort((a, b) => a.b.x1 - b.b.x1);
    for (let a = 0; a < n; a++) {
      const A = boxes[a]!;
      for (let b = a + 1; b < n; b++) {
        const B = boxes[b]!;
        if (B.b.x1 >= A.b.x2) break;
        if (!intersects(A.b, B.b)) continue;
        const ox = Math.min(A.b.x2, B.b.x2) - Math.max(A.b.x1, B.b.x1);
        const oy = Math.min(A.b.y2, B.b.y2) - Math.max(A.b.y1, B.b.y1);
        const pa = ps[A.i]!;
        const pb = ps[B.i]!;
        const fa = opts.fixed?.has(A.i) ?? false;
        const fb = opts.fixed?.has(B.i) ?? false;
        if (fa && fb) continue;
        const share = fa || fb ? 1 : 0.5;
        if (ox < oy) {
          const d = (ox + 0.5) * share * (pa.x <= pb.x ? 1 : -1);
          if (!fa) pa.x -= d;
          if (!fb) pb.x += d;
        } else {
          const d = (oy + 0.5) * share * (pa.y <= pb.y ? 1 : -1);
          if (!fa) pa.y -= d;
          if (!fb) pb.y += d;
        }
        A.b = boxAt(pa, extents[A.i]!, opts.gap / 2);
        B.b = boxAt(pb, extents[B.i]!, opts.gap / 2);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return ps;
}

/** Share of boxes that overlap at least one other box (the label-overlap figure). */
export function overlapShare(boxes: Box[]): { overlapping: number; total: number; share: number } {
  const hit = new Set<number>();
  for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) if (intersects(boxes[a]!, boxes[b]!)) hit.add(a).add(b);
  return { overlapping: hit.size, total: boxes.length, share: boxes.length ? hit.size / boxes.length : 0 };
}

/**
 * Hierarchical rows: every node has a row index; rows are ordered by the mean x of their
 * neighbours in the row above (barycentre), wrapped when wider than `maxRowWidth`.
 */
export function rowLayout(
  items: { id: string; row: number; width: number; x?: number }[],
  neighbours: Map<string, string[]>,
  opts: { rowGap: number; maxRowWidth: number; gap: number },
): Map<string, Point> {
  const out = new Map<string, Point>();
  const rows = [...new Set(items.map((i) => i.row))].sort((a, b) => a - b);
  let y = 0;
  for (const r of rows) {
    const inRow = items.filter((i) => i.row === r);
    const key = (i: (typeof inRow)[number]) => {
      if (i.x !== undefined) return i.x;
      const xs = (neighbours.get(i.id) ?? []).map((n) => out.get(n)?.x).filter((v): v is number => v !== undefined);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.MAX_SAFE_INTEGER;
    };
    const sorted = inRow.map((i) => ({ i, k: key(i) })).sort((a, b) => a.k - b.k || a.i.id.localeCompare(b.i.id));
    // Split into lines no wider than maxRowWidth, each line centred on 0.
    const lines: (typeof sorted)[] = [[]];
    let width = 0;
    for (const s of sorted) {
      if (width + s.i.width > opts.maxRowWidth && lines[lines.length - 1]!.length) {
        lines.push([]);
        width = 0;
      }
      lines[lines.length - 1]!.push(s);
      width += s.i.width + opts.gap;
    }
    for (const line of lines) {
      const total = line.reduce((a, s) => a + s.i.width + opts.gap, -opts.gap);
      let x = -total / 2;
      for (const s of line) {
        out.set(s.i.id, { x: x + s.i.width / 2, y });
        x += s.i.width + opts.gap;
      }
      y += opts.rowGap * 0.6;
    }
    y += opts.rowGap * 0.4;
  }
  return out;
}

/**
 * Concentric by degree: the most connected node in the middle, then rings of growing radius,
 * each filled (in degree order) with as many nodes as its circumference holds side by side.
 */
export function concentricRings(items: { id: string; width: number; degree: number }[], opts: { ringGap: number; gap: number }): Map<string, Point> {
  const sorted = [...items].sort((a, b) => b.degree - a.degree || a.id.localeCompare(b.id));
  const out = new Map<string, Point>();
  let i = 0;
  let r = 0;
  while (i < sorted.length) {
    const ring: typeof sorted = [];
    const room = 2 * Math.PI * r;
    let used = 0;
    while (i < sorted.length && (ring.length === 0 || used + sorted[i]!.width + opts.gap <= room)) {
      used += sorted[i]!.width + opts.gap;
      ring.push(sorted[i]!);
      i++;
      if (r === 0) break;
    }
    ring.forEach((n, k) => {
      const a = (2 * Math.PI * k) / ring.length - Math.PI / 2 + (r / opts.ringGap) * 0.35;
      out.set(n.id, r === 0 ? { x: 0, y: 0 } : { x: r * Math.cos(a), y: r * Math.sin(a) });
    });
    r += opts.ringGap;
  }
  return out;
}

/** Bounding box of `points` with their extents. */
function bounds(points: Point[], extents: Extent[]): { w: number; h: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  points.forEach((p, i) => {
    const b = boxAt(p, extents[i]!);
    x1 = Math.min(x1, b.x1);
    y1 = Math.min(y1, b.y1);
    x2 = Math.max(x2, b.x2);
    y2 = Math.max(y2, b.y2);
  });
  return { w: x2 - x1, h: y2 - y1 };
}

/**
 * Force-directed layouts leave more room than labels need, and their shape ignores the canvas: a
 * graph that fits the canvas only at a zoom where labels are no longer drawn is unreadable.
 * Shrinks towards the centre, pushes the boxes apart again and keeps the overlap-free result that
 * fits `view` (screen pixels) at the highest zoom. Separation mostly pushes vertically (labels are
 * wide), so the tightest shrink is not always the best: while labels can still be drawn, evenly
 * and one-axis shrinks of several strengths are all tried. Beyond that only the smallest even
 * shrink that leaves no overlap is searched for, which keeps big graphs fast.
 */
export function compact(
  points: Point[],
  extents: Extent[],
  opts: { gap: number; passes: number; view: { w: number; h: number }; readableZoom: number },
): Point[] {
  const n = Math.max(1, points.length);
  const cx = points.reduce((a, p) => a + p.x, 0) / n;
  const cy = points.reduce((a, p) => a + p.y, 0) / n;
  const shrink = (f: number, ax = 1, ay = 1) =>
    separate(
      points.map((p) => ({ x: cx + (p.x - cx) * f * ax, y: cy + (p.y - cy) * f * ay })),
      extents,
      opts,
    );
  const overlaps = (ps: Point[]) => overlapShare(ps.map((p, i) => boxAt(p, extents[i]!, opts.gap / 2 - 0.5))).overlapping > 0;
  const fitZoom = (ps: Point[]) => {
    const b = bounds(ps, extents);
    return Math.min(opts.view.w / Math.max(1, b.w), opts.view.h / Math.max(1, b.h));
  };
  // When the labels' own area exceeds half the room at a readable zoom, no shrink makes them readable.
  const area = extents.reduce((a, e) => a + (e.x2 - e.x1 + opts.gap) * (e.y2 - e.y1 + opts.gap), 0);
  const room = (opts.view.w / opts.readableZoom) * (opts.view.h / opts.readableZoom);
  if (area > room / 2) {
    for (const f of [0.55, 0.7, 0.85]) {
      const out = shrink(f);
      if (!overlaps(out)) return out;
    }
    return shrink(1);
  }
  let best = shrink(1);
  let zoom = overlaps(best) ? -1 : fitZoom(best);
  for (const [ax, ay] of [
    [1, 1],
    [0.75, 1],
    [1, 0.75],
  ] as const)
    for (const f of [0.5, 0.6, 0.7, 0.8, 0.9]) {
      const out = shrink(f, ax, ay);
      const z = overlaps(out) ? -1 : fitZoom(out);
      if (z > zoom) [best, zoom] = [out, z];
    }
  return best;
}

/**
 * x of each month on a time axis: `width` per month, in order, but a run of empty months counts
 * as at most `maxGap` months.
 */
export function timeAxis(months: number[], opts: { width: number; maxGap: number }): Map<number, number> {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const x = new Map<number, number>();
  let at = 0;
  sorted.forEach((m, i) => {
    if (i) at += Math.min(m - sorted[i - 1]!, opts.maxGap) * opts.width;
    x.set(m, at);
  });
  return x;
}
