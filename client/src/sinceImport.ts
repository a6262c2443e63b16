import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { append, byId, h } from './dom.js';
import { followApi } from './followApi.js';

const SHOWN = [
  ['Policy', 'new policies'],
  ['Company', 'newly seen companies'],
  ['Agency', 'newly seen agencies'],
  ['NewsItem', 'new news items'],
] as const;

/**
 * On the first view, under the overview: what the last import added (GET /api/changes), when an
 * import was recorded. Each name puts its node on the canvas.
 */
export function mountSinceImport(ctx: Ctx, canvas: Canvas, start: (id: string) => void) {
  const host = h('section', { id: 'since-import', class: 'since-import', hidden: true });
  byId('empty').after(host);
  const sync = () => (host.hidden = canvas.cy.nodes().length > 0 || !host.childElementCount);
  ctx.bus.on('change', sync);
  void followApi
    .changes()
    .then((c) => {
      const imp = c.imports.at(-1);
      if (!imp) return;
      const briefs = Object.entries(imp.briefs)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ');
      append(host, h('h3', {}, 'Since the last import'), h('p', { class: 'muted' }, `${imp.at.slice(0, 16).replace('T', ' ')} UTC · briefs: ${briefs}`));
      let any = false;
      for (const [label, title] of SHOWN) {
        const t = c.types.find((x) => x.label === label);
        if (!t?.added.total) continue;
        any = true;
        append(
          host,
          h('h4', {}, `${t.added.total} ${title}`),
          h(
            'ul',
            { class: 'since-list', 'data-label': label },
            ...t.added.items.slice(0, 8).map((n) => h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => start(n.id) }, n.name))),
            t.added.total > 8 ? h('li', { class: 'muted' }, `… and ${t.added.total - 8} more (npm run changes)`) : null,
          ),
        );
      }
      if (!any) append(host, h('p', {}, 'Nothing new: the briefs imported were unchanged.'));
      sync();
    })
    .catch(() => undefined);
}
