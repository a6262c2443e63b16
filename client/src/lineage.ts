import { api } from './api.js';
import { append, h } from './dom.js';

/**
 * A policy's lineage as a short timeline in its details (issue 27): its drafts, final versions,
 * editions and the plans it implements, oldest first, each with the link and the rule that made it.
 * Read through the saved query `policy-lineage`, so the console shows the same answer. The section
 * stays empty for a policy with no lineage, which is most of them.
 */
const LINK: Record<string, string> = {
  FINAL_VERSION_OF: 'final version of',
  REVISES: 'revises',
  IMPLEMENTS: 'implements',
};

export function lineageSection(id: string): HTMLElement {
  const box = h('section', { class: 'lineage' });
  void fill(box, id);
  return box;
}

async function fill(box: HTMLElement, id: string): Promise<void> {
  let res;
  try {
    res = await api.runQuery('policy-lineage', { policy: id });
  } catch {
    return; // the details stand without it
  }
  const col = (name: string) => res.columns.indexOf(name);
  const [date, title, status, link, to, rule] = ['date', 'title', 'status', 'link', 'linkedTo', 'rule'].map(col) as number[];
  const titles = new Set(res.rows.map((r) => r[title!]));
  if (titles.size < 2) return;
  append(
    box,
    h('h3', {}, 'Lineage'),
    h(
      'ol',
      { class: 'timeline' },
      ...res.rows.map((r) =>
        h(
          'li',
          {},
          h('span', { class: 'muted' }, `${String(r[date!] ?? 'date unknown')} `),
          String(r[title!] ?? ''),
          r[status!] === 'draft' ? h('span', { class: 'badge' }, ' draft') : null,
          r[link!]
            ? h('span', { class: 'muted' }, ` — ${LINK[String(r[link!])] ?? String(r[link!])} “${String(r[to!] ?? '')}” (${String(r[rule!] ?? '')})`)
            : null,
        ),
      ),
    ),
  );
}
