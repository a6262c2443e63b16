import { describe, expect, it } from 'vitest';
import { loadSavedQueries, paramsSchema, parseParamLine, parseSavedQuery } from '../../server/api/queries/catalog.js';

describe('saved query header', () => {
  it('reads name, type, default and description', () => {
    expect(parseParamLine('limit: integer = 20 — how many pairs', 'f')).toEqual({ name: 'limit', type: 'integer', default: 20, description: 'how many pairs' });
    expect(parseParamLine('from: date', 'f')).toEqual({ name: 'from', type: 'date', description: '' });
  });

  it('reads entity parameters with the label to search', () => {
    expect(parseParamLine('agency: entity(Agency) = agency:MIIT — the agency', 'f')).toEqual({
      name: 'agency',
      type: 'entity',
      label: 'Agency',
      default: 'agency:MIIT',
      description: 'the agency',
    });
  });

  it('refuses unknown types, an entity without a label, a label on another type, bad defaults', () => {
    expect(() => parseParamLine('x: colour = red', 'f.cypher')).toThrow(/f.cypher: .*unknown type "colour"/);
    expect(() => parseParamLine('x: entity = agency:MIIT', 'f')).toThrow(/needs a label/);
    expect(() => parseParamLine('x: string(Agency)', 'f')).toThrow(/only entity takes a label/);
    expect(() => parseParamLine('x: date = yesterday', 'f')).toThrow(/not a date/);
  });

  it('parses a whole file; the body starts at the first non-comment line', () => {
    const q = parseSavedQuery(
      '// name: q\n// title: T\n// param: a: entity(Agency) = agency:NDRC — who\n// a note\nMATCH (a {id: $a}) RETURN a;\n',
      'q.cypher',
    );
    expect(q).toMatchObject({ name: 'q', title: 'T', cypher: 'MATCH (a {id: $a}) RETURN a' });
    expect(paramsSchema(q).parse({})).toEqual({ a: 'agency:NDRC' });
    expect(paramsSchema(q).parse({ a: 'agency:MIIT' })).toEqual({ a: 'agency:MIIT' });
    expect(paramsSchema(q).safeParse({ b: 1 }).success).toBe(false);
  });

  it('every query in cypher/queries/ parses; entity parameters name a label', () => {
    const qs = loadSavedQueries();
    const agency = qs.find((q) => q.name === 'agency-policies')!;
    expect(agency.params).toEqual([expect.objectContaining({ name: 'agency', type: 'entity', label: 'Agency', default: 'agency:MIIT' })]);
    for (const q of qs) for (const p of q.params) if (p.type === 'entity') expect(p.label).toMatch(/^[A-Z]\w+$/);
  });
});
