import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { elementsCsv, elementsGraphML, filterText } from './exportFormats.js';

const els = {
  nodes: [
    { data: { id: 'agency:MIIT', label: 'Agency', name: 'MIIT', labels: ['Agency'], acronym: 'MIIT' } },
    { data: { id: 'policy:x', label: 'Policy', name: 'Plan "A" <2024>, & more', date: '2024-03-06' } },
  ],
  edges: [{ data: { id: '5:abc:1', source: 'policy:x', target: 'agency:MIIT', type: 'ISSUED_BY', evidence: 'Issuing body: MIIT\nline two', lead: true } }],
};

describe('exports', () => {
  it('GraphML is well-formed XML with every node and edge, and says its filter', () => {
    const text = elementsGraphML(els, filterText({ from: '2022' }));
    expect(XMLValidator.validate(text)).toBe(true);
    const g = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['node', 'edge', 'data', 'key'].includes(n) }).parse(text).graphml.graph;
    expect(g.desc).toContain('Date filter: 2022 to any');
    expect(g.node.map((n: Record<string, string>) => n['@_id'])).toEqual(['agency:MIIT', 'policy:x']);
    expect(g.edge[0]['@_source']).toBe('policy:x');
    // Each property its own typed key, not one JSON string.
    const keys = Object.fromEntries(
      (g.key ?? new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'key' }).parse(text).graphml.key).map((k: Record<string, string>) => [
        `${k['@_for']}:${k['@_attr.name']}`,
        k['@_attr.type'],
      ]),
    );
    expect(keys['node:name']).toBe('string');
    expect(keys['edge:lead']).toBe('boolean');
    expect(Object.keys(keys).some((k) => k.endsWith(':properties'))).toBe(false);
  });

  it('CSV holds nodes and edges with properties and evidence', () => {
    const rows = parse(elementsCsv(els), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.kind, r.id])).toEqual([
      ['node', 'agency:MIIT'],
      ['node', 'policy:x'],
      ['edge', '5:abc:1'],
    ]);
    expect(rows[1]!.name).toBe('Plan "A" <2024>, & more');
    expect(rows[2]!.evidence).toBe('Issuing body: MIIT\nline two');
    expect(JSON.parse(rows[2]!.properties!)).toEqual({ lead: true });
  });
});
