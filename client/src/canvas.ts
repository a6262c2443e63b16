import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { Elements } from './api.js';
import type { Bus } from './context.js';
import { DEFAULTS } from './defaults.js';
import { filterClosure, inDateRange, isActive, type DateRange } from './filters.js';
import type { Group } from './grouping.js';
import { fullLabel, shortLabel } from './labels.js';
import { computeLayout, extentOf, type LayoutName } from './layouts.js';
import { boxAt, overlapShare, placeAround, type Box, type Point } from './placement.js';
import type { Change, ViewState } from './state.js';
import { stylesheet } from './style.js';
import { styleNow } from './styleNow.js';

cytoscape.use(fcose);

/**
 * The canvas: mirrors ViewState onto Cytoscape, places new nodes in free space, runs layouts,
 * applies the date filter (with its closure) and holds the client-only group nodes.
 */
export class Canvas {
  readonly cy: Core;
  #range: DateRange = {};
  #hiddenCount = { byDate: 0, orphaned: 0 };
  readonly #groups = new Map<string, Group>();
  /** Where animated nodes are going: placement must avoid where they will be, not where they pass. */
  readonly #moving = new Map<string, Point>();
  /**
   * How to finish the move a node is in. A new move stops the old animation, and Cytoscape then
   * never calls the old one's `complete`: a re-layout started while another ran waited forever
   * (issue 30, found while probing the scripted re-layout crash). The new move finishes it instead.
   */
  readonly #finish = new Map<string, () => void>();
  /** Re-layouts run one after another (a script can start several at once). */
  #layouts: Promise<void> = Promise.resolve();
  /** Layout runs finished; the end-to-end test waits on it. */
  layoutRuns = 0;
  layoutName: LayoutName = 'fcose';

  constructor(
    container: HTMLElement,
    readonly state: ViewState,
    readonly bus: Bus,
  ) {
    const C = DEFAULTS.canvas;
    this.cy = cytoscape({ container, style: stylesheet(), minZoom: C.minZoom, maxZoom: C.maxZoom });
  }

  get range(): DateRange {
    return { ...this.#range };
  }
  get hiddenCount() {
    return { ...this.#hiddenCount };
  }
  get groups(): Group[] {
    return [...this.#groups.values()];
  }

  /** Merges API elements; new nodes are placed around `around` (or their first neighbour). */
  merge(elements: Elements, around?: string): Change {
    const change = this.state.merge(elements);
    this.apply(change, around);
    return change;
  }

  /** Merges elements at known positions (a stored view): nothing is placed or laid out. */
  mergeAt(elements: Elements, positions: Map<string, Point>): Change {
    const change = this.state.merge(elements);
    this.apply(change, undefined, positions);
    return change;
  }

  remove(ids: string[]): Change {
    const groupIds = ids.filter((id) => this.#groups.has(id));
    for (const g of groupIds) this.#dropGroup(g);
    const change = this.state.remove(ids.filter((id) => !this.#groups.has(id)));
    this.apply(change);
    return change;
  }

  clear(): Change {
    for (const g of [...this.#groups.keys()]) this.#dropGroup(g);
    return this.remove(this.state.nodeIds);
  }

  apply(change: Change, around?: string, positions?: Map<string, Point>): void {
    const cy = this.cy;
    const hadNodes = cy.nodes(':visible').length - change.added.nodes.length > 0 || cy.nodes().length > change.removed.nodes.length;
    const start = this.#anchorPoint(around);
    cy.batch(() => {
      for (const id of [...change.removed.edges, ...change.removed.nodes]) {
        cy.getElementById(id).remove();
        this.#moving.delete(id);
        this.#finish.get(id)?.();
      }
      for (const node of change.added.nodes) {
        cy.add({
          group: 'nodes',
          data: { ...node.data, short: shortLabel(node.data), full: fullLabel(node.data) },
          position: { ...(positions?.get(node.data.id) ?? start) },
        });
      }
      for (const e of change.added.edges) if (cy.getElementById(e.data.id).empty()) cy.add({ group: 'edges', data: e.data });
      cy.nodes().forEach((n) => {
        n.data('degree', n.degree(false));
      });
    });
    // Groups whose parent left go with it.
    for (const g of this.#groups.values()) if (cy.getElementById(g.parent).empty()) this.#dropGroup(g.id);
    this.#refilter();
    const fresh = change.added.nodes.map((n) => n.data.id);
    const unplaced = positions ? fresh.filter((id) => !positions.has(id)) : fresh;
    if (positions && unplaced.length) this.#place(unplaced);
    else if (!positions && fresh.length) {
      if (!hadNodes && cy.nodes().length > 1) void this.relayout(this.layoutName);
      else if (!hadNodes) this.fit();
      else this.#place(fresh, around);
    }
    this.bus.emit('change', { added: fresh, removed: change.removed.nodes });
  }

  /** Where new nodes start: the parent, or the middle of the view. */
  #anchorPoint(around?: string): Point {
    const parent = around ? this.cy.getElementById(around) : undefined;
    if (parent?.nonempty()) return { ...(parent as NodeSingular).position() };
    const ext = this.cy.extent();
    return { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
  }

  /**
   * Incremental placement: each new node goes into free space on rings around a neighbour that
   * is already placed (the parent first); nothing else moves.
   */
  #place(fresh: string[], around?: string): void {
    const cy = this.cy;
    const freshSet = new Set(fresh);
    const placed = new Set(
      cy
        .nodes()
        .filter((n) => !freshSet.has(n.id()))
        .map((n) => n.id()),
    );
    // Nodes still animating count where they are going (issue 30: a group node landed on a news
    // item that was still on its way out from the parent).
    const at = (n: NodeSingular): Point => this.#moving.get(n.id()) ?? n.position();
    const obstacles: Box[] = cy
      .nodes(':visible')
      .filter((n) => placed.has(n.id()))
      .map((n) => boxAt(at(n as NodeSingular), extentOf(n as NodeSingular)));
    const centroid = (() => {
      const ps = cy
        .nodes(':visible')
        .filter((n) => placed.has(n.id()))
        .map((n) => at(n as NodeSingular));
      if (!ps.length) return undefined;
      const xs = ps.map((q) => q.x);
      const ys = ps.map((q) => q.y);
      return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
    })();
    const target = new Map<string, Point>();
    let pending = fresh.filter((id) => cy.getElementById(id).visible());
    while (pending.length) {
      const byAnchor = new Map<string, string[]>();
      const rest: string[] = [];
      for (const id of pending) {
        const ns = (cy.getElementById(id) as NodeSingular).neighborhood('node').filter((m) => placed.has(m.id()) && m.visible()) as unknown as NodeSingular[];
        const anchor = around && ns.some((m) => (m as NodeSingular).id() === around) ? around : ns.length ? ns[0]!.id() : undefined;
        if (anchor) byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), id]);
        else rest.push(id);
      }
      if (!byAnchor.size) {
        // Not connected to anything placed: around the middle of the graph.
        byAnchor.set('', rest.splice(0));
      }
      for (const [anchor, ids] of byAnchor) {
        const a = anchor ? (cy.getElementById(anchor) as NodeSingular) : undefined;
        const c = a ? (target.get(anchor) ?? at(a)) : (centroid ?? this.#anchorPoint());
        const away = centroid && a ? { x: c.x - centroid.x, y: c.y - centroid.y } : undefined;
        const extents = ids.map((id) => extentOf(cy.getElementById(id) as NodeSingular));
        const P = DEFAULTS.placement;
        const points = placeAround(c, extents, obstacles, {
          gap: P.gap,
          ringStep: P.ringStep,
          maxRings: P.maxRings,
          ...(away && (away.x || away.y) ? { away } : {}),
        });
        ids.forEach((id, i) => {
          target.set(id, points[i]!);
          obstacles.push(boxAt(points[i]!, extents[i]!));
          placed.add(id);
        });
      }
      pending = rest;
    }
    this.#moveTo(target, () => {
      const ext = cy.extent();
      const outside = [...target.values()].some((p) => p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2);
      if (outside) this.fit();
    });
  }

  #moveTo(target: Map<string, Point>, done?: () => void): void {
    const cy = this.cy;
    const C = DEFAULTS.canvas;
    if (cy.nodes().length >= C.animateBelow) {
      cy.batch(() => target.forEach((p, id) => cy.getElementById(id).position(p)));
      done?.();
      return;
    }
    let left = target.size;
    if (!left) return done?.();
    target.forEach((p, id) => {
      this.#moving.set(id, p);
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        if (this.#finish.get(id) === finish) this.#finish.delete(id);
        if (this.#moving.get(id) === p) this.#moving.delete(id);
        if (--left === 0) done?.();
      };
      const el = cy.getElementById(id);
      el.stop(true, true);
      this.#finish.get(id)?.();
      this.#finish.set(id, finish);
      el.animate({ position: p }, { duration: C.animationMs, complete: finish });
    });
  }

  /** Re-lays out every visible node with the chosen layout, then fits. */
  relayout(name: LayoutName = this.layoutName): Promise<void> {
    this.layoutName = name;
    const run = this.#layouts.then(() => this.#relayout(name));
    this.#layouts = run.catch(() => undefined);
    return run;
  }

  async #relayout(name: LayoutName): Promise<void> {
    const nodes = this.cy.nodes(':visible');
    if (nodes.length < 2) {
      this.fit();
      this.layoutRuns++;
      return;
    }
    const pos = await computeLayout(this.cy, nodes, name);
    await new Promise<void>((resolve) => this.#moveTo(pos, resolve));
    this.fit();
    this.layoutRuns++;
  }

  /** Fits the visible graph, never zooming in past maxFitZoom. */
  fit(): void {
    const cy = this.cy;
    const C = DEFAULTS.canvas;
    const eles = cy.elements(':visible');
    if (!eles.length) return;
    cy.fit(eles, C.fitPadding);
    if (cy.zoom() > C.maxFitZoom) {
      cy.zoom(C.maxFitZoom);
      cy.center(eles);
    }
  }

  setRange(range: DateRange): void {
    this.#range = { ...range };
    this.#refilter();
    this.bus.emit('filter', { range: this.range, hidden: this.#hiddenCount.byDate + this.#hiddenCount.orphaned, orphaned: this.#hiddenCount.orphaned });
  }

  isHidden(id: string): boolean {
    return this.cy.getElementById(id).hasClass('hidden');
  }

  #refilter(): void {
    const cy = this.cy;
    const real = cy.nodes().filter((n) => !n.hasClass('group'));
    const { hidden, byDate, orphaned } = filterClosure(
      real.map((n) => ({ id: n.id(), date: n.data('date') })),
      cy
        .edges()
        .filter((e) => !e.hasClass('group-edge'))
        .map((e) => ({ source: e.data('source') as string, target: e.data('target') as string })),
      this.#range,
    );
    this.#hiddenCount = { byDate, orphaned };
    cy.batch(() => {
      real.forEach((n) => {
        n.toggleClass('hidden', hidden.has(n.id()));
      });
      // A group says how many of its members the dates let through, and goes when none do.
      const active = isActive(this.#range);
      for (const g of this.#groups.values()) {
        const inRange = g.nodes.filter((n) => inDateRange(n.data.date, this.#range.from, this.#range.to)).length;
        const node = cy.getElementById(g.id);
        node.toggleClass('hidden', active && inRange === 0);
        node.data('short', active && inRange < g.nodes.length ? `${g.title}, ${inRange} in the dates ▸` : `${g.title} ▸`);
      }
    });
    styleNow(cy.nodes());
  }

  /** Group nodes: one client-only node per big set of neighbours, linked to its parent. */
  addGroups(groups: Group[]): void {
    const cy = this.cy;
    const parent = groups[0] ? (cy.getElementById(groups[0].parent) as NodeSingular) : undefined;
    if (!parent?.nonempty()) return;
    const fresh: string[] = [];
    cy.batch(() => {
      for (const g of groups) {
        if (this.#groups.has(g.id)) this.#dropGroup(g.id);
        this.#groups.set(g.id, g);
        cy.add({
          group: 'nodes',
          classes: 'group',
          data: {
            id: g.id,
            label: g.label,
            name: g.title,
            short: `${g.title} ▸`,
            full: `${g.title} (${g.types.join(', ')}) — Enter or double-click to show them`,
            degree: 20,
            group: true,
          },
          position: { ...parent.position() },
        });
        cy.add({ group: 'edges', classes: 'group-edge', data: { id: `${g.id}:edge`, source: g.parent, target: g.id, type: g.types.join(', ') } });
        fresh.push(g.id);
      }
    });
    this.#place(fresh, parent.id());
    // Style rules and the timeline see group nodes too ("hide news items" hides "27 news items").
    this.bus.emit('change', { added: fresh, removed: [] });
  }

  /** Opens a group: its members come onto the canvas around the group's place. */
  openGroup(id: string): Change | undefined {
    const g = this.#groups.get(id);
    if (!g) return undefined;
    const at = { ...(this.cy.getElementById(id) as NodeSingular).position() };
    this.#dropGroup(id);
    const change = this.state.merge({ nodes: g.nodes, edges: g.edges });
    // Members start where the group was, then spread into free space around the parent.
    this.apply(change, g.parent);
    void at;
    return change;
  }

  #dropGroup(id: string): void {
    this.#groups.delete(id);
    this.cy.getElementById(id).remove();
  }

  /**
   * The label-overlap figure: share of visible, labelled nodes whose label box meets another's
   * (model space, so it holds at any zoom), and whether labels are drawn at the current zoom.
   */
  labelOverlap(): { overlapping: number; total: number; share: number; drawn: boolean; zoom: number } {
    const cy = this.cy;
    const drawn = DEFAULTS.labels.fontSize * cy.zoom() >= DEFAULTS.labels.minZoomedFontSize;
    const labelled = cy.nodes(':visible').filter((n) => !!n.data('short'));
    const boxes = labelled.map((n) => {
      const bb = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false } as never);
      return { x1: bb.x1, y1: bb.y1, x2: bb.x2, y2: bb.y2 };
    });
    return { ...overlapShare(boxes), drawn, zoom: cy.zoom() };
  }
}
