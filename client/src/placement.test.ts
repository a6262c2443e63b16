import { describe, expect, it } from 'vitest';
import { neighbourInDirection } from './keyboard.js';
import { boxAt, compact, intersects, overlapShare, placeAround, separate, timeAxis } from './placement.js';

const ext = { x1: -40, y1: -10, x2: 40, y2: 24 };

describe('placement', () => {
  it('places new nodes in free space around the parent, touching nothing', () => {
    const existing = [
      { x: 0, y: 0 },
      { x: 120, y: 0 },
      { x: 0, y: 80 },
    ];
    const obstacles = existing.map((p) => boxAt(p, ext));
    const points = placeAround(
      { x: 0, y: 0 },
      Array.from({ length: 20 }, () => ext),
      obstacles,
      { gap: 6, ringStep: 40, maxRings: 30 },
    );
    const boxes = [...obstacles, ...points.map((p) => boxAt(p, ext))];
    expect(overlapShare(boxes).overlapping).toBe(0);
    // Near the parent, not scattered.
    for (const p of points) expect(Math.hypot(p.x, p.y)).toBeLessThan(600);
  });

  it('separates overlapping boxes, leaving fixed ones where they are', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ x: (i % 5) * 30, y: Math.floor(i / 5) * 12 }));
    const out = separate(
      points,
      points.map(() => ext),
      { gap: 4, passes: 400, fixed: new Set([0]) },
    );
    expect(out[0]).toEqual(points[0]);
    const boxes = out.map((p) => boxAt(p, ext));
    expect(overlapShare(boxes).share).toBe(0);
    expect(intersects(boxes[0]!, boxes[1]!)).toBe(false);
  });

  it('finds the neighbour in an arrow direction', () => {
    const c = [
      { id: 'right', x: 100, y: 5 },
      { id: 'up', x: 0, y: -80 },
      { id: 'far-right', x: 400, y: 0 },
    ];
    expect(neighbourInDirection({ x: 0, y: 0 }, c, 1, 0)).toBe('right');
    expect(neighbourInDirection({ x: 0, y: 0 }, c, 0, -1)).toBe('up');
    expect(neighbourInDirection({ x: 0, y: 0 }, c, -1, 0)).toBeUndefined();
  });
});

describe('concentric rings', () => {
  it('puts the most connected node in the middle and fills rings by circumference', async () => {
    const { concentricRings } = await import('./placement.js');
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, width: 80, degree: 12 - i }));
    const pos = concentricRings(items, { ringGap: 70, gap: 10 });
    expect(pos.get('n0')).toEqual({ x: 0, y: 0 });
    const r = (id: string) => Math.round(Math.hypot(pos.get(id)!.x, pos.get(id)!.y));
    expect(r('n1')).toBe(70);
    // Ring 1 holds floor(2π·70 / 90) = 4 nodes; the fifth goes out to ring 2.
    expect(r('n4')).toBe(70);
    expect(r('n5')).toBe(140);
  });
});

describe('compacting a force layout', () => {
  const view = { w: 630, h: 500 };
  const fitZoom = (ps: { x: number; y: number }[]) => {
    const bs = ps.map((p) => boxAt(p, ext));
    const w = Math.max(...bs.map((b) => b.x2)) - Math.min(...bs.map((b) => b.x1));
    const h = Math.max(...bs.map((b) => b.y2)) - Math.min(...bs.map((b) => b.y1));
    return Math.min(view.w / w, view.h / h);
  };
  const grid = (cols: number, rows: number, dx: number, dy: number) =>
    Array.from({ length: cols * rows }, (_, i) => ({ x: (i % cols) * dx, y: Math.floor(i / cols) * dy }));

  it('shrinks a loose, wide layout until it fits the canvas at a zoom where labels are drawn', () => {
    // 144 labels spread like a force layout leaves them: fitted, they would be drawn at 0.28x.
    const points = grid(12, 12, 200, 60);
    expect(fitZoom(points)).toBeLessThan(0.3);
    const out = compact(
      points,
      points.map(() => ext),
      { gap: 10, passes: 400, view, readableZoom: 0.5 },
    );
    expect(overlapShare(out.map((p) => boxAt(p, ext, 4))).overlapping).toBe(0);
    // Shrinking evenly alone reaches 0.49x here: separation then stretches the graph vertically.
    expect(fitZoom(out)).toBeGreaterThanOrEqual(0.5);
  });

  it('returns a layout that cannot shrink without overlap with its overlaps removed', () => {
    const points = grid(4, 3, 90, 40);
    const out = compact(
      points,
      points.map(() => ext),
      { gap: 10, passes: 400, view, readableZoom: 0.5 },
    );
    expect(overlapShare(out.map((p) => boxAt(p, ext, 4))).overlapping).toBe(0);
  });
});

describe('time axis', () => {
  it('keeps months in order and to scale, shortening only long empty stretches', () => {
    // Jan, Feb, Apr 2021, then nothing until Nov 2022 and Mar 2024 (months since year 0).
    const m = (y: number, mo: number) => y * 12 + mo - 1;
    const x = timeAxis([m(2022, 11), m(2021, 1), m(2021, 2), m(2021, 4), m(2024, 3), m(2021, 2)], { width: 45, maxGap: 3 });
    expect([...x.values()]).toEqual([0, 45, 135, 270, 405]);
    expect(x.get(m(2021, 4))).toBe(135); // a two-month gap stays to scale
    expect(x.get(m(2022, 11))).toBe(270); // 19 empty months drawn as 3
  });
});
