import type { Elements } from './api.js';
import { toCsv } from './csv.js';
import type { DateRange } from './filters.js';

/** What an export reflects, written into each file. */
export function filterText(range: DateRange, short = false): string {
  if (!range.from && !range.to) return 'No date filter';
  return `Date filter: ${range.from ?? 'any'} to ${range.to ?? 'any'}${short ? '' : ' (elements outside it and those left unconnected are not included)'}`;
}

const NODE_COLS = ['label', 'name', 'date'] as const;
const EDGE_COLS = ['type', 'evidence', 'brief'] as const;
const rest = (d: Record<string, unknown>, skip: readonly string[]) => JSON.stringify(Object.fromEntries(Object.entries(d).filter(([k]) => !skip.includes(k))));
const str = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** One CSV for nodes and edges: a `kind` column tells them apart; other properties as JSON. */
export function elementsCsv(els: Elements): string {
  const header = ['kind', 'id', 'label_or_type', 'name', 'source', 'target', 'date', 'evidence', 'properties'];
  const nodes = els.nodes.map(({ data: d }) => ['node', d.id, d.label, d.name, '', '', str(d.date), '', rest(d, ['id', 'label', 'name', 'date', 'labels'])]);
  const edges = els.edges.map(({ data: d }) => [
    'edge',
    d.id,
    d.type,
    '',
    d.source,
    d.target,
    '',
    str(d.evidence),
    rest(d, ['id', 'type', 'source', 'target', 'evidence']),
  ]);
  return toCsv(header, [...nodes, ...edges]);
}

const xml = (s: string) =>
  s
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

/** GraphML (yEd, Gephi, networkx): label, name, date on nodes; type and evidence on edges; the rest as JSON. */
export function elementsGraphML(els: Elements, description: string): string {
  const key = (id: string, target: 'node' | 'edge', name: string) => `  <key id="${id}" for="${target}" attr.name="${name}" attr.type="string"/>`;
  const data = (k: string, v: unknown) => (str(v) ? `<data key="${k}">${xml(str(v))}</data>` : '');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...NODE_COLS.map((c) => key(`n_${c}`, 'node', c)),
    key('n_properties', 'node', 'properties'),
    ...EDGE_COLS.map((c) => key(`e_${c}`, 'edge', c)),
    key('e_properties', 'edge', 'properties'),
    '  <graph id="policy-graph" edgedefault="directed">',
    `    <desc>${xml(description)}</desc>`,
    ...els.nodes.map(
      ({ data: d }) =>
        `    <node id="${xml(d.id)}">${NODE_COLS.map((c) => data(`n_${c}`, d[c])).join('')}${data('n_properties', rest(d, ['id', ...NODE_COLS, 'labels']))}</node>`,
    ),
    ...els.edges.map(
      ({ data: d }) =>
        `    <edge id="${xml(d.id)}" source="${xml(d.source)}" target="${xml(d.target)}">${EDGE_COLS.map((c) => data(`e_${c}`, d[c])).join('')}${data('e_properties', rest(d, ['id', 'source', 'target', ...EDGE_COLS]))}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}
