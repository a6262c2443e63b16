import { api, type ApiError, type CypherResult, type SavedQuery } from './api.js';
import type { Canvas } from './canvas.js';
import { append, byId, clear, h } from './dom.js';

/** The read-only Cypher console: saved queries, results onto the canvas or as a table. */
export function mountConsole(canvas: Canvas) {
  const queryEl = byId<HTMLTextAreaElement>('query');
  const savedEl = byId<HTMLSelectElement>('saved');
  const asTable = byId<HTMLInputElement>('as-table');
  const errorEl = byId('console-error');
  const statusEl = byId('console-status');
  const tableWrap = byId('table-wrap');
  let saved: SavedQuery[] = [];

  void api
    .queries()
    .then((r) => {
      saved = r.queries;
      for (const q of saved) savedEl.appendChild(h('option', { value: q.name, title: q.description }, q.title));
    })
    .catch((err: Error) => (errorEl.textContent = `Saved queries unavailable: ${err.message}`));

  savedEl.addEventListener('change', () => {
    const q = saved.find((x) => x.name === savedEl.value);
    if (q) queryEl.value = `// ${q.title}${q.params.length ? `\n// params: ${q.params.map((p) => `$${p.name} (default ${String(p.default ?? '—')})`).join(', ')}` : ''}\n${q.cypher}`;
  });

  async function run() {
    errorEl.textContent = '';
    statusEl.textContent = 'Running…';
    const q = saved.find((x) => x.name === savedEl.value);
    const text = queryEl.value;
    const useSaved = q && text.endsWith(q.cypher);
    try {
      const res = useSaved ? await api.runQuery(q.name) : await api.cypher(text.replace(/^\s*\/\/.*$/gm, '').trim());
      statusEl.textContent = `${res.rows.length} row(s)${res.truncated ? ` (capped at ${res.rowLimit})` : ''} in ${res.ms} ms`;
      show(res);
    } catch (err) {
      statusEl.textContent = '';
      const pos = (err as ApiError).details as { position?: { line: number; column: number } } | undefined;
      errorEl.textContent = `${(err as Error).message}${pos?.position ? ` (line ${pos.position.line}, column ${pos.position.column})` : ''}`;
    }
  }

  function show(res: CypherResult) {
    clear(tableWrap);
    if (res.elements && !asTable.checked) {
      canvas.merge(res.elements);
      return;
    }
    const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    append(
      tableWrap,
      h('table', {}, h('thead', {}, h('tr', {}, ...res.columns.map((c) => h('th', {}, c)))), h('tbody', {}, ...res.rows.map((r) => h('tr', {}, ...r.map((v) => h('td', {}, cell(v))))))),
    );
    if (!res.rows.length) append(tableWrap, h('p', { class: 'muted' }, 'No rows.'));
  }

  byId('run').addEventListener('click', () => void run());
  queryEl.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  });
}
