import cytoscape, { type Core } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { api, ApiError, type CypherResult, type Elements, type SavedQuery, type SearchResult } from './api.js';
import { append, byId, clear, h } from './dom.js';
import { inDateRange } from './filters.js';
import { ViewState, type Change } from './state.js';
import { LABEL_STYLE, stylesheet } from './style.js';
import { decodeView, encodeView } from './url.js';
import './styles.css';

cytoscape.use(fcose);

const REL_TYPES = ['ISSUED_BY', 'TARGETS', 'HAS_TARGET', 'MENTIONED_IN', 'INVOLVES', 'ABOUT', 'CITES', 'LOCATED_IN', 'COVERS', 'REPORTS'];
const LABELS = Object.keys(LABEL_STYLE);

const state = new ViewState();
const filter: { from?: string; to?: string } = {};
const pathEnds: { from?: string; to?: string } = {};

const cy: Core = cytoscape({ container: byId('cy'), style: stylesheet(), minZoom: 0.1, maxZoom: 3 });
// A handle for the end-to-end test and for analysts poking at the console.
(window as unknown as { policyGraph: unknown }).policyGraph = { cy, state };

// ---------- status, loading and errors ----------
const statusEl = byId('status');
function status(message: string, kind: 'info' | 'error' | 'busy' = 'info') {
  statusEl.textContent = message;
  statusEl.className = kind;
}
async function busy<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
  status(`${what}…`, 'busy');
  try {
    const out = await work();
    status('');
    return out;
  } catch (err) {
    status(err instanceof ApiError ? err.message : `${what} failed: ${(err as Error).message}`, 'error');
    return undefined;
  }
}

// ---------- canvas ----------
const short = (d: Record<string, unknown>) => {
  const s = String(d.acronym || d.name || d.id);
  return s.length > 40 ? `${s.slice(0, 38)}…` : s;
};

function apply(change: Change, around?: string) {
  cy.batch(() => {
    for (const id of [...change.removed.edges, ...change.removed.nodes]) cy.getElementById(id).remove();
    const parent = around ? cy.getElementById(around) : undefined;
    const center = parent?.nonempty() ? parent.position() : { x: cy.width() / 2, y: cy.height() / 2 };
    const n = change.added.nodes.length;
    change.added.nodes.forEach((node, i) => {
      // New nodes start on a ring around their parent, so the layout only settles them.
      const angle = (2 * Math.PI * i) / Math.max(1, n);
      const r = 80 + 6 * Math.sqrt(n);
      cy.add({ group: 'nodes', data: { ...node.data, short: short(node.data) }, position: { x: center.x + r * Math.cos(angle), y: center.y + r * Math.sin(angle) } });
    });
    for (const e of change.added.edges) if (cy.getElementById(e.data.id).empty()) cy.add({ group: 'edges', data: e.data });
    cy.nodes().forEach((node) => {
      node.data('degree', node.degree(false));
    });
  });
  applyDateFilter();
  byId('empty').hidden = state.nodeIds.length > 0;
  const fresh = change.added.nodes.map((x) => x.data.id);
  if (fresh.length) layout(fresh);
  writeUrl();
}

function layout(fresh: string[]) {
  const all = cy.nodes(':visible');
  if (all.length < 2) {
    cy.zoom(1);
    cy.center();
    return;
  }
  const freshSet = new Set(fresh);
  const fixed = all.filter((n) => !freshSet.has(n.id())).map((n) => ({ nodeId: n.id(), position: { ...(n as cytoscape.NodeSingular).position() } }));
  const firstTime = fixed.length === 0;
  cy.layout({
    name: 'fcose',
    randomize: firstTime,
    animate: !firstTime && all.length < 400,
    animationDuration: 400,
    fit: firstTime,
    padding: 40,
    nodeRepulsion: () => 6000,
    idealEdgeLength: () => 90,
    // Existing nodes stay where the analyst left them.
    ...(firstTime ? {} : { fixedNodeConstraint: fixed }),
    eles: cy.elements(':visible'),
    stop: () => {
      // Zoom out only if new nodes landed outside the view.
      const ext = cy.extent();
      const outside = fresh.some((id) => {
        const p = cy.getElementById(id).position();
        return p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2;
      });
      if (!firstTime && outside) cy.animate({ fit: { eles: cy.elements(':visible'), padding: 40 }, duration: 300 });
    },
  } as cytoscape.LayoutOptions).run();
}

function merge(elements: Elements, around?: string): Change {
  const change = state.merge(elements);
  apply(change, around);
  return change;
}

function applyDateFilter() {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      n.toggleClass('hidden', !inDateRange(n.data('date'), filter.from, filter.to));
    });
  });
}

// ---------- search ----------
const searchInput = byId<HTMLInputElement>('search');
const resultsEl = byId<HTMLUListElement>('search-results');
let searchSeq = 0;
let results: SearchResult[] = [];
let active = -1;

function renderResults() {
  clear(resultsEl);
  results.forEach((r, i) => {
    const li = h(
      'li',
      { role: 'option', class: `search-result${i === active ? ' active' : ''}`, 'aria-selected': String(i === active), 'data-id': r.id, onmousedown: (e) => (e.preventDefault(), void addFromSearch(r)) },
      h('span', { class: 'badge', style: `background:${LABEL_STYLE[r.label]?.color ?? '#999'}` }, r.label),
      ' ',
      r.acronym ? `${r.acronym} — ` : '',
      r.name,
      r.nameZh ? h('span', { class: 'muted' }, ` ${r.nameZh}`) : null,
      r.date ? h('span', { class: 'muted' }, ` ${r.date}`) : null,
    );
    resultsEl.appendChild(li);
  });
  resultsEl.hidden = results.length === 0;
}

let searchTimer: number | undefined;
searchInput.addEventListener('input', () => {
  window.clearTimeout(searchTimer);
  const q = searchInput.value.trim();
  if (!q) {
    results = [];
    renderResults();
    return;
  }
  searchTimer = window.setTimeout(async () => {
    const seq = ++searchSeq;
    try {
      const res = await api.search(q, 12);
      if (seq !== searchSeq) return; // a newer keystroke won
      results = res.results;
      active = results.length ? 0 : -1;
      renderResults();
      if (!results.length) status(`Nothing matches “${q}”.`);
      else status('');
    } catch (err) {
      status((err as Error).message, 'error');
    }
  }, 150);
});
searchInput.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    if (!results.length) return;
    active = (active + (e.key === 'ArrowDown' ? 1 : -1) + results.length) % results.length;
    renderResults();
  } else if (e.key === 'Enter' && results[active]) {
    e.preventDefault();
    void addFromSearch(results[active]!);
  } else if (e.key === 'Escape') {
    results = [];
    renderResults();
  }
});
searchInput.addEventListener('blur', () => window.setTimeout(() => ((results = []), renderResults()), 150));

async function addFromSearch(r: SearchResult) {
  results = [];
  renderResults();
  searchInput.value = '';
  const out = await busy(`Adding ${r.name}`, () => api.elements([r.id]));
  if (!out) return;
  merge(out.elements);
  select(r.id);
}

// ---------- selection, details ----------
const details = byId('details');

function select(id: string) {
  cy.elements().unselect();
  const el = cy.getElementById(id);
  el.select();
  if (el.isNode()) void showNode(id);
}

const SHOWN: Record<string, string[]> = {
  Policy: ['title', 'titleZh', 'date', 'status', 'heading', 'summary', 'keyPoints', 'targets', 'issuerText', 'issuerCountStated'],
  Agency: ['acronym', 'name', 'nameZh', 'type', 'parent', 'aliases', 'resolved'],
  Company: ['name', 'aliases'],
  Sector: ['name'],
  NewsItem: ['date', 'kind', 'text', 'sources'],
  Target: ['text', 'values', 'year'],
  // The heading shows the title; the file name tells apart two briefs with the same title.
  Brief: ['source', 'date', 'topics', 'authors'],
  Outlet: ['name'],
  Place: ['name'],
};

function propList(props: Record<string, unknown>, keys: string[]) {
  const dl = h('dl');
  for (const k of keys) {
    const v = props[k];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    append(dl, h('dt', {}, k), h('dd', {}, Array.isArray(v) ? v.join(' · ') : String(v)));
  }
  return dl;
}

async function showNode(id: string) {
  clear(details);
  append(details, h('p', { class: 'muted' }, 'Loading…'));
  let d;
  try {
    d = await api.node(id);
  } catch (err) {
    clear(details);
    append(details, h('p', { class: 'error' }, (err as Error).message));
    return;
  }
  if (!cy.getElementById(id).selected()) return; // selection moved on while loading
  clear(details);
  const label = d.node.label;
  const p = d.node.properties;
  append(
    details,
    h('h2', {}, h('span', { class: 'badge', style: `background:${LABEL_STYLE[label]?.color ?? '#999'}` }, label), ' ', String(p.acronym || p.name || p.title || id)),
    p.titleZh ? h('p', { class: 'zh' }, String(p.titleZh)) : null,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => void expand(id) }, 'Expand'),
      h('button', { type: 'button', onclick: () => apply(state.remove([id])) }, 'Remove'),
      h('button', { type: 'button', onclick: () => setPathEnd('from', id) }, 'Path from here'),
      h('button', { type: 'button', onclick: () => setPathEnd('to', id) }, 'Path to here'),
      label === 'Agency' || label === 'Company'
        ? h('a', { class: 'button', id: 'report-link', href: `/api/reports/${label.toLowerCase()}/${encodeURIComponent(id)}?format=html`, target: '_blank', rel: 'noopener' }, 'Report')
        : null,
    ),
    propList(p, SHOWN[label] ?? Object.keys(p)),
    h('h3', {}, 'Connections'),
    h('ul', { class: 'degree' }, ...d.degree.map((x) => h('li', {}, `${x.direction === 'out' ? '→' : '←'} ${x.type}: ${x.count}`))),
    h('h3', {}, 'Evidence'),
  );
  if (!d.provenance.length) append(details, h('p', { class: 'muted' }, 'No evidence recorded.'));
  for (const b of d.provenance) {
    append(
      details,
      h(
        'section',
        { class: 'evidence' },
        // A brief without topics is titled with its date: print the date once, and the file always.
        h('h4', {}, b.title ?? b.brief, h('span', { class: 'muted' }, ` (${[b.title?.includes(b.date ?? '') ? null : b.date, b.source].filter(Boolean).join(', ')})`)),
        h('ul', {}, ...b.evidence.map((e) => h('li', {}, h('span', { class: 'rel' }, `${e.type} ${e.direction === 'out' ? '→' : '←'} ${e.otherName ?? e.other ?? ''}`), h('q', { class: 'evidence-text' }, e.evidence ?? ''), e.line ? h('span', { class: 'muted' }, ` line ${e.line}`) : null))),
        b.total > b.evidence.length ? h('p', { class: 'muted' }, `…and ${b.total - b.evidence.length} more`) : null,
      ),
    );
  }
}

async function showEdge(id: string) {
  const e = state.edge(id) ?? { data: cy.getElementById(id).data() };
  const d = e.data as Record<string, unknown>;
  clear(details);
  const name = (nid: unknown) => String(cy.getElementById(String(nid)).data('short') ?? nid);
  append(
    details,
    h('h2', {}, h('span', { class: 'badge edge' }, String(d.type)), ' ', `${name(d.source)} → ${name(d.target)}`),
    propList(d, ['lead', 'surface', 'rule', 'score', 'line']),
    h('h3', {}, 'Evidence'),
    h('blockquote', { class: 'evidence-text' }, String(d.evidence ?? '—')),
  );
  if (d.brief) {
    try {
      const b = await api.node(`brief:${String(d.brief)}`);
      append(details, h('p', { class: 'muted' }, `From ${String(b.node.properties.title)}${b.node.properties.date ? `, ${String(b.node.properties.date)}` : ''} (${String(b.node.properties.source)})`));
    } catch {
      append(details, h('p', { class: 'muted' }, `From brief ${String(d.brief)}`));
    }
  }
}

cy.on('tap', 'node', (e) => void showNode(e.target.id()));
cy.on('tap', 'edge', (e) => void showEdge(e.target.id()));
cy.on('dbltap', 'node', (e) => void expand(e.target.id()));
cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));

// ---------- expand, remove, undo ----------
const typeSelect = byId<HTMLSelectElement>('expand-type');
const labelSelect = byId<HTMLSelectElement>('expand-label');
for (const t of REL_TYPES) typeSelect.appendChild(h('option', { value: t }, t));
for (const l of LABELS) labelSelect.appendChild(h('option', { value: l }, l));

async function expand(id: string) {
  const out = await busy('Expanding', () => api.neighbors(id, { types: typeSelect.value || undefined, labels: labelSelect.value || undefined, from: filter.from, to: filter.to, limit: 150 }));
  if (!out) return;
  const change = merge(out.elements, id);
  status(`${change.added.nodes.length} new node(s)${out.truncated ? ` — showing the first ${out.limit}; filter by relationship or label to see others` : ''}.`);
}

const selectedIds = () => cy.nodes(':selected').map((n) => n.id());
byId('expand').addEventListener('click', () => {
  const [id] = selectedIds();
  if (id) void expand(id);
  else status('Select a node first.');
});
byId('remove').addEventListener('click', () => apply(state.remove(selectedIds())));
byId('undo').addEventListener('click', undo);
byId('fit').addEventListener('click', () => cy.fit(undefined, 40));
byId('clear').addEventListener('click', () => apply(state.remove(state.nodeIds)));
function undo() {
  const change = state.undo();
  if (change) apply(change);
  else status('Nothing to undo.');
}

document.addEventListener('keydown', (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
  if (e.key === '/' && !typing) {
    e.preventDefault();
    searchInput.focus();
  } else if ((e.key === 'Delete' || e.key === 'Backspace') && !typing) apply(state.remove(selectedIds()));
  else if (e.key === 'z' && (e.ctrlKey || e.metaKey) && !typing) undo();
});

// ---------- dates ----------
const fromInput = byId<HTMLInputElement>('date-from');
const toInput = byId<HTMLInputElement>('date-to');
byId('date-apply').addEventListener('click', () => {
  const ok = (v: string) => !v || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v);
  if (!ok(fromInput.value.trim()) || !ok(toInput.value.trim())) {
    status('Dates look like 2022, 2022-06 or 2022-06-30.', 'error');
    return;
  }
  filter.from = fromInput.value.trim() || undefined;
  filter.to = toInput.value.trim() || undefined;
  applyDateFilter();
  writeUrl();
});

// ---------- paths ----------
function setPathEnd(end: 'from' | 'to', id: string | undefined) {
  if (!id) return status('Select a node first.');
  pathEnds[end] = id;
  cy.nodes().removeClass('path-end');
  for (const x of [pathEnds.from, pathEnds.to]) if (x) cy.getElementById(x).addClass('path-end');
  byId('path-ends').textContent = `From: ${pathEnds.from ? short(state.node(pathEnds.from)?.data ?? { id: pathEnds.from }) : '—'}  To: ${pathEnds.to ? short(state.node(pathEnds.to)?.data ?? { id: pathEnds.to }) : '—'}`;
}
byId('path-from').addEventListener('click', () => setPathEnd('from', selectedIds()[0]));
byId('path-to').addEventListener('click', () => setPathEnd('to', selectedIds()[0]));
byId('path-run').addEventListener('click', async () => {
  if (!pathEnds.from || !pathEnds.to) return status('Pick a start and an end node.');
  const out = await busy('Finding paths', () => api.paths(pathEnds.from!, pathEnds.to!, 5));
  if (!out) return;
  merge(out.elements);
  cy.edges().removeClass('on-path');
  for (const e of out.elements.edges) cy.getElementById(e.data.id).addClass('on-path');
  clear(details);
  append(details, h('h2', {}, 'Shortest paths'));
  if (!out.paths.length) append(details, h('p', {}, 'No path of up to 5 steps connects these two.'));
  for (const p of out.paths) {
    append(
      details,
      h('section', { class: 'evidence' }, h('h4', {}, `${p.length} step(s)`), h('ol', {}, ...p.hops.map((hop) => h('li', {}, hop.text, hop.evidence ? h('q', { class: 'evidence-text' }, hop.evidence) : null, hop.briefTitle ? h('span', { class: 'muted' }, ` — ${hop.briefTitle}${hop.briefDate ? `, ${hop.briefDate}` : ''}`) : null)))),
    );
  }
});

// ---------- console ----------
const queryEl = byId<HTMLTextAreaElement>('query');
const savedEl = byId<HTMLSelectElement>('saved');
const asTable = byId<HTMLInputElement>('as-table');
const consoleError = byId('console-error');
const consoleStatus = byId('console-status');
const tableWrap = byId('table-wrap');
let saved: SavedQuery[] = [];

void api
  .queries()
  .then((r) => {
    saved = r.queries;
    for (const q of saved) savedEl.appendChild(h('option', { value: q.name, title: q.description }, q.title));
  })
  .catch((err: Error) => (consoleError.textContent = `Saved queries unavailable: ${err.message}`));

savedEl.addEventListener('change', () => {
  const q = saved.find((x) => x.name === savedEl.value);
  if (q) queryEl.value = `// ${q.title}${q.params.length ? `\n// params: ${q.params.map((p) => `$${p.name} (default ${String(p.default ?? '—')})`).join(', ')}` : ''}\n${q.cypher}`;
});

async function runConsole() {
  consoleError.textContent = '';
  consoleStatus.textContent = 'Running…';
  const q = saved.find((x) => x.name === savedEl.value);
  const text = queryEl.value;
  const useSaved = q && text.endsWith(q.cypher);
  try {
    const res = useSaved ? await api.runQuery(q.name) : await api.cypher(text.replace(/^\s*\/\/.*$/gm, '').trim());
    consoleStatus.textContent = `${res.rows.length} row(s)${res.truncated ? ` (capped at ${res.rowLimit})` : ''} in ${res.ms} ms`;
    showResult(res);
  } catch (err) {
    consoleStatus.textContent = '';
    const pos = (err as ApiError).details as { position?: { line: number; column: number } } | undefined;
    consoleError.textContent = `${(err as Error).message}${pos?.position ? ` (line ${pos.position.line}, column ${pos.position.column})` : ''}`;
  }
}

function showResult(res: CypherResult) {
  clear(tableWrap);
  if (res.elements && !asTable.checked) {
    merge(res.elements);
    return;
  }
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  append(
    tableWrap,
    h('table', {}, h('thead', {}, h('tr', {}, ...res.columns.map((c) => h('th', {}, c)))), h('tbody', {}, ...res.rows.map((r) => h('tr', {}, ...r.map((v) => h('td', {}, cell(v))))))),
  );
  if (!res.rows.length) append(tableWrap, h('p', { class: 'muted' }, 'No rows.'));
}

byId('run').addEventListener('click', () => void runConsole());
queryEl.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void runConsole();
  }
});

// ---------- share and export ----------
function writeUrl() {
  history.replaceState(null, '', `${location.pathname}${encodeView({ nodes: state.nodeIds, ...filter })}`);
}
byId('copy-link').addEventListener('click', async () => {
  writeUrl();
  try {
    await navigator.clipboard.writeText(location.href);
    status('Link copied.');
  } catch {
    status(`Link: ${location.href}`);
  }
});
function download(name: string, blob: Blob) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
}
byId('export-png').addEventListener('click', () => download('policy-graph.png', cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as unknown as Blob));
byId('export-json').addEventListener('click', () => download('policy-graph.json', new Blob([JSON.stringify(state.toElements(), null, 2)], { type: 'application/json' })));

// ---------- legend ----------
const legend = byId('legend');
for (const [label, s] of Object.entries(LABEL_STYLE)) append(legend, h('div', {}, h('span', { class: 'swatch', style: `background:${s.color}` }), ` ${s.legend}`));

// ---------- restore a shared view ----------
async function restore() {
  const view = decodeView(location.hash);
  filter.from = view.from;
  filter.to = view.to;
  fromInput.value = view.from ?? '';
  toInput.value = view.to ?? '';
  if (!view.nodes.length) return;
  const out = await busy('Opening the shared view', () => api.elements(view.nodes));
  if (out) merge(out.elements);
}
void restore();

