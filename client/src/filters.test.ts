import { describe, expect, it } from 'vitest';
import { filterClosure, monthInRange, parseRange, validDate } from './filters.js';

describe('date filter', () => {
  it('validates dates: real months and days only', () => {
    for (const ok of ['', '2022', '2022-01', '2022-12', '2024-02-29', '2022-06-30']) expect(validDate(ok), ok).toBe(true);
    for (const bad of ['2022-13', '2022-00', '2023-02-29', '2022-06-31', '22', '2022-1', 'abc', '2022/06']) expect(validDate(bad), bad).toBe(false);
    expect(parseRange('2022-13', '')).toEqual({ error: expect.stringContaining('2022-13') });
    expect(parseRange('2023', '2022')).toEqual({ error: expect.stringContaining('after') });
    expect(parseRange(' 2022 ', '2022-12')).toEqual({ range: { from: '2022', to: '2022-12' } });
  });

  it('hides dated nodes outside the range and the undated nodes they leave alone', () => {
    const nodes = [
      { id: 'p2022', date: '2022-05-01' },
      { id: 'p2024', date: '2024-01-01' },
      { id: 'sectorA' }, // only linked to p2024: orphaned
      { id: 'sectorB' }, // linked to both: stays
      { id: 'company' }, // linked to sectorA only: orphaned in turn
      { id: 'lonely' }, // no neighbours at all: stays
    ];
    const edges = [
      { source: 'p2024', target: 'sectorA' },
      { source: 'p2022', target: 'sectorB' },
      { source: 'p2024', target: 'sectorB' },
      { source: 'company', target: 'sectorA' },
    ];
    const r = filterClosure(nodes, edges, { from: '2022', to: '2022' });
    expect([...r.hidden].sort()).toEqual(['company', 'p2024', 'sectorA']);
    expect(r.byDate).toBe(1);
    expect(r.orphaned).toBe(2);
    expect(filterClosure(nodes, edges, {}).hidden.size).toBe(0);
  });

  it('the timeline keeps every month of a year-only "To" (issue 30: "To 2022" dimmed every month)', () => {
    const r = { from: '2022', to: '2022' };
    for (const m of ['2022-01', '2022-06', '2022-12']) expect(monthInRange(m, r), m).toBe(true);
    for (const m of ['2021-12', '2023-01']) expect(monthInRange(m, r), m).toBe(false);
    expect(monthInRange('2022-06', { to: '2022-06-15' })).toBe(true);
    expect(monthInRange('2022-07', { to: '2022-06' })).toBe(false);
    expect(monthInRange('2022-05', { from: '2022-06-15' })).toBe(false);
    expect(monthInRange('2030-01', {})).toBe(true);
  });
});
