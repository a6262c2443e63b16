import type { NodeSingular } from 'cytoscape';
import { api, authFetch, type NodeDetail, type Related } from './api.js';
import { storedToken } from './auth.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { append, byId, clear, h } from './dom.js';
import { inDateRange } from './filters.js';
import { lineageSection } from './lineage.js';
import { notesSection } from './notes.js';
import { proseNote, shownDate } from './provenance.js';
import { LABEL_STYLE } from './style.js';
import { nodeId } from '../../server/graph/model.js';

/** The question each label's details offer (answered by GET /api/related/:id). */
const QUESTION: Record<string, string> = { Company: 'Related policies and agencies', Agency: 'Co-issuers', Policy: 'Policies on the same sectors' };
const STRENGTH: Record<string, string> = { direct: 'direct', news: 'same news', sector: 'same sector (weak)' };

const SHOWN: Record<string, string[]> = {
  Policy: ['title', 'titleZh', 'date', 'status', 'extraction', 'heading', 'summary', 'keyPoints', 'targets', 'issuerText', 'issuerCountStated'],
  Agency: ['acronym', 'name', 'nameZh', 'type', 'parent', 'aliases', 'curatedAliases', 'resolved'],
  Company: ['name', 'aliases', 'curatedAliases', 'registry'],
  Sector: ['name'],
  NewsItem: ['date', 'kind', 'text', 'sources'],
  Target: ['text', 'values', 'year'],
  // The heading shows the title; the file name tells apart two briefs with the same title.
  Brief: ['source', 'date', 'topics', 'authors'],
  Outlet: ['name'],
  Place: ['name'],
};

/** Property names shown otherwise than stored. */
const KEY_NAME: Record<string, string> = { curatedAliases: 'added names' };

function propList(props: Record<string, unknown>, keys: string[]) {
  const dl = h('dl');
  for (const k of keys) {
    const v = k === 'date' ? shownDate(props) : props[k];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    append(dl, h('dt', {}, KEY_NAME[k] ?? k), h('dd', {}, Array.isArray(v) ? v.join(' · ') : String(v)));
  }
  return dl;
}

/** "derived from prose" above a fact read from a sentence, with that sentence when it is at hand. */
function proseMarker(props: Record<string, unknown>, sentence?: unknown) {
  const note = proseNote(props);
  if (!note) return null;
  return h('div', { class: 'prose-marker' }, h('p', {}, note), typeof sentence === 'string' ? h('blockquote', { class: 'evidence-text' }, sentence) : null);
}

export interface DetailActions {
  expand(id: string, types?: string): void;
  setPathEnd(end: 'from' | 'to', id: string): void;
  /** Correcting tools under a node's or an edge's details (curation.ts). */
  nodeTools?(d: NodeDetail): Node;
  edgeTools?(id: string, data: Record<string, unknown>): Node | null;
}

/**
 * The details panel. It always shows what the canvas holds: a node or edge that leaves the
 * canvas (removed, cleared, hidden by the date filter) leaves the panel too.
 */
export function mountDetails(ctx: Ctx, canvas: Canvas, actions: DetailActions) {
  const panel = byId('details');
  const placeholder = () => h('p', { class: 'muted' }, 'Click a node or an edge to see its properties and the sentences it comes from.');
  /** What the panel shows: a canvas element, or a panel (paths, related) about some element. */
  let subject: string | undefined;
  let panelAbout: string | undefined;
  let seq = 0;

  function reset(note?: string) {
    subject = undefined;
    panelAbout = undefined;
    seq++;
    clear(panel);
    append(panel, note ? h('p', { class: 'muted' }, note) : null, placeholder());
  }

  /** Shows a panel; `about` is the element it depends on (the panel goes when that goes). */
  function show(about: string | undefined, ...content: (Node | null)[]) {
    subject = undefined;
    panelAbout = about;
    seq++;
    clear(panel);
    append(panel, ...content);
  }

  async function showNode(id: string) {
    const el = canvas.cy.getElementById(id);
    if (el.hasClass('group')) return showGroup(id);
    const mine = ++seq;
    subject = id;
    panelAbout = undefined;
    clear(panel);
    append(panel, h('p', { class: 'muted' }, 'Loading…'));
    let d;
    try {
      d = await api.node(id);
    } catch (err) {
      if (mine !== seq) return;
      clear(panel);
      append(panel, h('p', { class: 'error' }, (err as Error).message));
      return;
    }
    if (mine !== seq) return; // the panel moved on while loading
    clear(panel);
    const label = d.node.label;
    const p = d.node.properties;
    const range = canvas.range;
    const provenance = d.provenance.filter((b) => inDateRange(b.date, range.from, range.to));
    const question = QUESTION[label];
    append(
      panel,
      h(
        'h2',
        {},
        h('span', { class: 'badge', style: `background:${LABEL_STYLE[label]?.color ?? '#999'}` }, label),
        ' ',
        String(p.acronym || p.name || p.title || id),
      ),
      p.titleZh ? h('p', { class: 'zh' }, String(p.titleZh)) : null,
      proseMarker(p, p.evidence),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', onclick: () => actions.expand(id) }, 'Expand'),
        question ? h('button', { type: 'button', id: 'related', class: 'primary', onclick: () => void showRelated(id) }, question) : null,
        h('button', { type: 'button', onclick: () => canvas.remove([id]) }, 'Remove'),
        h('button', { type: 'button', onclick: () => actions.setPathEnd('from', id) }, 'Path from here'),
        h('button', { type: 'button', onclick: () => actions.setPathEnd('to', id) }, 'Path to here'),
        label === 'Agency' || label === 'Company' ? reportLink(label, id) : null,
      ),
      propList(p, SHOWN[label] ?? Object.keys(p)),
      label === 'Policy' ? lineageSection(id) : null,
      notesSection(id),
      actions.nodeTools?.(d) ?? null,
      h('h3', {}, 'Connections'),
      h('p', { class: 'muted' }, 'Click a type to expand only that.'),
      h(
        'ul',
        { class: 'degree' },
        ...d.degree.map((x) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'link', onclick: () => actions.expand(id, x.type) },
              `${x.direction === 'out' ? '→' : '←'} ${x.type}: ${x.count}`,
            ),
          ),
        ),
      ),
      h('h3', {}, 'Evidence'),
    );
    if (provenance.length < d.provenance.length)
      append(panel, h('p', { class: 'muted filter-note' }, `${d.provenance.length - provenance.length} brief(s) outside the date filter are not shown.`));
    if (!provenance.length) append(panel, h('p', { class: 'muted' }, 'No evidence recorded.'));
    if (d.briefs.total > d.briefs.shown)
      append(panel, h('p', { class: 'muted' }, `Evidence from the newest ${d.briefs.shown} of ${d.briefs.total} briefs; the report and Expand show more.`));
    for (const b of provenance) {
      append(
        panel,
        h(
          'section',
          { class: 'evidence' },
          // A brief without topics is titled with its date: print the date once, and the file always.
          h(
            'h4',
            {},
            b.title ?? b.brief,
            h('span', { class: 'muted' }, ` (${[b.title?.includes(b.date ?? '') ? null : b.date, b.source].filter(Boolean).join(', ')})`),
          ),
          h(
            'ul',
            {},
            ...b.evidence.map((e) =>
              h(
                'li',
                {},
                h('span', { class: 'rel' }, `${e.type} ${e.direction === 'out' ? '→' : '←'} ${e.otherName ?? e.other ?? ''}`),
                h('q', { class: 'evidence-text' }, e.evidence ?? ''),
                e.line ? h('span', { class: 'muted' }, ` line ${e.line}${e.page ? `, page ${e.page}` : ''}`) : null,
              ),
            ),
          ),
          b.total > b.evidence.length ? h('p', { class: 'muted' }, `…and ${b.total - b.evidence.length} more`) : null,
        ),
      );
    }
  }

  /** The report opens in a new tab; with a token it is fetched with the header (never in the URL). */
  function reportLink(label: string, id: string) {
    const href = `/api/reports/${label.toLowerCase()}/${encodeURIComponent(id)}?format=html`;
    return h(
      'a',
      {
        class: 'button',
        id: 'report-link',
        href,
        target: '_blank',
        rel: 'noopener',
        onclick: (e: Event) => {
          if (!storedToken()) return;
          e.preventDefault();
          const tab = window.open('', '_blank');
          void authFetch(href).then(async (res) => {
            const blob = new Blob([await res.text()], { type: 'text/html' });
            if (tab) tab.location.href = URL.createObjectURL(blob);
          });
        },
      },
      'Report',
    );
  }

  async function showRelated(id: string) {
    const out = await ctx.busy(QUESTION[canvas.cy.getElementById(id).data('label')] ?? 'Related', () => api.related(id));
    if (!out) return;
    canvas.merge(out.elements, id);
    renderRelated(id, out);
  }

  function renderRelated(id: string, out: Related) {
    const name = String(canvas.cy.getElementById(id).data('short') ?? id);
    const range = canvas.range;
    const items = out.items.filter((i) => !canvas.isHidden(i.id) || !range.from);
    show(
      id,
      h('h2', {}, `${out.question}: ${name}`),
      h('p', { class: 'muted' }, `${items.length} found. Direct links first; “same sector” links are weak (co-occurrence, not a stated relation).`),
      h(
        'ol',
        { class: 'related' },
        ...items.map((i) =>
          h(
            'li',
            { 'data-id': i.id, 'data-strength': i.strength },
            h('span', { class: 'badge', style: `background:${LABEL_STYLE[i.label]?.color ?? '#999'}` }, i.label),
            ' ',
            h('button', { type: 'button', class: 'link', onclick: () => focusNode(i.id) }, i.name),
            ' ',
            h('span', { class: `strength ${i.strength}` }, STRENGTH[i.strength] ?? i.strength),
            h('span', { class: 'rel' }, i.relation),
            ...i.evidence.slice(0, 2).map((e) => h('q', { class: 'evidence-text' }, e.text)),
          ),
        ),
      ),
    );
  }

  function showGroup(id: string) {
    const g = canvas.groups.find((x) => x.id === id);
    if (!g) return reset();
    show(
      id,
      h('h2', {}, h('span', { class: 'badge', style: `background:${LABEL_STYLE[g.label]?.color ?? '#999'}` }, 'Group'), ' ', g.title),
      h('p', {}, `Neighbours of ${String(canvas.cy.getElementById(g.parent).data('short'))} through ${g.types.join(', ')}.`),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => canvas.openGroup(id) }, `Show all ${g.nodes.length}`)),
      h('ul', { class: 'group-members' }, ...g.nodes.slice(0, 30).map((n) => h('li', {}, String(n.data.name)))),
      g.nodes.length > 30 ? h('p', { class: 'muted' }, `…and ${g.nodes.length - 30} more`) : null,
    );
  }

  async function showEdge(id: string) {
    const e = canvas.state.edge(id) ?? { data: canvas.cy.getElementById(id).data() };
    const d = e.data as Record<string, unknown>;
    const name = (nid: unknown) => String(canvas.cy.getElementById(String(nid)).data('short') ?? nid);
    show(
      undefined,
      h('h2', {}, h('span', { class: 'badge edge' }, String(d.type)), ' ', `${name(d.source)} → ${name(d.target)}`),
      proseMarker(d),
      propList(d, ['lead', 'surface', 'rule', 'score', 'extraction', 'line', 'page', 'author']),
      h('h3', {}, 'Evidence'),
      h('blockquote', { class: 'evidence-text' }, String(d.evidence ?? '—')),
      // Added by an analyst (a link correction) or moved here by a merge: say so.
      d.correction ? h('p', { class: 'muted' }, `Added by correction ${String(d.correction)}; the note above is its evidence.`) : null,
      Array.isArray(d.movedFrom) && d.movedFrom.length
        ? h('p', { class: 'muted' }, `Moved here from ${(d.movedFrom as string[]).join(', ')} by a merge.`)
        : null,
      actions.edgeTools?.(id, d) ?? null,
    );
    subject = id;
    const mine = seq;
    if (d.brief) {
      try {
        const b = await api.node(nodeId('Brief', String(d.brief)));
        if (mine === seq)
          append(
            panel,
            h(
              'p',
              { class: 'muted' },
              `From ${String(b.node.properties.title)}${b.node.properties.date ? `, ${String(b.node.properties.date)}` : ''} (${String(b.node.properties.source)})`,
            ),
          );
      } catch {
        if (mine === seq) append(panel, h('p', { class: 'muted' }, `From brief ${String(d.brief)}`));
      }
    }
  }

  /** Selects a node on the canvas and shows it. */
  function focusNode(id: string) {
    const cy = canvas.cy;
    const el = cy.getElementById(id);
    cy.elements().unselect();
    if (el.nonempty()) {
      el.select();
      if (el.isNode() && cy.nodes(':visible').length > 1) {
        const p = (el as NodeSingular).renderedPosition();
        if (p.x < 0 || p.y < 0 || p.x > cy.width() || p.y > cy.height()) cy.animate({ center: { eles: el } }, { duration: 250 });
      }
    }
    void showNode(id);
  }

  const cy = canvas.cy;
  cy.on('tap', 'node', (e) => void showNode(e.target.id()));
  cy.on('tap', 'edge', (e) => void showEdge(e.target.id()));
  const gone = (id: string | undefined) => !!id && cy.getElementById(id).empty();
  ctx.bus.on('change', () => {
    if (!cy.nodes().length) return reset();
    if (gone(subject) || gone(panelAbout)) reset('What was shown here left the canvas.');
  });
  ctx.bus.on('filter', () => {
    const id = subject ?? panelAbout;
    if (id && canvas.isHidden(id)) reset('What was shown here is hidden by the date filter.');
    else if (subject && cy.getElementById(subject).isNode()) void showNode(subject);
  });

  /** What the panel shows, for a stored view: a node's or an edge's details, or something else. */
  function current(): { kind: 'node' | 'edge'; id: string } | undefined {
    if (!subject) return undefined;
    const el = cy.getElementById(subject);
    return el.nonempty() && !el.hasClass('group') ? { kind: el.isEdge() ? 'edge' : 'node', id: subject } : undefined;
  }

  return { showNode, showEdge, showRelated, focusNode, show, reset, current };
}
