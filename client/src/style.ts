import type { StylesheetJson } from 'cytoscape';
import { LABELS, type NodeLabel } from '../../server/graph/model.js';
import { DEFAULTS } from './defaults.js';

/** One look per label: colour and shape, used by the canvas and the legend alike. */
const LOOK: Record<NodeLabel, { color: string; shape: string }> = {
  Policy: { color: '#2b6cb0', shape: 'round-rectangle' },
  Agency: { color: '#c53030', shape: 'hexagon' },
  Company: { color: '#2f855a', shape: 'ellipse' },
  Sector: { color: '#b7791f', shape: 'diamond' },
  NewsItem: { color: '#6b46c1', shape: 'triangle' },
  Target: { color: '#319795', shape: 'tag' },
  Brief: { color: '#4a5568', shape: 'rectangle' },
  Outlet: { color: '#718096', shape: 'vee' },
  Place: { color: '#dd6b20', shape: 'star' },
};
/** The looks with each label's display name from the graph model, in the order above (the legend's). */
export const LABEL_STYLE: Record<string, { color: string; shape: string; legend: string }> = Object.fromEntries(
  (Object.keys(LOOK) as NodeLabel[]).map((l) => [l, { ...LOOK[l], legend: LABELS[l].display }]),
);

/** One colour per shown path, so paths can be told apart and picked. */
export const PATH_COLORS = ['#d53f8c', '#3182ce', '#38a169', '#dd6b20', '#805ad5', '#319795', '#e53e3e', '#718096'];

export function stylesheet(): StylesheetJson {
  const L = DEFAULTS.labels;
  return [
    {
      selector: 'node',
      style: {
        label: 'data(short)',
        'font-size': L.fontSize,
        'min-zoomed-font-size': L.minZoomedFontSize,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'wrap',
        'text-max-width': `${L.wrapWidth}px`,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        color: '#1a202c',
        'background-color': '#a0aec0',
        width: 'mapData(degree, 0, 40, 20, 56)',
        height: 'mapData(degree, 0, 40, 20, 56)',
        'border-width': 1,
        'border-color': '#fff',
      },
    },
    ...Object.entries(LABEL_STYLE).map(([label, s]) => ({
      selector: `node[label = "${label}"]`,
      style: { 'background-color': s.color, shape: s.shape as never },
    })),
    // Style rules (stylePanel.ts): after the per-label looks, before selection and paths.
    { selector: 'node[rs_color]', style: { 'background-color': 'data(rs_color)' } },
    { selector: 'node[rs_size]', style: { width: 'data(rs_size)', height: 'data(rs_size)' } },
    { selector: 'node[rs_shape]', style: { shape: 'data(rs_shape)' as never } },
    { selector: 'node[rs_label]', style: { label: 'data(rs_label)' } },
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        width: 64,
        height: 34,
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': '#4a5568',
        'background-opacity': 0.35,
        label: 'data(short)',
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node:selected',
      style: {
        'border-width': 3,
        'border-color': '#d69e2e',
        label: 'data(full)',
        'z-index': 20,
        'text-max-width': '260px',
        'font-weight': 'bold',
        'min-zoomed-font-size': 0,
      },
    },
    { selector: 'node.keyfocus', style: { 'overlay-color': '#3182ce', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    { selector: 'node.path-end', style: { 'border-width': 4, 'border-color': '#ed64a6' } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.15 } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#cbd5e0',
        'target-arrow-color': '#cbd5e0',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        'arrow-scale': 0.7,
      },
    },
    { selector: 'edge[rs_color]', style: { 'line-color': 'data(rs_color)', 'target-arrow-color': 'data(rs_color)' } },
    { selector: 'edge[rs_size]', style: { width: 'data(rs_size)' } },
    { selector: 'edge[rs_label]', style: { label: 'data(rs_label)', 'font-size': 9 } },
    { selector: '.rule-hidden', style: { display: 'none' } },
    {
      selector: 'edge:selected, edge.hover',
      style: {
        label: 'data(type)',
        'font-size': 9,
        'line-color': '#4a5568',
        'target-arrow-color': '#4a5568',
        'text-background-color': '#fff',
        'text-background-opacity': 1,
      },
    },
    { selector: 'edge.on-path', style: { 'line-color': 'data(pathColor)', 'target-arrow-color': 'data(pathColor)', width: 3.5, 'z-index': 10 } },
    {
      selector: 'edge.on-path.weak',
      style: {
        'line-style': 'dashed',
        width: 2.5,
        label: 'data(weakLabel)',
        'font-size': 9,
        color: '#744210',
        'text-background-color': '#fefcbf',
        'text-background-opacity': 1,
        'text-rotation': 'autorotate',
      },
    },
  ];
}
