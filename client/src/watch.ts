import type { NodeDetail } from './api.js';
import { append, clear, h, showDialogError } from './dom.js';
import { followApi, type Feed, type WatchList } from './followApi.js';

const WATCHABLE = new Set(['Agency', 'Company', 'Sector', 'Policy']);
const seenKey = (id: string) => `policy-graph:watch-seen:${id}`;

/** The newest entry's time an analyst has seen, per list (this browser only). */
const seen = (id: string) => localStorage.getItem(seenKey(id)) ?? '';
const unread = (feed: Feed, id: string) => feed.entries.filter((e) => e.at > seen(id)).length;

/**
 * Watch-lists: a "Watch-lists" box in the controls with each list's unread count, a "Watch" tool
 * under an agency's, company's, sector's or policy's details, and a list's feed in a dialog (the
 * new facts with their sentences; links to the JSON and Atom feeds). `#watch=<id>` opens a list.
 */
export function mountWatch(start: (id: string) => void) {
  const box = h('fieldset', { id: 'watch-lists' }, h('legend', {}, 'Watch-lists'));
  const items = h('ul', { class: 'watch-lists' });
  append(box, items);
  document.getElementById('controls')?.append(box);
  const dialog = h('dialog', { id: 'watch-feed', class: 'follow-dialog' });
  document.body.append(dialog);
  let lists: WatchList[] = [];

  async function refresh() {
    try {
      lists = (await followApi.lists()).lists;
    } catch {
      return;
    }
    clear(items);
    if (!lists.length) append(items, h('li', { class: 'muted' }, 'None yet: "Watch" under a node’s details starts one.'));
    for (const l of lists) {
      const count = h('span', { class: 'unread', hidden: true });
      append(items, h('li', {}, h('button', { type: 'button', class: 'link', 'data-watch': l.id, onclick: () => void open(l.id) }, l.name), ' ', count));
      void followApi
        .feed(l.id)
        .then((f) => {
          const n = unread(f, l.id);
          count.hidden = n === 0;
          count.textContent = String(n);
          count.title = `${n} new since you last opened it`;
        })
        .catch(() => undefined);
    }
  }

  async function open(id: string) {
    clear(dialog);
    append(dialog, h('p', { class: 'muted' }, 'Loading…'));
    if (!dialog.open) dialog.showModal();
    try {
      const [list, feed] = await Promise.all([followApi.list(id), followApi.feed(id)]);
      const before = seen(id);
      // Names of the followed nodes as the feed gives them; ids for those with nothing new yet.
      const names = new Map(feed.entries.map((e) => [e.watched.id, e.watched.name]));
      clear(dialog);
      const link = `${location.origin}/#watch=${id}`;
      append(
        dialog,
        h('h2', {}, `Watch-list: ${list.name}`),
        h(
          'p',
          { class: 'muted' },
          `${list.entities.length} followed · ${feed.total} new fact(s) · `,
          h('a', { href: `/api/watchlists/${id}/feed?format=atom` }, 'Atom feed'),
          ' · ',
          h('a', { href: `/api/watchlists/${id}/feed` }, 'JSON'),
          ' · ',
          h('button', { type: 'button', class: 'link', onclick: () => void navigator.clipboard?.writeText(link) }, 'Copy link'),
        ),
        h(
          'ul',
          { class: 'watched' },
          ...list.entities.map((e) => h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => start(e) }, names.get(e) ?? e))),
        ),
        feed.entries.length
          ? h(
              'ol',
              { class: 'feed' },
              ...feed.entries.map((e) =>
                h(
                  'li',
                  { class: e.at > before ? 'new' : '' },
                  h(
                    'div',
                    {},
                    e.at > before ? h('span', { class: 'badge new' }, 'new') : null,
                    ' ',
                    h('button', { type: 'button', class: 'link', onclick: () => start(e.node.id) }, e.text),
                    e.node.date ? h('span', { class: 'muted' }, ` (${e.node.date})`) : null,
                  ),
                  h(
                    'blockquote',
                    {},
                    `“${e.citation.evidence}”`,
                    h(
                      'cite',
                      {},
                      `${e.citation.briefTitle ?? e.citation.brief}${e.citation.line ? `, line ${e.citation.line}` : ''} · imported ${e.at.slice(0, 10)}`,
                    ),
                  ),
                ),
              ),
            )
          : h('p', {}, 'Nothing new touches these yet.'),
        h('menu', {}, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')),
      );
      if (feed.entries[0]) localStorage.setItem(seenKey(id), feed.entries[0].at);
      void refresh();
    } catch (err) {
      showDialogError(dialog, err);
    }
  }

  /** "Watch" under a node's details: add it to a list, or start a new one. */
  function nodeTool(d: NodeDetail): Node | null {
    if (!WATCHABLE.has(d.node.label)) return null;
    const id = d.node.properties.id ? String(d.node.properties.id) : d.node.id;
    const pick = h(
      'select',
      { 'aria-label': 'Watch-list' },
      ...lists.map((l) => h('option', { value: l.id }, l.name)),
      h('option', { value: '' }, 'New list…'),
    );
    const note = h('span', { class: 'muted', role: 'status' });
    const watch = async () => {
      try {
        const target = lists.find((l) => l.id === pick.value);
        if (target) {
          if (!target.entities.includes(id)) await followApi.update(target.id, { name: target.name, entities: [...target.entities, id] });
          note.textContent = ` Watched in “${target.name}”.`;
        } else {
          const name = prompt('Name of the new watch-list')?.trim();
          if (!name) return;
          const made = await followApi.create({ name, entities: [id] });
          note.textContent = ` Watched in “${made.name}”.`;
        }
        await refresh();
      } catch (err) {
        note.textContent = ` ${(err as Error).message}`;
      }
    };
    return h('div', { class: 'watch-tool' }, pick, ' ', h('button', { type: 'button', id: 'watch', onclick: () => void watch() }, 'Watch'), note);
  }

  void refresh().then(() => {
    const m = /[#&]watch=([A-Za-z0-9_-]{12})/.exec(location.hash);
    if (m) void open(m[1]!);
  });
  return { nodeTool, open, refresh };
}
