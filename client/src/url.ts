import { validDate } from './filters.js';

/** The view in the URL hash, so a link reopens it: visible node ids and the date filter. */
export interface UrlView {
  nodes: string[];
  from?: string;
  to?: string;
}

const ID = /^[a-z]+:[^|\s]{1,300}$/;

export function encodeView(v: UrlView): string {
  const p = new URLSearchParams();
  if (v.nodes.length) p.set('n', v.nodes.join('|'));
  if (v.from) p.set('from', v.from);
  if (v.to) p.set('to', v.to);
  const s = p.toString();
  return s ? `#${s}` : '';
}

/** Anything malformed in a hand-edited link is dropped, not trusted. */
export function decodeView(hash: string): UrlView {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const nodes = (p.get('n') ?? '').split('|').filter((id) => ID.test(id)).slice(0, 2000);
  const from = p.get('from') ?? undefined;
  const to = p.get('to') ?? undefined;
  return { nodes: [...new Set(nodes)], ...(from && validDate(from) ? { from } : {}), ...(to && validDate(to) ? { to } : {}) };
}
