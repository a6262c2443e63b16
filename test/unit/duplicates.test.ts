import { describe, expect, it } from 'vitest';
import { candidatePairs, normalise, pairKey, tokens, withEvidence, type Entity } from '../../server/api/duplicates/candidates.js';

const e = (id: string, name: string, aliases: string[] = [], registry?: boolean): Entity => ({
  id,
  name,
  aliases,
  news: 1,
  ...(registry === undefined ? {} : { registry }),
});

describe('likely duplicates', () => {
  const companies = [
    e('company:bmw', 'BMW', ['Bayerische Motoren Werke'], true),
    e('company:bmw-brilliance', 'BMW Brilliance', ['BBA', 'BMW Brilliance Automotive', '华晨宝马'], true),
    e('company:brilliance-auto', 'Brilliance Auto', ['Brilliance China Automotive', '华晨汽车'], true),
    e('company:catl', 'CATL', ['Contemporary Amperex Technology', '宁德时代'], true),
    e('company:byd', 'BYD', ['BYD Auto', '比亚迪'], true),
    e('company:byd-co', 'BYD Co., Ltd.', [], false),
  ];

  it('finds BMW / BMW Brilliance / Brilliance Auto and BYD twice, never CATL with anyone', () => {
    const pairs = candidatePairs(companies, new Set());
    const keys = pairs.map((p) => `${p.a}|${p.b}`);
    expect(keys).toContain('company:bmw|company:bmw-brilliance');
    expect(keys).toContain('company:bmw-brilliance|company:brilliance-auto');
    expect(keys).toContain('company:byd|company:byd-co');
    expect(keys.some((k) => k.includes('catl'))).toBe(false);
    // The same name after normalising ("BYD Co., Ltd." is BYD) ranks first.
    expect(keys[0]).toBe('company:byd|company:byd-co');
    expect(pairs.find((p) => p.a === 'company:bmw')!.reasons.join(' ')).toContain('“BMW” is part of “BMW Brilliance”');
  });

  it('a pair marked "not the same" is never suggested', () => {
    const keys = candidatePairs(companies, new Set([pairKey('company:bmw-brilliance', 'company:bmw')])).map((p) => `${p.a}|${p.b}`);
    expect(keys).not.toContain('company:bmw|company:bmw-brilliance');
    expect(keys).toContain('company:bmw-brilliance|company:brilliance-auto');
  });

  it('blocks by rare tokens only: 3,000 companies sharing "automotive" are not compared all with all', () => {
    const many = Array.from({ length: 3000 }, (_, i) => e(`company:c${i}`, `Maker${i} Automotive`));
    // CPU time of this process, not wall time: other work on the machine does not count (38 ms here).
    const cpu = process.cpuUsage();
    const pairs = candidatePairs([...many, ...companies], new Set());
    const used = process.cpuUsage(cpu);
    expect(pairs.some((p) => p.a.startsWith('company:c'))).toBe(false);
    // Orders of magnitude under an all-pairs comparison (4.5 million pairs).
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
  });

  it('shared news and registry hints move the score and say why', () => {
    const base = { a: 'company:byd', b: 'company:byd-co', score: 0.9, reasons: ['same name: byd'] };
    const out = withEvidence(base, companies[4]!, companies[5]!, 2);
    expect(out.score).toBe(1);
    expect(out.reasons).toEqual(['same name: byd', 'named together in 2 news item(s)', 'BYD Co., Ltd. is not in the registry (found by a cue)']);
    expect(withEvidence({ ...base, score: 0.6 }, companies[0]!, companies[1]!, 0).score).toBe(0.5);
    expect(normalise('Zhōngguó  Co., Ltd.')).toBe('zhongguo co ltd');
    expect(tokens('The BMW Group (China)')).toEqual(['bmw']);
  });
});
