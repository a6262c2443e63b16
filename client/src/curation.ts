import type { z } from 'zod';
import type { correctionListSchema } from '../../server/api/corrections/router.js';
import type { CorrectionRequest } from '../../server/curation/schema.js';
import { api, type NodeDetail } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { DEFAULTS } from './defaults.js';
import { append, byId, clear, h } from './dom.js';
import { shortLabel } from './labels.js';
import { LABEL_STYLE } from './style.js';

export type CorrectionList = z.infer<typeof correctionListSchema>;

/** What a correction changes on the canvas, and what the panel shows next; owned by main.ts's modules. */
export interface CurationHooks {
  showNode(id: string): void;
  reset(note?: string): void;
  show(about: string | undefined, ...content: (Node | null)[]): void;
}

/** Edges whose rejection an analyst calls "wrong sector". */
const SECTOR_EDGES = new Set(['TARGETS', 'ABOUT']);

/**
 * Corrections from the explorer: the details panel's "Merge with…", "Not a company", "Rename",
 * "Wrong sector" and each correction's Undo, and the Corrections panel. Every action is one POST
 * (or DELETE) to /api/corrections; the canvas then shows the corrected graph.
 */
export function mountCuration(ctx: Ctx, canvas: Canvas, hooks: CurationHooks) {
  const cy = canvas.cy;

  async function correct(what: string, request: CorrectionRequest): Promise<boolean> {
    const made = await ctx.busy(what, () => api.correct(request));
    if (made) ctx.status(`${what}: recorded as ${made.correction.id}.`);
    return !!made;
  }

  /** Brings the canvas's relationships up to date (a merge moves edges onto the kept node). */
  async function resync() {
    const ids = canvas.state.nodeIds;
    if (!ids.length) return;
    const out = await api.elements(ids);
    canvas.merge(out.elements);
  }

  function rename(id: string, name: string) {
    const el = cy.getElementById(id);
    if (el.empty()) return;
    el.data('name', name);
    el.data('short', shortLabel({ ...el.data(), name, acronym: undefined }));
  }

  /** A small inline form under the buttons: one text field, a reason, and a confirm button. */
  function form(
    box: HTMLElement,
    opts: { id: string; label: string; value?: string; reason: boolean; confirm: string; onConfirm(value: string, reason: string): Promise<void> },
  ) {
    clear(box);
    const input = h('input', { type: 'text', id: `${opts.id}-input`, value: opts.value ?? '', 'aria-label': opts.label });
    const reason = opts.reason ? h('input', { type: 'text', id: `${opts.id}-reason`, placeholder: 'reason (recommended)', 'aria-label': 'Reason' }) : null;
    const go = h(
      'button',
      { type: 'button', id: `${opts.id}-confirm`, class: 'primary', onclick: () => void opts.onConfirm(input.value.trim(), reason?.value.trim() ?? '') },
      opts.confirm,
    );
    append(box, h('label', {}, opts.label, ' ', input), reason, go, h('button', { type: 'button', onclick: () => clear(box) }, 'Cancel'));
    input.focus();
  }

  async function mergeInto(keep: string, drop: string, name: string, reason: string) {
    if (!(await correct(`Merge ${name}`, { kind: 'merge', keep, drop, ...(reason ? { reason } : {}) }))) return;
    canvas.remove([drop]);
    await resync();
    hooks.showNode(keep);
  }

  /** "Merge with…": type-ahead over nodes of the same label; the chosen one folds into this one. */
  function mergeForm(box: HTMLElement, keep: string, label: string) {
    clear(box);
    const input = h('input', {
      type: 'search',
      id: 'merge-search',
      placeholder: `another ${label.toLowerCase()}…`,
      autocomplete: 'off',
      'aria-label': `Merge with another ${label}`,
    });
    const list = h('ul', { id: 'merge-results', class: 'merge-results' });
    const reason = h('input', { type: 'text', id: 'merge-reason', placeholder: 'reason (recommended)', 'aria-label': 'Reason' });
    let seq = 0;
    let timer: number | undefined;
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      const q = input.value.trim();
      if (!q) return clear(list);
      timer = window.setTimeout(async () => {
        const mine = ++seq;
        const res = await api.search(q, 8, label).catch(() => undefined);
        if (mine !== seq || !res) return;
        clear(list);
        for (const r of res.results.filter((x) => x.id !== keep)) {
          append(
            list,
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'link merge-candidate',
                  'data-id': r.id,
                  onclick: () => confirmMerge(r.id, r.name),
                },
                `${r.name}`,
              ),
              h('span', { class: 'muted' }, ` ${r.id}`),
            ),
          );
        }
        if (!list.childElementCount) append(list, h('li', { class: 'muted' }, `No other ${label.toLowerCase()} matches.`));
      }, DEFAULTS.search.debounceMs);
    });
    // A merge rewrites the graph: a candidate only proposes it; the analyst confirms (issue 30).
    const confirmBox = h('div', { id: 'merge-confirm-box', class: 'confirm', role: 'group' });
    function confirmMerge(drop: string, name: string) {
      clear(confirmBox);
      append(
        confirmBox,
        h('p', {}, `Fold “${name}” (${drop}) into this ${label.toLowerCase()}? Its names, relationships and evidence move here; Corrections can undo it.`),
        h(
          'button',
          { type: 'button', id: 'merge-confirm', class: 'primary', onclick: () => void mergeInto(keep, drop, name, reason.value.trim()) },
          `Merge ${name}`,
        ),
        h('button', { type: 'button', onclick: () => clear(confirmBox) }, 'Cancel'),
      );
      confirmBox.querySelector<HTMLButtonElement>('#merge-confirm')!.focus();
    }
    append(
      box,
      h('p', { class: 'muted' }, 'Pick the one to fold into this node: its names, relationships and evidence move here.'),
      input,
      list,
      confirmBox,
      reason,
      h('button', { type: 'button', onclick: () => clear(box) }, 'Cancel'),
    );
    input.focus();
  }

  /** The tools under a node's details: the correcting actions, then the corrections it already has. */
  function nodeTools(d: NodeDetail): HTMLElement {
    const id = d.node.id;
    const label = d.node.label;
    const name = String(d.node.properties.name ?? d.node.properties.title ?? id);
    const box = h('div', { class: 'curation-form' });
    const article = /^[AEIOU]/.test(label) ? 'an' : 'a';
    const wrap = h(
      'section',
      { class: 'curation' },
      h('h3', {}, 'Correct'),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', id: 'merge-with', onclick: () => mergeForm(box, id, label) }, 'Merge with…'),
        h(
          'button',
          {
            type: 'button',
            id: 'rename',
            onclick: () =>
              form(box, {
                id: 'rename',
                label: 'New name',
                value: name,
                reason: true,
                confirm: 'Rename',
                onConfirm: async (value, reason) => {
                  if (!value || !(await correct(`Rename ${name}`, { kind: 'rename', node: id, name: value, ...(reason ? { reason } : {}) }))) return;
                  rename(id, value);
                  hooks.showNode(id);
                },
              }),
          },
          'Rename',
        ),
        h(
          'button',
          {
            type: 'button',
            id: 'reject-node',
            onclick: () =>
              form(box, {
                id: 'reject',
                label: 'Why',
                reason: false,
                confirm: `Not ${article} ${label.toLowerCase()}`,
                onConfirm: async (why) => {
                  if (!(await correct(`Reject ${name}`, { kind: 'reject', node: id, ...(why ? { reason: why } : {}) }))) return;
                  canvas.remove([id]);
                  hooks.reset(`${name} is rejected: hidden from search, the canvas, paths and reports. The Corrections panel can undo it.`);
                },
              }),
          },
          `Not ${article} ${label.toLowerCase()}`,
        ),
      ),
      box,
    );
    if (d.corrections.length || d.correctionsWarning) {
      append(
        wrap,
        h('h3', {}, 'Corrections'),
        d.correctionsWarning ? h('p', { class: 'error' }, d.correctionsWarning) : null,
        h(
          'ul',
          { class: 'corrections' },
          ...d.corrections.map((c) =>
            h(
              'li',
              { 'data-id': c.id },
              h('span', { class: 'correction-line' }, c.line),
              ' ',
              undoButton(c.id, () => hooks.showNode(id)),
            ),
          ),
        ),
      );
    }
    return wrap;
  }

  /** Under an edge's details: "Wrong sector" for sector links, "Reject relationship" for the rest. */
  function edgeTools(edgeId: string, d: Record<string, unknown>): HTMLElement | null {
    if (typeof d.type !== 'string' || d.correction) return null;
    const what = SECTOR_EDGES.has(d.type) ? 'Wrong sector' : 'Reject relationship';
    const box = h('div', { class: 'curation-form' });
    return h(
      'section',
      { class: 'curation' },
      h('h3', {}, 'Correct'),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            id: 'reject-edge',
            onclick: () =>
              form(box, {
                id: 'reject-edge',
                label: 'Why',
                reason: false,
                confirm: what,
                onConfirm: async (why) => {
                  const request = {
                    kind: 'reject-rel',
                    from: String(d.source),
                    type: d.type,
                    to: String(d.target),
                    ...(typeof d.brief === 'string' ? { brief: d.brief } : {}),
                    ...(why ? { reason: why } : {}),
                  } as CorrectionRequest;
                  if (!(await correct(what, request))) return;
                  cy.getElementById(edgeId).remove();
                  hooks.reset(`${what}: the relationship is rejected. The Corrections panel can undo it.`);
                },
              }),
          },
          what,
        ),
      ),
      box,
    );
  }

  function undoButton(id: string, then: () => void) {
    const undo = async () => {
      const made = await ctx.busy('Undo', () => api.undoCorrection(id));
      if (!made) return;
      ctx.status(`Undone: ${id}.`);
      await resync();
      then();
    };
    return h('button', { type: 'button', class: 'link undo-correction', 'data-id': id, onclick: () => void undo() }, 'Undo');
  }

  /** Every correction in the log, newest first, each with its status and an Undo for those that hold. */
  async function openPanel() {
    const out = await ctx.busy('Corrections', () => api.corrections());
    if (!out) return;
    const rows = [...out.corrections].reverse();
    const count = (status: string) => out.corrections.filter((c) => c.status === status).length;
    hooks.show(
      undefined,
      h('h2', {}, 'Corrections'),
      h(
        'p',
        { class: 'muted' },
        `${count('applied')} in force, ${count('pending')} pending (in the file, not yet in the graph: npm run curate -- apply), ${count('stale')} stale (their target is no longer in the graph). Newest first.`,
      ),
      out.torn ? h('p', { class: 'error' }, `Line ${out.torn.line} of the corrections file is unfinished and ignored.`) : null,
      ...out.problems.map((p) =>
        h(
          'p',
          { class: 'error' },
          `Line ${p.line} of the corrections file is ignored: ${p.problem}. No correction can be made until it is fixed (npm run curate -- check).`,
        ),
      ),
      h(
        'ol',
        { class: 'corrections-list', id: 'corrections-list', reversed: true },
        ...rows.map((l) => {
          const c = l.correction as Record<string, unknown> & { id: string; kind: string; at: string };
          const node = String(c.keep ?? c.node ?? c.from ?? c.target ?? '');
          return h(
            'li',
            { 'data-id': c.id, 'data-status': l.status },
            h('span', { class: `badge status-${l.status}`, style: `background:${LABEL_STYLE.Company?.color ?? '#999'}` }, l.status),
            ' ',
            h('strong', {}, c.kind),
            ' ',
            h(
              'span',
              {},
              describe(c, (id) => out.names[id] ?? id),
            ),
            h(
              'span',
              { class: 'muted' },
              ` — ${c.author ? `${String(c.author)}, ` : ''}${c.at.slice(0, 16).replace('T', ' ')}${c.reason ? `: ${String(c.reason)}` : ''}`,
            ),
            l.detail ? h('span', { class: 'error' }, ` (${l.detail})`) : null,
            l.status === 'applied' || l.status === 'pending' || l.status === 'stale'
              ? h(
                  'span',
                  {},
                  ' ',
                  undoButton(c.id, () => void openPanel()),
                )
              : null,
            node && !node.startsWith('c-') && l.status === 'applied'
              ? h('span', {}, ' · ', h('button', { type: 'button', class: 'link', onclick: () => void showOnCanvas(node) }, 'show'))
              : null,
          );
        }),
      ),
    );
  }

  async function showOnCanvas(id: string) {
    const out = await ctx.busy('Adding', () => api.elements([id]));
    if (!out) return;
    canvas.merge(out.elements);
    hooks.showNode(id);
  }

  byId('corrections-open').addEventListener('click', () => void openPanel());
  return { nodeTools, edgeTools, openPanel };
}

/** A correction in words, nodes by name (`name` falls back to the id of a node no longer there). */
function describe(c: Record<string, unknown>, name: (id: string) => string): string {
  const n = (k: string) => name(String(c[k]));
  switch (c.kind) {
    case 'merge':
      return `${n('drop')} into ${n('keep')}`;
    case 'rename':
    case 'alias':
      return `${n('node')}: “${String(c.name)}”`;
    case 'reject':
      return n('node');
    case 'reject-rel':
    case 'link':
      return `${n('from')} ${String(c.type)} ${n('to')}${c.note ? `: “${String(c.note)}”` : ''}`;
    case 'distinct':
      return `${n('a')} is not ${n('b')}`;
    case 'undo':
      return `of ${String(c.target)}`;
    default:
      return '';
  }
}
