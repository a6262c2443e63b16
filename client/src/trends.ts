import type { NodeDetail } from './api.js';
import { h } from './dom.js';
import { followApi } from './followApi.js';

const HAS_TREND = new Set(['Agency', 'Sector', 'Company']);

/** Under an agency's, sector's or company's details: its counts per quarter, drawn by the server (GET /api/trends/:id?format=svg). */
export function trendTool(d: NodeDetail): Node | null {
  if (!HAS_TREND.has(d.node.label)) return null;
  const id = String(d.node.properties.id ?? d.node.id);
  const img = h('img', { class: 'trend-chart', alt: `Counts per quarter for ${id}` });
  const figure = h('figure', { class: 'trend' }, h('figcaption', {}, 'Per quarter, whole archive'), img);
  void followApi
    .trendChart(id)
    .then((src) => (img.src = src))
    .catch(() => figure.remove());
  return figure;
}
