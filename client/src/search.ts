import { api, type SearchResult } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { DEFAULTS } from './defaults.js';
import { clear, byId, h } from './dom.js';
import { inDateRange } from './filters.js';
import { LABEL_STYLE } from './style.js';

/** The search box: debounced, newest answer wins, keyboard-driven, honours the date filter. */
export function mountSearch(ctx: Ctx, canvas: Canvas, focusNode: (id: string) => void) {
  const input = byId<HTMLInputElement>('search');
  const list = byId<HTMLUListElement>('search-results');
  let seq = 0;
  let results: SearchResult[] = [];
  let outside = 0;
  let active = -1;
  let timer: number | undefined;

  function render() {
    clear(list);
    results.forEach((r, i) => {
      list.appendChild(
        h(
          'li',
          {
            role: 'option',
            class: `search-result${i === active ? ' active' : ''}`,
            'aria-selected': String(i === active),
            'data-id': r.id,
            onmousedown: (e) => (e.preventDefault(), void add(r)),
          },
          h('span', { class: 'badge', style: `background:${LABEL_STYLE[r.label]?.color ?? '#999'}` }, r.label),
          ' ',
          r.acronym ? `${r.acronym} — ` : '',
          r.name,
          r.nameZh ? h('span', { class: 'muted' }, ` ${r.nameZh}`) : null,
          r.date ? h('span', { class: 'muted' }, ` ${r.date}`) : null,
        ),
      );
    });
    if (outside) list.appendChild(h('li', { class: 'search-note muted' }, `${outside} more outside the date filter.`));
    list.hidden = results.length === 0 && !outside;
  }

  function reset() {
    results = [];
    outside = 0;
    render();
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return reset();
    timer = window.setTimeout(async () => {
      const mine = ++seq;
      try {
        const res = await api.search(q, DEFAULTS.search.limit);
        if (mine !== seq) return; // a newer keystroke won
        const range = canvas.range;
        results = res.results.filter((r) => inDateRange(r.date, range.from, range.to));
        outside = res.results.length - results.length;
        active = results.length ? 0 : -1;
        render();
        if (!res.results.length) ctx.status(`Nothing matches “${q}”.`);
      } catch (err) {
        ctx.status((err as Error).message, 'error');
      }
    }, DEFAULTS.search.debounceMs);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!results.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + results.length) % results.length;
      render();
    } else if (e.key === 'Enter' && results[active]) {
      e.preventDefault();
      void add(results[active]!);
    } else if (e.key === 'Escape') reset();
  });
  input.addEventListener('blur', () => window.setTimeout(reset, 150));

  async function add(r: SearchResult) {
    reset();
    input.value = '';
    // The canvas takes the keyboard at once: Enter expands, arrows move (issue 30: focus stayed here).
    if (document.activeElement === input) byId('cy').focus();
    const out = await ctx.busy(`Adding ${r.name}`, () => api.elements([r.id]));
    if (!out) return;
    canvas.merge(out.elements);
    focusNode(r.id);
  }

  return { focus: () => input.focus(), add: (id: string) => add({ id, name: id } as SearchResult) };
}
