import { api } from './api.js';
import type { Ctx } from './context.js';
import { DEFAULTS } from './defaults.js';
import { append, byId, clear, h } from './dom.js';
import { LABELS, labelOfId, nodeLabel, type NodeLabel, type RelType } from '../../server/graph/model.js';
import { DATED, hopOptions, MAX_STEPS, STATUSES, toCypher, type Pattern, type PatternNode } from './pattern.js';

/**
 * The pattern builder under the console: a start (label, entity by type-ahead, dates, status),
 * then steps the graph model allows from there. It shows the Cypher it makes; "Run" puts that
 * text and its parameters into the console (where they can be edited) and runs it under the
 * console's budgets, drawing the result.
 */
export function mountPatternBuilder(ctx: Ctx, consoleApi: { runText(query: string, params: Record<string, unknown>): Promise<void> }) {
  const host = byId('pattern-builder-body');
  const pattern: Pattern = { nodes: [{ label: 'Agency' }], hops: [] };
  const preview = h('pre', { id: 'pat-cypher', class: 'pattern-cypher' });
  const error = h('div', { id: 'pat-error', class: 'error', role: 'alert' });
  const rows = h('ol', { id: 'pat-steps', class: 'pattern-steps' });

  function update() {
    const bad = pattern.nodes.findIndex((n) => n.id !== undefined && labelOfId(n.id) !== n.label);
    const out = bad >= 0 ? { error: `Step ${bad + 1}: choose a ${LABELS[pattern.nodes[bad]!.label].display.toLowerCase()} from the list.` } : toCypher(pattern);
    error.textContent = 'error' in out ? out.error : '';
    preview.textContent = 'error' in out ? '' : `${out.query}\n\n// parameters: ${JSON.stringify(out.params)}`;
    return out;
  }

  function nodeControls(i: number, n: PatternNode) {
    const entity = h('input', {
      id: `pat-entity-${i}`,
      type: 'search',
      size: '14',
      placeholder: `any ${LABELS[n.label].display.toLowerCase()}`,
      autocomplete: 'off',
    });
    entity.value = n.id ?? '';
    const list = h('datalist', { id: `pat-entity-${i}-list` });
    entity.setAttribute('list', list.id);
    let seq = 0;
    entity.addEventListener('input', () => {
      const q = entity.value.trim();
      n.id = /^[a-z]+:/.test(q) ? q : undefined;
      if (!q) n.id = undefined;
      update();
      if (q.length < 2 || n.id) return;
      const mine = ++seq;
      void api.search(q, DEFAULTS.search.limit, n.label).then(
        (r) => {
          if (mine !== seq) return;
          clear(list);
          for (const x of r.results) list.appendChild(h('option', { value: x.id }, `${x.acronym ? `${x.acronym} — ` : ''}${x.name}`));
        },
        () => undefined,
      );
    });
    const parts: (Node | null)[] = [entity, list];
    if (DATED.has(n.label)) {
      for (const k of ['from', 'to'] as const) {
        const d = h('input', { id: `pat-${k}-${i}`, type: 'text', size: '8', placeholder: k === 'from' ? 'from 2023' : 'to 2023' });
        d.value = n[k] ?? '';
        d.addEventListener('input', () => {
          n[k] = d.value.trim() || undefined;
          update();
        });
        parts.push(d);
      }
    }
    if (n.label === 'Policy') {
      const s = h('select', { id: `pat-status-${i}` }, h('option', { value: '' }, 'draft or final'), ...STATUSES.map((x) => h('option', { value: x }, x)));
      s.value = n.status ?? '';
      s.addEventListener('change', () => {
        n.status = s.value || undefined;
        update();
      });
      parts.push(s);
    }
    return parts;
  }

  function render() {
    clear(rows);
    pattern.nodes.forEach((n, i) => {
      let head: Node;
      if (i === 0) {
        const label = h(
          'select',
          { id: 'pat-label-0', 'aria-label': 'Start from' },
          ...nodeLabel.options.map((l) => h('option', { value: l }, LABELS[l].display)),
        );
        label.value = n.label;
        label.addEventListener('change', () => {
          pattern.nodes = [{ label: label.value as NodeLabel }];
          pattern.hops = [];
          render();
        });
        head = label;
      } else {
        const prev = pattern.nodes[i - 1]!.label;
        const hop = pattern.hops[i - 1]!;
        const select = h(
          'select',
          { id: `pat-hop-${i}`, 'aria-label': `Step ${i + 1}` },
          ...hopOptions(prev).map((o) =>
            h('option', { value: `${o.dir}:${o.type}:${o.to}` }, `${o.dir === 'out' ? `→ ${o.type} →` : `← ${o.type} ←`} ${LABELS[o.to].display}`),
          ),
        );
        select.value = `${hop.dir}:${hop.type}:${n.label}`;
        select.addEventListener('change', () => {
          const [dir, type, to] = select.value.split(':') as ['out' | 'in', RelType, NodeLabel];
          // Later steps depended on this one's label.
          pattern.hops = [...pattern.hops.slice(0, i - 1), { type, dir }];
          pattern.nodes = [...pattern.nodes.slice(0, i), { label: to }];
          render();
        });
        head = select;
      }
      append(rows, h('li', {}, head, ' ', ...nodeControls(i, n)));
    });
    update();
  }

  const add = h('button', { type: 'button', id: 'pat-add' }, '+ step');
  add.addEventListener('click', () => {
    if (pattern.nodes.length >= MAX_STEPS) return ctx.status(`At most ${MAX_STEPS} nodes in a pattern.`);
    const last = pattern.nodes[pattern.nodes.length - 1]!.label;
    const first = hopOptions(last)[0];
    if (!first) return ctx.status(`Nothing in the graph model leads on from ${LABELS[last].plural}.`);
    pattern.hops.push({ type: first.type, dir: first.dir });
    pattern.nodes.push({ label: first.to });
    render();
  });
  const remove = h('button', { type: 'button', id: 'pat-remove' }, '− step');
  remove.addEventListener('click', () => {
    if (pattern.nodes.length < 2) return;
    pattern.nodes.pop();
    pattern.hops.pop();
    render();
  });
  const run = h('button', { type: 'button', id: 'pat-run', class: 'primary' }, 'Run pattern');
  run.addEventListener('click', () => {
    const out = update();
    if ('error' in out) return ctx.status(out.error, 'error');
    void consoleApi.runText(out.query, out.params);
  });
  append(host, rows, h('div', { class: 'pattern-actions' }, add, ' ', remove, ' ', run), error, preview);
  render();
  return { pattern: () => structuredClone(pattern) };
}
