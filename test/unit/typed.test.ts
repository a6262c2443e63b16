import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { typedProps } from '../../server/graph/typed.js';
import { luceneFuzzy, nameDistance } from '../../server/graph/lucene.js';
import { editDistance } from '../../server/parse/distance.js';
import { lastDayOf } from '../../server/api/nodes/router.js';

describe('typedProps (what the graph write sends)', () => {
  it('sends dates as Neo4j dates with their precision, whole numbers as integers, fractions as floats', () => {
    const t = typedProps({ date: '2024-03-06', line: 140, year: 2025, score: 2.5, title: 'x', values: [1, 2], mixed: [1, 2.5], tags: ['a'] });
    expect(neo4j.isDate(t.date)).toBe(true);
    expect(String(t.date)).toBe('2024-03-06');
    expect(t.datePrecision).toBe('day');
    expect(neo4j.isInt(t.line) && neo4j.isInt(t.year)).toBe(true);
    expect(t.score).toBe(2.5);
    expect((t.values as unknown[]).every((v) => neo4j.isInt(v))).toBe(true);
    expect(t.mixed).toEqual([1, 2.5]);
    expect(t).toMatchObject({ title: 'x', tags: ['a'] });
  });

  it('keeps a month or a year as the first day, saying so', () => {
    expect(typedProps({ date: '2024-03' })).toMatchObject({ datePrecision: 'month' });
    expect(String(typedProps({ date: '2024-03' }).date)).toBe('2024-03-01');
    expect(typedProps({ date: '2024' })).toMatchObject({ datePrecision: 'year' });
    expect(typedProps({ date: 'soon' })).toEqual({ date: 'soon' });
  });
});

describe('typo-tolerant search terms', () => {
  it('makes every word of three or more letters fuzzy, escaped, and all required when asked', () => {
    expect(luceneFuzzy('Minstry of Industry', true)).toBe('minstry~2 AND industry~2');
    expect(luceneFuzzy('Tesal')).toBe('tesal~1');
    expect(luceneFuzzy('C++ (Tesla) AND NOT x', true)).toBe('tesla~1 AND and~1 AND not~1');
  });

  it('ranks the name closest to what was typed first', () => {
    expect(editDistance('minstry', 'ministry')).toBe(1);
    const miit = nameDistance('Minstry of Industry', 'Ministry of Industry and Information Technology');
    expect(miit).toBe(1);
    expect(nameDistance('Minstry of Industry', 'Ministry of Commerce')).toBeGreaterThan(miit);
  });
});

describe('neighbour date filter', () => {
  it('ends a month or year on its real last day', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2023-02')).toBe('2023-02-28');
    expect(lastDayOf('2023-04')).toBe('2023-04-30');
    expect(lastDayOf('2023')).toBe('2023-12-31');
    expect(lastDayOf('2023-04-05')).toBe('2023-04-05');
  });
});
