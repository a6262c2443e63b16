import type { Collection, SingularElementArgument } from 'cytoscape';
import { api } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { append, byId, clear, h } from './dom.js';
import { styleNow } from './styleNow.js';
import { styleRuleSchema, RULE_ACTIONS, RULE_OPS, RULE_SHAPES } from '../../server/api/views/style.js';
import { LABELS, relType } from '../../server/graph/model.js';
import { describeRule, FIELDS, isWeakEdge, looks, MEASURES, needsMeasures, PRESETS, presetOf, type StyleRule, type Subject } from './styleRules.js';
import { formatIssues } from '../../server/issues.js';

/** Rule data on canvas elements (style.ts maps them to colour, size, shape and label). */
const RULE_DATA = ['rs_color', 'rs_size', 'rs_shape', 'rs_label'] as const;

/**
 * The style and filter panel: presets as ticked boxes, a form for any rule, the list of rules in
 * force. Rules apply to everything on the canvas and to what arrives later; hiding never moves
 * a node, so a view keeps its layout. Saved views store the rules (views.ts).
 */
export function mountStylePanel(ctx: Ctx, canvas: Canvas) {
  const cy = canvas.cy;
  const host = byId('style-panel');
  let rules: StyleRule[] = [];
  /** Ids whose measures were asked for already (unknown ids are not asked again). */
  const measured = new Set<string>();

  function subjects(): Subject[] {
    const out: Subject[] = [];
    cy.nodes().forEach((n) => {
      out.push({ id: n.id(), on: 'node', label: String(n.data('label')), data: n.data() as Record<string, unknown> });
    });
    cy.edges().forEach((e) => {
      if (e.hasClass('group-edge')) return;
      const weak = isWeakEdge(String(e.source().data('label')), String(e.target().data('label')));
      out.push({ id: e.id(), on: 'edge', label: String(e.data('type')), data: { ...(e.data() as Record<string, unknown>), weak } });
    });
    return out;
  }

  function paint() {
    const l = looks(rules, subjects());
    cy.batch(() => {
      cy.elements().forEach((el: SingularElementArgument) => {
        const look = l.get(el.id());
        const want: Record<(typeof RULE_DATA)[number], unknown> = { rs_color: look?.color, rs_size: look?.size, rs_shape: look?.shape, rs_label: look?.label };
        for (const k of RULE_DATA) {
          if (want[k] === undefined) {
            if (el.data(k) !== undefined) el.removeData(k);
          } else if (el.data(k) !== want[k]) el.data(k, want[k]);
        }
        el.toggleClass('rule-hidden', !!look?.hidden);
      });
    });
    styleNow(cy.elements());
    ctx.bus.emit('style', { rules: [...rules], hidden: cy.nodes('.rule-hidden').length });
  }

  /** Fetches the whole-graph measures of nodes that lack them, when a rule needs them. */
  async function measure() {
    if (!needsMeasures(rules)) return;
    const ids = cy
      .nodes()
      .filter((n) => !n.hasClass('group') && !measured.has(n.id()))
      .map((n) => n.id());
    for (let i = 0; i < ids.length; i += 2000) {
      const chunk = ids.slice(i, i + 2000);
      chunk.forEach((id) => measured.add(id));
      const out = await ctx.busy('Counting', () => api.measures(chunk));
      if (!out) return;
      cy.batch(() => {
        for (const [id, m] of Object.entries(out.measures)) {
          const n = cy.getElementById(id);
          for (const k of MEASURES) n.data(k, m[k]);
        }
      });
    }
    paint();
  }

  function refresh() {
    paint();
    void measure();
  }

  function set(next: StyleRule[]) {
    rules = [...next];
    render();
    refresh();
  }

  ctx.bus.on('change', refresh);

  // ---- the panel ----
  const presetBoxes = new Map<string, HTMLInputElement>();
  const presetList = h('div', { class: 'presets' });
  for (const [key, p] of Object.entries(PRESETS)) {
    const box = h('input', { type: 'checkbox', id: `preset-${key}`, 'data-preset': key });
    box.addEventListener('change', () => {
      const on = box.checked;
      const rest = rules.filter((r) => presetOf(r) !== key);
      set(on ? [...rest, p.rule] : rest);
    });
    presetBoxes.set(key, box);
    append(presetList, h('label', { class: 'preset' }, box, ` ${p.title}`));
  }

  const sel = (id: string, options: [string, string][]) => {
    const s = h('select', { id });
    for (const [v, t] of options) s.appendChild(h('option', { value: v }, t));
    return s;
  };
  const onSel = sel('rule-on', [
    ['node', 'nodes'],
    ['edge', 'links'],
  ]);
  const labelSel = sel('rule-label', []);
  const fillLabels = () => {
    clear(labelSel);
    labelSel.appendChild(h('option', { value: '' }, 'any'));
    const opts = onSel.value === 'node' ? Object.keys(LABELS) : relType.options;
    for (const o of opts) labelSel.appendChild(h('option', { value: o }, o));
  };
  onSel.addEventListener('change', fillLabels);
  fillLabels();
  const fieldSel = sel(
    'rule-field',
    Object.entries(FIELDS).map(([k, v]) => [k, v]),
  );
  const opSel = sel(
    'rule-op',
    RULE_OPS.map((o) => [o, o === 'any' ? 'any value' : o]),
  );
  const valueIn = h('input', { id: 'rule-value', type: 'text', size: '8', placeholder: 'value' });
  const actionSel = sel(
    'rule-action',
    RULE_ACTIONS.map((a) => [a, a === 'color' ? 'colour' : a]),
  );
  const argIn = h('input', { id: 'rule-arg', type: 'text', size: '8', placeholder: '#e53e3e' });
  const hint: Record<string, string> = { color: '#e53e3e', size: '48 or by:policiesLed', shape: RULE_SHAPES.join('|'), label: 'name', hide: '' };
  actionSel.addEventListener('change', () => {
    argIn.placeholder = hint[actionSel.value] ?? '';
    argIn.disabled = actionSel.value === 'hide';
  });
  const nameIn = h('input', { id: 'rule-name', type: 'text', size: '12', placeholder: 'legend text (optional)' });
  const error = h('div', { class: 'error', role: 'alert', id: 'rule-error' });
  const add = h('button', { type: 'button', id: 'rule-add' }, 'Add rule');
  add.addEventListener('click', () => {
    const candidate = {
      on: onSel.value,
      ...(labelSel.value ? { label: labelSel.value } : {}),
      field: fieldSel.value,
      op: opSel.value,
      ...(valueIn.value.trim() ? { value: valueIn.value.trim() } : {}),
      action: actionSel.value,
      ...(argIn.value.trim() && actionSel.value !== 'hide' ? { arg: argIn.value.trim() } : {}),
      ...(nameIn.value.trim() ? { name: nameIn.value.trim() } : {}),
    };
    const r = styleRuleSchema.safeParse(candidate);
    if (!r.success) {
      error.textContent = `Rule not added: ${formatIssues(r.error.issues)}`;
      return;
    }
    error.textContent = '';
    set([...rules, r.data]);
  });
  const list = h('ol', { id: 'style-rules', class: 'style-rules' });

  function render() {
    for (const [key, box] of presetBoxes) box.checked = rules.some((r) => presetOf(r) === key);
    clear(list);
    rules.forEach((r, i) =>
      append(
        list,
        h(
          'li',
          {},
          describeRule(r),
          ' ',
          h('button', { type: 'button', class: 'link rule-remove', title: 'Remove this rule', onclick: () => set(rules.filter((_, j) => j !== i)) }, '✕'),
        ),
      ),
    );
  }

  append(
    host,
    presetList,
    h(
      'details',
      { id: 'rule-form' },
      h('summary', {}, 'Rule on any property…'),
      h('label', {}, 'On ', onSel, ' ', labelSel),
      h('label', {}, 'where ', fieldSel),
      h('label', {}, opSel, ' ', valueIn),
      h('label', {}, 'then ', actionSel, ' ', argIn),
      nameIn,
      add,
      error,
    ),
    list,
  );

  return { current: () => [...rules], set, hiddenBy: (els: Collection) => els.filter('.rule-hidden') };
}
