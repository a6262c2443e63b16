import { api, type ApiError, type CypherResult, type SavedQuery } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { cellText, graphCell, parseParams, toCsv } from './csv.js';
import { DEFAULTS } from './defaults.js';
import { append, byId, clear, download, h } from './dom.js';

type SavedParam = SavedQuery['params'][number];
/** A saved query and the values in its form, as kept in the URL. */
export interface QueryRef {
  name: string;
  params: Record<string, string>;
}

/**
 * The read-only Cypher console. Saved queries show a form (one field per declared parameter,
 * type-ahead for entity parameters) and keep their values in the URL; ad-hoc queries take
 * parameters as JSON or key=value lines. Results go onto the canvas (with the relationships
 * among returned nodes, fetched by the server) and, when they hold more than graph values, into
 * a table whose nodes and relationships are chips; the table downloads as CSV.
 */
export function mountConsole(ctx: Ctx, canvas: Canvas, focusNode: (id: string) => void) {
  const queryEl = byId<HTMLTextAreaElement>('query');
  const savedEl = byId<HTMLSelectElement>('saved');
  const formEl = byId('query-form');
  const paramsEl = byId<HTMLTextAreaElement>('query-params');
  const asTable = byId<HTMLInputElement>('as-table');
  const errorEl = byId('console-error');
  const statusEl = byId('console-status');
  const tableWrap = byId('table-wrap');
  const csvButton = byId<HTMLButtonElement>('download-csv');
  let saved: SavedQuery[] = [];
  let last: CypherResult | undefined;

  const loaded = api
    .queries()
    .then((r) => {
      saved = r.queries;
      for (const q of saved) savedEl.appendChild(h('option', { value: q.name, title: q.description }, q.title));
    })
    .catch((err: Error) => void (errorEl.textContent = `Saved queries unavailable: ${err.message}`));

  const selected = () => saved.find((x) => x.name === savedEl.value);

  function field(p: SavedParam, value: string) {
    const input = h('input', { id: `param-${p.name}`, name: p.name, value, placeholder: String(p.default ?? ''), autocomplete: 'off', size: '18' });
    if (p.type === 'entity') {
      // Type-ahead among nodes of the declared label; the value becomes the chosen node's id.
      const list = h('datalist', { id: `param-${p.name}-list` });
      input.setAttribute('list', list.id);
      let seq = 0;
      input.addEventListener('input', () => {
        const q = input.value.trim();
        if (q.length < 2 || /^[a-z]+:/.test(q)) return;
        const mine = ++seq;
        void api.search(q, DEFAULTS.search.limit, p.label).then(
          (r) => {
            if (mine !== seq) return;
            clear(list);
            for (const x of r.results) list.appendChild(h('option', { value: x.id }, `${x.acronym ? `${x.acronym} — ` : ''}${x.name}`));
          },
          () => undefined,
        );
      });
      input.addEventListener('change', () => ctx.bus.emit('query', {}));
      return h('label', { title: p.description }, `${p.name} `, input, list, h('span', { class: 'muted' }, ` ${p.label}`));
    }
    input.addEventListener('change', () => ctx.bus.emit('query', {}));
    if (p.type === 'date') input.setAttribute('pattern', '\\d{4}-\\d{2}-\\d{2}');
    return h('label', { title: p.description }, `${p.name} `, input, h('span', { class: 'muted' }, ` ${p.type}`));
  }

  function showForm(q: SavedQuery | undefined, values: Record<string, string> = {}) {
    clear(formEl);
    formEl.hidden = !q?.params.length;
    if (!q) return;
    queryEl.value = `// ${q.title}: ${q.description}\n${q.cypher}`;
    for (const p of q.params) formEl.appendChild(field(p, values[p.name] ?? String(p.default ?? '')));
  }

  function formValues(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const input of formEl.querySelectorAll('input')) if (input.value.trim()) out[input.name] = input.value.trim();
    return out;
  }

  savedEl.addEventListener('change', () => {
    showForm(selected());
    ctx.bus.emit('query', {});
  });

  /** The saved query and its form values, for the URL; undefined for ad-hoc text. */
  function current(): QueryRef | undefined {
    const q = selected();
    return q && queryEl.value.endsWith(q.cypher) ? { name: q.name, params: formValues() } : undefined;
  }

  /** Opens a saved query from a link, fills its form, and runs it (unless a stored view draws the canvas). */
  async function open(ref: QueryRef, runIt = true) {
    await loaded;
    const q = saved.find((x) => x.name === ref.name);
    if (!q) return ctx.status(`The link names a saved query that does not exist: ${ref.name}`, 'error');
    savedEl.value = q.name;
    showForm(q, ref.params);
    if (runIt) await run();
  }

  function showError(message: string) {
    last = undefined;
    csvButton.hidden = true;
    clear(tableWrap);
    errorEl.textContent = message;
  }

  async function run() {
    errorEl.textContent = '';
    statusEl.textContent = 'Running…';
    const ref = current();
    ctx.bus.emit('query', {});
    try {
      let res: CypherResult;
      const q = selected();
      // Form text → typed values; the server validates them against the header.
      const typed = q
        ? Object.fromEntries(
            Object.entries(formValues()).map(([k, v]) => [k, ['integer', 'number'].includes(q.params.find((p) => p.name === k)?.type ?? '') ? Number(v) : v]),
          )
        : {};
      if (ref) res = await api.runQuery(ref.name, typed);
      // An edited saved query runs as ad-hoc text, still with its form's values.
      else res = await api.cypher(queryEl.value.replace(/^\s*\/\/.*$/gm, '').trim(), { ...typed, ...parseParams(paramsEl.value) });
      statusEl.textContent = `${res.rows.length} row(s)${res.truncated ? ` (capped at ${res.rowLimit})` : ''}${res.linksCapped ? `; relationships among them capped at ${res.linksCapped}` : ''} in ${res.ms} ms`;
      show(res);
    } catch (err) {
      statusEl.textContent = '';
      const pos = (err as ApiError).details as { position?: { line: number; column: number } } | undefined;
      showError(`${(err as Error).message}${pos?.position ? ` (line ${pos.position.line}, column ${pos.position.column})` : ''}`);
    }
  }

  function chip(v: unknown): Node | string {
    const g = graphCell(v);
    if (!g) return Array.isArray(v) ? h('span', {}, ...v.flatMap((x, i) => [i ? ', ' : '', chip(x)])) : String(cellText(v) ?? '');
    if (g.kind === 'node')
      return h(
        'button',
        { type: 'button', class: 'chip', title: `${g.id}: add to the canvas and show details`, onclick: () => void addNodes([g.id], g.id) },
        h('b', {}, g.label),
        ` ${g.name}`,
      );
    if (g.kind === 'rel')
      return h('button', { type: 'button', class: 'chip rel', title: 'Select on the canvas and show details', onclick: () => selectEdge(g.id) }, `:${g.type}`);
    return h(
      'button',
      { type: 'button', class: 'chip', title: 'Add the path to the canvas', onclick: () => void addNodes(g.nodes, g.nodes[0]) },
      `path, ${g.nodes.length} nodes`,
    );
  }

  async function addNodes(ids: string[], focus?: string) {
    const out = await ctx.busy('Adding to the canvas', () => api.elements(ids));
    if (!out) return;
    canvas.merge(out.elements);
    if (focus) focusNode(focus);
  }

  function selectEdge(id: string) {
    const e = canvas.cy.getElementById(id);
    if (e.empty()) return ctx.status('That relationship is not on the canvas; run the query without "show as table" to draw it.');
    canvas.cy.elements().unselect();
    e.select();
    e.emit('tap');
  }

  function show(res: CypherResult) {
    last = res;
    clear(tableWrap);
    if (res.elements && !asTable.checked) canvas.merge(res.elements);
    // A table when asked for, when there is no graph, or when some column holds more than graph values.
    const scalarColumns = res.columns.filter((_, i) =>
      res.rows.some((r) => r[i] !== null && !graphCell(r[i]) && !(Array.isArray(r[i]) && (r[i] as unknown[]).every((x) => graphCell(x)))),
    );
    const wantTable = asTable.checked || !res.elements || scalarColumns.length > 0;
    csvButton.hidden = !res.rows.length;
    if (!wantTable) return;
    append(
      tableWrap,
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...res.columns.map((c) => h('th', {}, c)))),
        h('tbody', {}, ...res.rows.map((r) => h('tr', {}, ...r.map((v) => h('td', {}, chip(v)))))),
      ),
    );
    if (!res.rows.length) append(tableWrap, h('p', { class: 'muted' }, 'No rows.'));
  }

  csvButton.addEventListener('click', () => {
    if (!last) return;
    download(
      `${current()?.name ?? 'query'}.csv`,
      new Blob(
        [
          toCsv(
            last.columns,
            last.rows.map((r) => r.map(cellText)),
          ),
        ],
        { type: 'text/csv' },
      ),
    );
  });
  byId('run').addEventListener('click', () => void run());
  for (const el of [queryEl, paramsEl])
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void run();
      }
    });
  formEl.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void run();
    }
  });
  /** Runs ad-hoc text with its parameters (the pattern builder's), shown here to read and edit. */
  async function runText(text: string, params: Record<string, unknown>) {
    savedEl.value = '';
    showForm(undefined);
    queryEl.value = text;
    paramsEl.value = JSON.stringify(params);
    byId<HTMLDetailsElement>('adhoc-params').open = true;
    await run();
  }

  return { current, open, run, runText };
}
