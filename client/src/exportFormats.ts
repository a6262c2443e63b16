import type { Elements } from './api.js';
import { toCsv } from './csv.js';
import type { DateRange } from './filters.js';

/** What an export reflects, written into each file. */
export function filterText(range: DateRange, short = false): string {
  if (!range.from && !range.to) return 'No date filter';
  return `Date filter: ${range.from ?? 'any'} to ${range.to ?? 'any'}${short ? '' : ' (elements outside it and those left unconnected are not included)'}`;
}

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

/** A GraphML attribute type for a property's values: long, double, boolean or (anything else) string. */
function graphMLType(values: unknown[]): 'long' | 'double' | 'boolean' | 'string' {
  const present = values.filter((v) => v !== undefined && v !== null);
  if (present.length && present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.length && present.every((v) => typeof v === 'number' && Number.isFinite(v))) return present.every((v) => Number.isInteger(v)) ? 'long' : 'double';
  return 'string';
}

/**
 * GraphML (yEd, Gephi, networkx): every property its own typed key (`attr.type` long, double,
 * boolean or string), so tools can size and filter by it; lists are joined with "; ".
 */
export function elementsGraphML(els: Elements, description: string): string {
  const keysOf = (items: Record<string, unknown>[], skip: readonly string[]) => {
    const names = [...new Set(items.flatMap((d) => Object.keys(d)))].filter((k) => !skip.includes(k));
    return names.map((name, i) => ({ name, id: `${i}`, type: graphMLType(items.map((d) => d[name])) }));
  };
  const nodeData = els.nodes.map((n) => n.data as Record<string, unknown>);
  const edgeData = els.edges.map((e) => e.data as Record<string, unknown>);
  const nodeKeys = keysOf(nodeData, ['id', 'labels']).map((k) => ({ ...k, id: `n${k.id}` }));
  const edgeKeys = keysOf(edgeData, ['id', 'source', 'target']).map((k) => ({ ...k, id: `e${k.id}` }));
  const value = (v: unknown) => (Array.isArray(v) ? v.map((x) => str(x)).join('; ') : str(v));
  const data = (keys: typeof nodeKeys, d: Record<string, unknown>) =>
    keys.map((k) => (value(d[k.name]) ? `<data key="${k.id}">${xml(value(d[k.name]))}</data>` : '')).join('');
  const key = (k: (typeof nodeKeys)[number], target: 'node' | 'edge') =>
    `  <key id="${k.id}" for="${target}" attr.name="${xml(k.name)}" attr.type="${k.type}"/>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...nodeKeys.map((k) => key(k, 'node')),
    ...edgeKeys.map((k) => key(k, 'edge')),
    '  <graph id="policy-graph" edgedefault="directed">',
    `    <desc>${xml(description)}</desc>`,
    ...nodeData.map((d) => `    <node id="${xml(String(d.id))}">${data(nodeKeys, d)}</node>`),
    ...edgeData.map(
      (d) => `    <edge id="${xml(String(d.id))}" source="${xml(String(d.source))}" target="${xml(String(d.target))}">${data(edgeKeys, d)}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}
