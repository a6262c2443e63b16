import { describe, expect, it } from 'vitest';
import { styleRuleSchema, styleRulesSchema } from '../../server/api/views/style.js';
import { describeRule, isWeakEdge, looks, matches, needsMeasures, PRESETS, presetOf, type Subject } from './styleRules.js';

const node = (id: string, label: string, data: Record<string, unknown> = {}): Subject => ({ id, on: 'node', label, data });
const subjects: Subject[] = [
  node('p1', 'Policy', { status: 'draft', date: '2023-05-01' }),
  node('p2', 'Policy', { status: 'final', date: '2022-11-30', extraction: 'prose' }),
  node('n1', 'NewsItem', { date: '2023-01-02' }),
  node('a1', 'Agency', { policiesLed: 15 }),
  node('a2', 'Agency', { policiesLed: 1 }),
  node('a3', 'Agency', { policiesLed: 8 }),
  { id: 'e1', on: 'edge', label: 'ABOUT', data: { weak: isWeakEdge('NewsItem', 'Sector') } },
  { id: 'e2', on: 'edge', label: 'ISSUED_BY', data: { weak: isWeakEdge('Policy', 'Agency') } },
];

describe('style rules', () => {
  it('the presets hide news, colour drafts, size agencies by policies led, hide weak links', () => {
    const l = looks(
      Object.values(PRESETS).map((p) => p.rule),
      subjects,
    );
    expect(l.get('n1')).toEqual({ hidden: true });
    expect(l.get('p1')).toEqual({ color: '#ed8936' });
    expect(l.get('p2')).toEqual({ color: '#d53f8c' }); // final, but read from prose
    expect(l.get('a1')!.size).toBe(72);
    expect(l.get('a2')!.size).toBe(22);
    expect(l.get('a3')!.size).toBeGreaterThan(22);
    expect(l.get('a3')!.size).toBeLessThan(72);
    expect(l.get('e1')).toEqual({ hidden: true });
    expect(l.has('e2')).toBe(false);
  });

  it('compares numbers as numbers and dates as dates ("<= 2023" takes in all of 2023)', () => {
    const r = (op: '>=' | '<=', field: string, value: string) => styleRuleSchema.parse({ on: 'node', field, op, value, action: 'hide' });
    expect(subjects.filter((s) => matches(r('<=', 'date', '2023'), s)).map((s) => s.id)).toEqual(['p1', 'p2', 'n1']);
    expect(subjects.filter((s) => matches(r('>=', 'date', '2023-02'), s)).map((s) => s.id)).toEqual(['p1']);
    expect(subjects.filter((s) => matches(r('>=', 'policiesLed', '8'), s)).map((s) => s.id)).toEqual(['a1', 'a3']);
    expect(matches(styleRuleSchema.parse({ on: 'node', field: 'status', op: '!=', value: 'draft', action: 'hide' }), subjects[3]!)).toBe(true);
  });

  it('later rules win; the legend says what each does; measures are fetched only when asked for', () => {
    const rules = [
      PRESETS['drafts-colour']!.rule,
      { on: 'node' as const, label: 'Policy', field: 'label', op: 'any' as const, action: 'color' as const, arg: '#000000' },
    ];
    expect(looks(rules, subjects).get('p1')).toEqual({ color: '#000000' });
    expect(describeRule(rules[1]!)).toBe('Policies');
    expect(describeRule({ on: 'node', label: 'Policy', field: 'status', op: '=', value: 'draft', action: 'color', arg: '#ed8936' })).toBe(
      'Policies with status (draft or final) = draft',
    );
    expect(needsMeasures([PRESETS['hide-news']!.rule])).toBe(false);
    expect(needsMeasures([PRESETS['agencies-by-policies']!.rule])).toBe(true);
    expect(presetOf(PRESETS['hide-weak']!.rule)).toBe('hide-weak');
  });

  it('the schema refuses bad colours, sizes, shapes and too many rules', () => {
    const base = { on: 'node', field: 'status', op: 'any' };
    expect(styleRuleSchema.safeParse({ ...base, action: 'color', arg: 'red' }).success).toBe(false);
    expect(styleRuleSchema.safeParse({ ...base, action: 'size', arg: '1e9' }).success).toBe(false);
    expect(styleRuleSchema.safeParse({ ...base, action: 'shape', arg: 'url(x)' }).success).toBe(false);
    expect(styleRuleSchema.safeParse({ ...base, field: 'a b', action: 'hide' }).success).toBe(false);
    expect(styleRuleSchema.safeParse({ ...base, action: 'hide', name: '\ud800' }).success).toBe(false);
    expect(styleRulesSchema.safeParse(Array.from({ length: 41 }, () => ({ ...base, action: 'hide' }))).success).toBe(false);
    for (const p of Object.values(PRESETS)) expect(styleRuleSchema.parse(p.rule)).toEqual(p.rule);
  });
});
