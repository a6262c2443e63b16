import type { Ctx } from './context.js';
import { append, clear, h, showDialogError } from './dom.js';
import { followApi, type Comparison } from './followApi.js';
import { COMPARED_COUNTS as COUNTS } from '../../server/compare/figures.js';

const COMPARABLE = /^(agency|sector|company):/;
const LISTS = [
  ['agencies', 'Co-issuers and agencies'],
  ['sectors', 'Sectors'],
  ['companies', 'Companies'],
] as const;

type Cell = { count: number; citation: { evidence: string; briefTitle: string | null; brief: string; line: number | null } | null };

/**
 * "Compare" in the controls: two to four selected agencies, sectors or companies side by side in a
 * dialog (GET /api/trends/compare): counts, their trends on one chart, shared and distinct
 * neighbours. Each cell opens its node and shows the sentence behind it.
 */
export function mountCompare(ctx: Ctx, start: (id: string) => void) {
  const dialog = h('dialog', { id: 'compare', class: 'follow-dialog wide' });
  document.body.append(dialog);
  const evidence = h('output', { class: 'evidence' });
  const button = h(
    'button',
    { type: 'button', id: 'compare-open', title: 'Select 2 to 4 agencies, sectors or companies (Shift-click), then compare them' },
    'Compare selected',
  );
  const box = h('fieldset', {}, h('legend', {}, 'Compare'), button);
  document.getElementById('controls')?.append(box);

  const cell = (id: string, c: Cell | undefined) => {
    if (!c) return h('td', { class: 'muted' }, '–');
    const say = c.citation
      ? `“${c.citation.evidence}” — ${c.citation.briefTitle ?? c.citation.brief}${c.citation.line ? `, line ${c.citation.line}` : ''}`
      : '';
    return h(
      'td',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          title: say,
          onclick: () => {
            evidence.textContent = say;
            start(id);
          },
        },
        String(c.count),
      ),
    );
  };

  function render(c: Comparison, chart: string) {
    clear(dialog);
    const head = h(
      'tr',
      {},
      h('th', {}),
      ...c.entities.map((e) => h('th', {}, h('button', { type: 'button', class: 'link', onclick: () => start(e.id) }, e.name))),
    );
    append(
      dialog,
      h('h2', {}, `Compare: ${c.entities.map((e) => e.name).join(' · ')}`),
      h(
        'table',
        { class: 'compare' },
        h('thead', {}, head),
        h(
          'tbody',
          {},
          ...COUNTS.map(([k, label]) =>
            h(
              'tr',
              {},
              h('th', {}, label),
              ...c.entities.map((e) => cell(e.id, { count: e.counts[k], citation: k === 'policies' || k === 'news' ? e.newest : null })),
            ),
          ),
        ),
      ),
      h('img', { class: 'compare-chart', src: chart, alt: 'Policies per quarter, one line per entity' }),
      evidence,
    );
    for (const [k, title] of LISTS) {
      const rows = [...c[k].shared, ...c.entities.flatMap((e) => c[k].distinct[e.id]?.slice(0, 5) ?? [])];
      append(
        dialog,
        h('h3', {}, `${title}: ${c[k].shared.length} shared`),
        rows.length
          ? h(
              'table',
              { class: 'compare' },
              h('thead', {}, head.cloneNode(true)),
              h(
                'tbody',
                {},
                ...rows.map((r) =>
                  h('tr', { class: Object.keys(r.by).length > 1 ? 'shared' : '' }, h('th', {}, r.name), ...c.entities.map((e) => cell(r.id, r.by[e.id]))),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'None.'),
      );
    }
    append(dialog, h('p', { class: 'muted' }, c.note), h('menu', {}, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')));
  }

  async function open(ids: string[]) {
    clear(dialog);
    append(dialog, h('p', { class: 'muted' }, 'Comparing…'));
    if (!dialog.open) dialog.showModal();
    try {
      const [c, chart] = await Promise.all([followApi.compare(ids), followApi.compareChart(ids)]);
      render(c, chart);
    } catch (err) {
      showDialogError(dialog, err);
    }
  }

  button.addEventListener('click', () => {
    const ids = ctx.cy
      .nodes(':selected')
      .map((n) => n.id())
      .filter((id) => COMPARABLE.test(id));
    if (ids.length < 2 || ids.length > 4) {
      ctx.status(`Select 2 to 4 agencies, sectors or companies to compare (Shift-click); ${ids.length} selected.`);
      return;
    }
    void open(ids);
  });
  return { open };
}
