import { describe, expect, it } from 'vitest';
import { nextAround } from './keyboard.js';

describe('walking around a node with ] and [', () => {
  // Twelve neighbours on a ring and a group node tucked between two of them: arrows reach at
  // most four; the walk reaches all (issue 30: the group node could not be reached).
  const ring = Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, x: 100 * Math.sin((i * Math.PI) / 6), y: -100 * Math.cos((i * Math.PI) / 6) }));
  const all = [...ring, { id: 'group', x: 120 * Math.sin(0.3), y: -120 * Math.cos(0.3) }];

  it('visits every neighbour clockwise from twelve o’clock, once each, then wraps', () => {
    const seen: string[] = [];
    let at: string | undefined;
    for (let i = 0; i < all.length; i++) {
      at = nextAround({ x: 0, y: 0 }, at, all, 1);
      seen.push(at!);
    }
    expect(seen[0]).toBe('n0');
    expect(seen[1]).toBe('group');
    expect(new Set(seen).size).toBe(all.length);
    expect(nextAround({ x: 0, y: 0 }, at, all, 1)).toBe('n0');
  });

  it('[ goes back; nothing around, nothing to go to', () => {
    expect(nextAround({ x: 0, y: 0 }, 'group', all, -1)).toBe('n0');
    expect(nextAround({ x: 0, y: 0 }, undefined, all, -1)).toBe('n11');
    expect(nextAround({ x: 0, y: 0 }, undefined, [], 1)).toBeUndefined();
  });
});
