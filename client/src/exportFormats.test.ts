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
