import type { z } from 'zod';
import { api } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { append, byId, clear, h } from './dom.js';
import type { duplicatesSchema } from '../../server/api/duplicates/router.js';

type Candidate = z.infer<typeof duplicatesSchema>['candidates'][number];
type Side = Candidate['a'];
type Panel = { show(about: string | undefined, ...content: (Node | null)[]): void };

const PAGE = 20;

/**
 * The likely-duplicates review queue (GET /api/duplicates): companies first, then agencies and
 * policies, each pair with the evidence for both sides. Merge (after a confirmation naming which
 * one is kept), "Not the same" (a `distinct` correction: never suggested again) or Skip (this
 * session only).
 */
export function mountDuplicates(ctx: Ctx, canvas: Canvas, panel: Panel, after: { merged(keep: string, drop: string): Promise<void> }) {
  const skipped = new Set<string>();
  const key = (c: Candidate) => `${c.a.id}|${c.b.id}`;

  function side(s: Side) {
    return h(
      'div',
      { class: 'dup-side', 'data-id': s.id },
      h('h4', {}, s.name),
      h('div', { class: 'muted' }, s.id),
      s.aliases.length ? h('div', {}, `Also: ${s.aliases.slice(0, 6).join(' · ')}${s.aliases.length > 6 ? ' …' : ''}`) : null,
      s.registry === null ? null : h('div', {}, s.registry ? 'In the registry' : 'Not in the registry (found by a cue)'),
      s.date ? h('div', {}, `Dated ${s.date}`) : null,
      h('div', {}, `${s.news} news item(s)`),
      ...s.examples.map((x) => h('blockquote', { class: 'evidence-text' }, `${x.date ?? ''} ${x.evidence ?? ''}`.trim())),
      h('button', { type: 'button', class: 'link', onclick: () => void show(s.id) }, 'Show on canvas'),
    );
  }

  async function show(id: string) {
    const out = await ctx.busy('Adding', () => api.elements([id]));
    if (out) canvas.merge(out.elements);
  }

  function card(c: Candidate, refresh: () => void) {
    const confirm = h('div', { class: 'confirm dup-confirm' });
    async function merge(keep: Side, drop: Side) {
      const made = await ctx.busy('Merge', () => api.correct({ kind: 'merge', keep: keep.id, drop: drop.id, reason: 'likely duplicate (review queue)' }));
      if (!made) return;
      ctx.status(`Merged ${drop.name} into ${keep.name}: ${made.correction.id}.`);
      await after.merged(keep.id, drop.id);
      refresh();
    }
    async function distinct() {
      const made = await ctx.busy('Not the same', () => api.correct({ kind: 'distinct', a: c.a.id, b: c.b.id }));
      if (!made) return;
      ctx.status(`${c.a.name} and ${c.b.name} are not the same: recorded as ${made.correction.id}; not suggested again.`);
      refresh();
    }
    const ask = (keep: Side, drop: Side) => {
      clear(confirm);
      append(
        confirm,
        h('p', {}, `Fold “${drop.name}” into “${keep.name}”? Its names, relationships and evidence move to ${keep.id}; Corrections can undo it.`),
        h(
          'button',
          {
            type: 'button',
            class: 'primary dup-merge-confirm',
            onclick: () => void merge(keep, drop),
          },
          `Merge into ${keep.name}`,
        ),
        h('button', { type: 'button', onclick: () => clear(confirm) }, 'Cancel'),
      );
    };
    return h(
      'li',
      { class: 'dup', 'data-a': c.a.id, 'data-b': c.b.id, 'data-label': c.label },
      h('div', { class: 'dup-head' }, h('strong', {}, `${c.label}: ${c.a.name} / ${c.b.name}`), h('span', { class: 'muted' }, ` score ${c.score.toFixed(2)}`)),
      h('ul', { class: 'dup-reasons' }, ...c.reasons.map((r) => h('li', {}, r))),
      h('div', { class: 'dup-sides' }, side(c.a), side(c.b)),
      h(
        'div',
        { class: 'dup-actions' },
        h('button', { type: 'button', class: 'dup-keep-a', onclick: () => ask(c.a, c.b) }, `Merge, keep ${c.a.name}`),
        h('button', { type: 'button', class: 'dup-keep-b', onclick: () => ask(c.b, c.a) }, `Merge, keep ${c.b.name}`),
        h(
          'button',
          {
            type: 'button',
            class: 'dup-distinct',
            onclick: () => void distinct(),
          },
          'Not the same',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'dup-skip',
            onclick: () => {
              skipped.add(key(c));
              refresh();
            },
          },
          'Skip',
        ),
      ),
      confirm,
    );
  }

  async function open(offset = 0) {
    const out = await ctx.busy('Likely duplicates', () => api.duplicates(offset, PAGE + skipped.size));
    if (!out) return;
    const shown = out.candidates.filter((c) => !skipped.has(key(c))).slice(0, PAGE);
    const list = h('ol', { id: 'duplicates-list', class: 'duplicates' }, ...shown.map((c) => card(c, () => void open(offset))));
    panel.show(
      undefined,
      h('h2', {}, 'Likely duplicates'),
      h(
        'p',
        { class: 'muted' },
        `${out.total} pair(s) to review, companies first, then agencies and policies; best first. Ranked by name similarity, shared names, news naming both and registry hints. “Not the same” is remembered (a correction) and never suggested again; Skip only for now.`,
      ),
      list,
      out.total > offset + PAGE ? h('button', { type: 'button', id: 'duplicates-more', onclick: () => void open(offset + PAGE) }, 'Next pairs') : null,
    );
  }

  byId('duplicates-open').addEventListener('click', () => void open());
  return { open };
}
