import { citeText } from '../reports/document.js';
import type { Feed } from './feed.js';

const md = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A watch-list's new facts as a digest: every line with the sentence and brief behind it, as reports cite. */
export function renderDigest(feed: Feed, format: 'md' | 'html', since: string | undefined, base = ''): string {
  const title = `Watch-list digest: ${feed.list.name}`;
  const scope = `${feed.total} new fact(s)${since ? ` since ${since}` : ''}${feed.entries.length < feed.total ? `; the newest ${feed.entries.length} are listed` : ''}`;
  if (format === 'md') {
    const out = [`# ${md(title)}`, '', `*${scope} · generated ${new Date().toISOString().slice(0, 10)} from the Policy Graph*`, ''];
    if (!feed.entries.length) out.push('Nothing new.');
    for (const e of feed.entries) {
      out.push(`- ${md(e.text)}${e.node.date ? ` (${e.node.date})` : ''} — imported ${e.at.slice(0, 10)} · [open](${base}${e.link})`);
      out.push(`  > “${md(e.citation.evidence)}”  \n  > — ${md(citeText(e.citation))}`);
    }
    return `${out.join('\n')}\n`;
  }
  const items = feed.entries.map(
    (e) =>
      `<li>${esc(e.text)}${e.node.date ? ` (${esc(e.node.date)})` : ''} — imported ${esc(e.at.slice(0, 10))} · <a href="${esc(base + e.link)}">open</a><blockquote>“${esc(e.citation.evidence)}”<cite>${esc(citeText(e.citation))}</cite></blockquote></li>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem}li{margin:.6rem 0}blockquote{margin:.2rem 0 .2rem .8rem;padding-left:.6rem;border-left:3px solid #cbd5e0;font-size:.9rem}cite{display:block;color:#718096;font-style:normal;font-size:.8rem}</style></head><body><h1>${esc(title)}</h1><p>${esc(scope)}</p>${items.length ? `<ul>${items.join('')}</ul>` : '<p>Nothing new.</p>'}</body></html>\n`;
}
