import { describe, expect, it } from 'vitest';
import { PROSE_MARKER, proseNote, shownDate } from './provenance.js';

describe('provenance in the details panel', () => {
  it('marks facts read from prose, and only those', () => {
    expect(proseNote({ extraction: 'prose' })).toContain(PROSE_MARKER);
    expect(proseNote({})).toBeUndefined();
    expect(proseNote({ extraction: 'layout' })).toBeUndefined();
  });

  it('shows a month-only date as a month, never as its first day', () => {
    expect(shownDate({ date: '2021-01-01', datePrecision: 'month' })).toBe('2021-01 (month only)');
    expect(shownDate({ date: '2021-01-01', datePrecision: 'year' })).toBe('2021 (year only)');
    expect(shownDate({ date: '2021-03-24', datePrecision: 'day' })).toBe('2021-03-24');
    expect(shownDate({ date: '2021-03-24' })).toBe('2021-03-24');
    expect(shownDate({})).toBeUndefined();
  });
});
