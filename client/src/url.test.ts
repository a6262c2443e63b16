import { describe, expect, it } from 'vitest';
import { decodeView, encodeView } from './url.js';
import { inDateRange } from './filters.js';

describe('URL view state', () => {
  it('round-trips node ids and the date filter', () => {
    const view = { nodes: ['agency:MIIT', 'policy:2024-02-26:implementation-plan', 'news:004_5729922ff7017db5:p1'], from: '2022', to: '2024-06' };
    expect(decodeView(encodeView(view))).toEqual(view);
  });

  it('is empty for an empty view and drops malformed parts of a hand-edited link', () => {
    expect(encodeView({ nodes: [] })).toBe('');
    expect(decodeView('#n=agency:MIIT|<script>|agency:MIIT|company:tesla&from=yesterday&to=2024')).toEqual({
      nodes: ['agency:MIIT', 'company:tesla'],
      to: '2024',
    });
    expect(decodeView('')).toEqual({ nodes: [] });
  });

  it('round-trips a saved query with its form values, and a stored view id', () => {
    const view = { nodes: [], query: { name: 'agency-policies', params: { agency: 'agency:NDRC' } }, view: 'Ab3_x9-kQ2' };
    expect(decodeView(encodeView(view))).toEqual(view);
    expect(decodeView('#q=../etc&v=short')).toEqual({ nodes: [] });
  });
});

describe('date filter', () => {
  it('keeps undated elements and reads partial dates as whole periods', () => {
    expect(inDateRange(undefined, '2023', '2023')).toBe(true);
    expect(inDateRange('2023-12-31', '2023', '2023')).toBe(true);
    expect(inDateRange('2024-01-01', '2023', '2023')).toBe(false);
    expect(inDateRange('2023-06-15', '2023-07', undefined)).toBe(false);
    expect(inDateRange('2023-07-31', undefined, '2023-07')).toBe(true);
    expect(inDateRange('2023-08-01', undefined, '2023-07')).toBe(false);
  });
});
