import { citeText } from '../reports/document.js';
import type { Feed } from './feed.js';

const xml = (s: string) =>
  s
    // Characters XML 1.0 forbids even escaped: a feed reader refuses the whole feed for one.
    // eslint-disable-next-line no-control-regex
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * The feed as Atom 1.0 (RFC 4287), for feed readers: one entry per new fact, its title the fact,
 * its summary the sentence and the brief behind it, its link the explorer on the fact's node.
 * `base` is the app's own origin (http://host:port), so links work from outside the app.
 */
export function renderAtom(feed: Feed, base: string, self: string): string {
  const updated = feed.entries[0]?.at ?? new Date(0).toISOString();
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${xml(`${base}/api/watchlists/${feed.list.id}/feed#${e.id}`)}</id>
    <title>${xml(`${e.text}${e.node.date ? ` (${e.node.date})` : ''}`)}</title>
    <updated>${xml(e.at)}</updated>
    <link rel="alternate" type="text/html" href="${xml(base + e.link)}"/>
    <summary type="text">${xml(`“${e.citation.evidence}” — ${citeText(e.citation)}`)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${base}/api/watchlists/${feed.list.id}`)}</id>
  <title>${xml(`Policy Graph watch-list: ${feed.list.name}`)}</title>
  <updated>${xml(updated)}</updated>
  <author><name>Policy Graph</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}/#watch=${feed.list.id}`)}"/>
${entries.join('\n')}
</feed>
`;
}
