import { describe, expect, it } from 'vitest';
import { pathSummary } from './pathLabel.js';

describe('path summary', () => {
  it('counts a co-occurrence through a sector as one weak link of two dashed hops (issue 30)', () => {
    const p = { length: 3, weakLinks: 1, hops: [{ weak: null }, { weak: 'same sector' }, { weak: 'same sector' }] };
    expect(pathSummary(0, p)).toBe('Path 1: 3 step(s) — 1 weak link (2 dashed hops: same sector)');
    expect(pathSummary(1, { length: 2, weakLinks: 0, hops: [{ weak: null }, { weak: null }] })).toBe('Path 2: 2 step(s) — all direct');
    const two = { length: 4, weakLinks: 2, hops: [{ weak: 'same sector' }, { weak: 'same sector' }, { weak: 'same place' }, { weak: 'same place' }] };
    expect(pathSummary(2, two)).toBe('Path 3: 4 step(s) — 2 weak links (4 dashed hops: same sector, same place)');
  });
});
