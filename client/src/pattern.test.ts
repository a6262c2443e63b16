import { describe, expect, it } from 'vitest';
import { describePattern, hopOptions, toCypher, type Pattern } from './pattern.js';
import type { NodeLabel, RelType } from '../../server/graph/model.js';

const example: Pattern = {
  nodes: [
    { label: 'Agency', id: 'agency:MIIT' },
    { label: 'Policy', from: '2023', to: '2023' },
    { label: 'Sector' },
    { label: 'NewsItem' },
    { label: 'Company' },
  ],
  hops: [
    { type: 'ISSUED_BY', dir: 'in' },
    { type: 'TARGETS', dir: 'out' },
    { type: 'ABOUT', dir: 'in' },
    { type: 'MENTIONED_IN', dir: 'in' },
  ],
};

describe('pattern questions', () => {
  it('builds parameterised Cypher for "MIIT → issued → Policy [2023] → targets → Sector ← about ← News item → mentions → Company"', () => {
    const out = toCypher(example);
    expect(out).toEqual({
      query: [
        '// Pattern: Agency $n0 ← ISSUED_BY ← Policy [2023] → TARGETS → Sector ← ABOUT ← News item ← MENTIONED_IN ← Company',
        'MATCH (n0:Agency {id: $n0})<-[:ISSUED_BY]-(n1:Policy)-[:TARGETS]->(n2:Sector)<-[:ABOUT]-(n3:NewsItem)<-[:MENTIONED_IN]-(n4:Company)',
        'WHERE toString(n1.date) >= $n1From AND toString(n1.date) <= $n1To',
        'RETURN n0, n1, n2, n3, n4',
        'LIMIT $limit',
      ].join('\n'),
      params: { n0: 'agency:MIIT', n1From: '2023-01-01', n1To: '2023-12-31', limit: 500 },
    });
  });

  it('offers the model’s steps in both directions', () => {
    expect(hopOptions('Agency')).toEqual(
      expect.arrayContaining([
        { type: 'ISSUED_BY', dir: 'in', to: 'Policy' },
        { type: 'INVOLVES', dir: 'in', to: 'NewsItem' },
      ]),
    );
    expect(hopOptions('Company')).toEqual(expect.arrayContaining([{ type: 'MENTIONED_IN', dir: 'out', to: 'NewsItem' }]));
  });

  it('never puts text that is not the model’s into the query; bad dates and filters are named', () => {
    const bad = (p: Pattern) => (toCypher(p) as { error: string }).error;
    expect(bad({ nodes: [{ label: 'Agency) DETACH DELETE (x' as NodeLabel }], hops: [] })).toContain('is not a label');
    expect(
      bad({
        nodes: [{ label: 'Agency' }, { label: 'Policy' }],
        hops: [{ type: 'ISSUED_BY]->() DELETE x//' as RelType, dir: 'in' }],
      }),
    ).toContain('no ISSUED_BY]->()');
    expect(bad({ nodes: [{ label: 'Agency' }, { label: 'Sector' }], hops: [{ type: 'ISSUED_BY', dir: 'in' }] })).toContain('graph model');
    expect(bad({ nodes: [{ label: 'Policy', from: '2023-13' }], hops: [] })).toContain('2023-13');
    expect(bad({ nodes: [{ label: 'Company', from: '2023' }], hops: [] })).toContain('no date');
    expect(bad({ nodes: [{ label: 'Agency', status: 'draft' }], hops: [] })).toContain('only policies');
    expect(bad({ nodes: [{ label: 'Policy', status: "draft'\nMATCH (x) DELETE x" }], hops: [] })).toContain('a status is draft or final');
    // An entity id is a parameter, whatever it holds.
    const odd = toCypher({ nodes: [{ label: 'Company', id: "x'})\nDETACH DELETE n //" }], hops: [] }) as { query: string; params: Record<string, unknown> };
    expect(odd.query).not.toContain('DELETE');
    expect(odd.params.n0).toBe("x'})\nDETACH DELETE n //");
    expect(describePattern({ nodes: [{ label: 'Policy', status: 'draft' }], hops: [] })).toBe('Policy [draft]');
  });
});
