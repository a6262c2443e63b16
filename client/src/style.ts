import type { StylesheetJson } from 'cytoscape';

/** One look per label: colour and shape, used by the canvas and the legend alike. */
export const LABEL_STYLE: Record<string, { color: string; shape: string; legend: string }> = {
  Policy: { color: '#2b6cb0', shape: 'round-rectangle', legend: 'Policy' },
  Agency: { color: '#c53030', shape: 'hexagon', legend: 'Agency' },
  Company: { color: '#2f855a', shape: 'ellipse', legend: 'Company' },
  Sector: { color: '#b7791f', shape: 'diamond', legend: 'Sector' },
  NewsItem: { color: '#6b46c1', shape: 'triangle', legend: 'News item' },
  Target: { color: '#319795', shape: 'tag', legend: 'Target' },
  Brief: { color: '#4a5568', shape: 'rectangle', legend: 'Brief' },
  Outlet: { color: '#718096', shape: 'vee', legend: 'Outlet' },
  Place: { color: '#dd6b20', shape: 'star', legend: 'Place' },
};

export function stylesheet(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(short)',
        'font-size': 9,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '120px',
        color: '#1a202c',
        'background-color': '#a0aec0',
        width: 'mapData(degree, 0, 40, 18, 60)',
        height: 'mapData(degree, 0, 40, 18, 60)',
        'border-width': 1,
        'border-color': '#fff',
      },
    },
    ...Object.entries(LABEL_STYLE).map(([label, s]) => ({ selector: `node[label = "${label}"]`, style: { 'background-color': s.color, shape: s.shape as never } })),
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f6e05e' } },
    { selector: 'node.path-end', style: { 'border-width': 4, 'border-color': '#ed64a6' } },
    { selector: '.hidden', style: { display: 'none' } },
    {
      selector: 'edge',
      style: { width: 1.2, 'line-color': '#cbd5e0', 'target-arrow-color': '#cbd5e0', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.7 },
    },
    { selector: 'edge:selected, edge.hover', style: { label: 'data(type)', 'font-size': 8, 'line-color': '#4a5568', 'target-arrow-color': '#4a5568', 'text-background-color': '#fff', 'text-background-opacity': 1 } },
    { selector: 'edge.on-path', style: { 'line-color': '#ed64a6', 'target-arrow-color': '#ed64a6', width: 3 } },
  ];
}
