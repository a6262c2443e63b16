import { api, type Timeline } from './api.js';
import type { Canvas } from './canvas.js';
import type { Ctx } from './context.js';
import { byId, clear, h } from './dom.js';
import { DEFAULTS } from './defaults.js';
import { monthInRange, parseRange, type DateRange } from './filters.js';

const SVG = 'http://www.w3.org/2000/svg';
const svg = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
};

/** Every month from the first to the last, so gaps show as gaps. */
export function monthSpan(months: string[]): string[] {
  if (!months.length) return [];
  const sorted = [...months].sort();
  const [y0, m0] = sorted[0]!.split('-').map(Number) as [number, number];
  const [y1, m1] = sorted[sorted.length - 1]!.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = y0 * 12 + m0 - 1; i <= y1 * 12 + m1 - 1; i++) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

/**
 * The date filter: the From/To fields (validated, Enter applies), a note saying what it hid,
 * and a histogram of policies and news per month (whole graph behind, canvas in front) whose
 * brush sets the range.
 */
export function mountTimeline(ctx: Ctx, canvas: Canvas) {
  const cy = canvas.cy;
  const fromInput = byId<HTMLInputElement>('date-from');
  const toInput = byId<HTMLInputElement>('date-to');
  const errorEl = byId('date-error');
  const note = byId('filter-note');
  const host = byId('timeline');
  let whole: Timeline['months'] = [];
  /** The months drawn, for playback. */
  let shown: string[] = [];

  // Playback: step or play through the months; the canvas shows what existed up to each one.
  let at: number | undefined;
  let playing: number | undefined;
  const playLabel = h('span', { id: 'timeline-at', class: 'muted' });
  const playBtn = h('button', { type: 'button', id: 'timeline-play', title: 'Play through the months' }, '▶ Play');
  const player = h(
    'div',
    { class: 'timeline-player' },
    h('button', { type: 'button', id: 'timeline-prev', title: 'One month back', onclick: () => (stop(), go((at ?? shown.length) - 1)) }, '◀'),
    playBtn,
    h('button', { type: 'button', id: 'timeline-next', title: 'One month on', onclick: () => (stop(), go((at ?? -1) + 1)) }, '▶|'),
    playLabel,
  );
  function go(i: number) {
    if (!shown.length) return;
    at = Math.max(0, Math.min(shown.length - 1, i));
    canvas.setRange({ to: shown[at]! });
    playLabel.textContent = ` up to ${shown[at]} (${at + 1} of ${shown.length})`;
  }
  function stop() {
    window.clearInterval(playing);
    playing = undefined;
    playBtn.textContent = '▶ Play';
  }
  playBtn.addEventListener('click', () => {
    if (playing !== undefined) return stop();
    if (at === undefined || at >= shown.length - 1) at = -1;
    playBtn.textContent = '⏸ Pause';
    go(at + 1);
    playing = window.setInterval(() => (at! >= shown.length - 1 ? stop() : go(at! + 1)), DEFAULTS.timeline.playMs);
  });

  function applyInputs() {
    const r = parseRange(fromInput.value, toInput.value);
    if ('error' in r) {
      errorEl.textContent = r.error;
      ctx.status(r.error, 'error');
      return;
    }
    errorEl.textContent = '';
    canvas.setRange(r.range);
    // Replaces any earlier complaint about the dates.
    const { byDate, orphaned } = canvas.hiddenCount;
    ctx.status(r.range.from || r.range.to ? `Date filter applied: ${byDate + orphaned} node(s) hidden.` : 'Date filter off.');
  }
  byId('date-apply').addEventListener('click', applyInputs);
  for (const input of [fromInput, toInput])
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        applyInputs();
      }
    });
  byId('date-clear').addEventListener('click', () => {
    fromInput.value = '';
    toInput.value = '';
    errorEl.textContent = '';
    canvas.setRange({});
  });

  function renderNote(range: DateRange) {
    const { byDate, orphaned } = canvas.hiddenCount;
    const active = range.from || range.to;
    note.hidden = !active;
    clear(note);
    if (!active) return;
    const span = `${range.from ?? '…'} – ${range.to ?? '…'}`;
    note.textContent =
      byDate + orphaned
        ? `Dates ${span}: ${byDate + orphaned} node(s) hidden — ${byDate} outside the dates, ${orphaned} left without a visible neighbour.`
        : `Dates ${span}: nothing on the canvas is hidden.`;
  }

  ctx.bus.on('filter', ({ range }) => {
    // Another way of setting the dates ends playback.
    if (at !== undefined && (range.from || range.to !== shown[at])) {
      stop();
      at = undefined;
      playLabel.textContent = '';
    }
    fromInput.value = range.from ?? '';
    toInput.value = range.to ?? '';
    renderNote(range);
    render();
  });
  ctx.bus.on('change', () => {
    renderNote(canvas.range);
    render();
  });

  function canvasCounts(): Map<string, { policies: number; news: number }> {
    const m = new Map<string, { policies: number; news: number }>();
    cy.nodes('[label = "Policy"], [label = "NewsItem"]').forEach((n) => {
      const d = n.data('date');
      if (typeof d !== 'string' || d.length < 7) return;
      const c = m.get(d.slice(0, 7)) ?? { policies: 0, news: 0 };
      if (n.data('label') === 'Policy') c.policies++;
      else c.news++;
      m.set(d.slice(0, 7), c);
    });
    return m;
  }

  function render() {
    clear(host);
    const here = canvasCounts();
    const months = monthSpan([...whole.map((m) => m.month), ...here.keys()]);
    shown = months;
    if (!months.length) return;
    const byMonth = new Map(whole.map((m) => [m.month, m]));
    const W = Math.max(host.clientWidth - 8, 200);
    const H = 64;
    const axis = 14;
    const bw = W / months.length;
    const max = Math.max(1, ...months.map((m) => (byMonth.get(m)?.policies ?? 0) + (byMonth.get(m)?.news ?? 0)));
    const root = svg('svg', { width: W, height: H, role: 'img', 'aria-label': `Policies and news per month, ${months[0]} to ${months[months.length - 1]}` });
    const range = canvas.range;
    months.forEach((m, i) => {
      const all = byMonth.get(m) ?? { policies: 0, news: 0 };
      const c = here.get(m) ?? { policies: 0, news: 0 };
      const x = i * bw;
      const scale = (v: number) => ((H - axis - 4) * v) / max;
      const inRange = monthInRange(m, range);
      const g = svg('g', { class: `month${inRange ? '' : ' out'}`, 'data-month': m });
      const title = svg('title', {});
      title.textContent = `${m}: ${all.policies} policies, ${all.news} news in the graph; ${c.policies} and ${c.news} on the canvas`;
      g.appendChild(title);
      // Whole graph: pale stacked bars; canvas: solid bars in front.
      g.appendChild(
        svg('rect', { x: x + 0.5, y: H - axis - scale(all.policies + all.news), width: Math.max(1, bw - 1), height: scale(all.news), class: 'all news' }),
      );
      g.appendChild(
        svg('rect', { x: x + 0.5, y: H - axis - scale(all.policies), width: Math.max(1, bw - 1), height: scale(all.policies), class: 'all policies' }),
      );
      g.appendChild(
        svg('rect', { x: x + bw * 0.2, y: H - axis - scale(c.policies + c.news), width: Math.max(1, bw * 0.6), height: scale(c.news), class: 'here news' }),
      );
      g.appendChild(
        svg('rect', { x: x + bw * 0.2, y: H - axis - scale(c.policies), width: Math.max(1, bw * 0.6), height: scale(c.policies), class: 'here policies' }),
      );
      root.appendChild(g);
      if (m.endsWith('-01') || i === 0) {
        const t = svg('text', { x: x + 1, y: H - 2, class: 'tick' });
        t.textContent = m.slice(0, 4);
        root.appendChild(t);
      }
    });
    const brush = svg('rect', { class: 'brush', x: 0, y: 0, width: 0, height: H - axis, hidden: 'true' });
    root.appendChild(brush);
    host.appendChild(root);
    host.appendChild(
      Object.assign(document.createElement('div'), {
        className: 'timeline-legend muted',
        textContent: 'Policies (blue) and news (purple) per month — pale: whole graph, solid: on the canvas. Drag to filter by date.',
      }),
    );
    host.appendChild(player);

    // Brush: drag across months to set the filter.
    const monthAt = (clientX: number) => {
      const box = root.getBoundingClientRect();
      return Math.max(0, Math.min(months.length - 1, Math.floor(((clientX - box.left) / box.width) * months.length)));
    };
    let start: number | undefined;
    root.addEventListener('pointerdown', (e) => {
      start = monthAt(e.clientX);
      root.setPointerCapture(e.pointerId);
      brush.removeAttribute('hidden');
      brush.setAttribute('x', String(start * bw));
      brush.setAttribute('width', String(bw));
    });
    root.addEventListener('pointermove', (e) => {
      if (start === undefined) return;
      const end = monthAt(e.clientX);
      brush.setAttribute('x', String(Math.min(start, end) * bw));
      brush.setAttribute('width', String((Math.abs(end - start) + 1) * bw));
    });
    root.addEventListener('pointerup', (e) => {
      if (start === undefined) return;
      const end = monthAt(e.clientX);
      const [a, b] = [Math.min(start, end), Math.max(start, end)];
      start = undefined;
      canvas.setRange({ from: months[a]!, to: months[b]! });
    });
  }

  void api
    .timeline()
    .then((t) => {
      whole = t.months;
      render();
    })
    .catch(() => undefined);
  window.addEventListener('resize', () => render());
}
