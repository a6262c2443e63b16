import { validDate } from './filters.js';

/**
 * The live view in the URL hash: visible node ids, the date filter, the console's saved query and
 * its form values. A link made with "Copy link" is shorter: `#v=<id>` names a view stored on the
 * server with positions, zoom and the rest (see views.ts).
 */
export interface UrlView {
  nodes: string[];
  from?: string;
  to?: string;
  query?: { name: string; params: Record<string, string> };
  /** A stored view's id. */
  view?: string;
}

const ID = /^[a-z]+:[^|\s]{1,300}$/;
const NAME = /^[a-z0-9-]{1,80}$/;
export const VIEW_ID = /^[A-Za-z0-9_-]{6,32}$/;

export function encodeView(v: UrlView): string {
  const p = new URLSearchParams();
  if (v.view) p.set('v', v.view);
  if (v.nodes.length) p.set('n', v.nodes.join('|'));
  if (v.from) p.set('from', v.from);
  if (v.to) p.set('to', v.to);
  if (v.query) {
    p.set('q', v.query.name);
    for (const [k, x] of Object.entries(v.query.params)) p.set(`q.${k}`, x);
  }
  const s = p.toString();
  return s ? `#${s}` : '';
}

/** Anything malformed in a hand-edited link is dropped, not trusted. */
export function decodeView(hash: string): UrlView {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const nodes = (p.get('n') ?? '')
    .split('|')
    .filter((id) => ID.test(id))
    .slice(0, 2000);
  const from = p.get('from') ?? undefined;
  const to = p.get('to') ?? undefined;
  const q = p.get('q') ?? '';
  const v = p.get('v') ?? '';
  const params = Object.fromEntries([...p.entries()].filter(([k, x]) => /^q\.\w{1,60}$/.test(k) && x.length <= 300).map(([k, x]) => [k.slice(2), x]));
  return {
    nodes: [...new Set(nodes)],
    ...(from && validDate(from) ? { from } : {}),
    ...(to && validDate(to) ? { to } : {}),
    ...(NAME.test(q) ? { query: { name: q, params } } : {}),
    ...(VIEW_ID.test(v) ? { view: v } : {}),
  };
}
