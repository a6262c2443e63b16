import type { Core } from 'cytoscape';
import type { DateRange } from './filters.js';
import type { ViewState } from './state.js';
import type { StyleRule } from './styleRules.js';

/** What the canvas module tells the others. */
export interface Events {
  /** Nodes or edges came or went (after the canvas shows it). */
  change: { added: string[]; removed: string[] };
  /** The date filter changed (after the canvas applied it). */
  filter: { range: DateRange; hidden: number; orphaned: number };
  /** Selection moved to a node, an edge, or nothing. */
  select: { id: string | undefined; kind: 'node' | 'edge' | undefined };
  /** The analyst asked for a node's details (tap, search, keyboard). */
  focus: { id: string };
  /** The console's saved query or its form values changed (the URL follows). */
  query: Record<string, never>;
  /** The style and filter rules changed or were applied again (the legend follows). */
  style: { rules: StyleRule[]; hidden: number };
}

type Handler<K extends keyof Events> = (e: Events[K]) => void;

export class Bus {
  readonly #handlers = new Map<keyof Events, Set<Handler<never>>>();
  on<K extends keyof Events>(k: K, fn: Handler<K>): void {
    const set = this.#handlers.get(k) ?? new Set();
    set.add(fn as Handler<never>);
    this.#handlers.set(k, set);
  }
  emit<K extends keyof Events>(k: K, e: Events[K]): void {
    for (const fn of this.#handlers.get(k) ?? []) (fn as Handler<K>)(e);
  }
}

export type StatusKind = 'info' | 'error' | 'busy';

/**
 * Shared by every module: the canvas, the plain view state, the bus, and the few actions other
 * modules call (each implemented by the module that owns the concern, see main.ts).
 */
export interface Ctx {
  cy: Core;
  state: ViewState;
  bus: Bus;
  status(message: string, kind?: StatusKind): void;
  busy<T>(what: string, work: () => Promise<T>): Promise<T | undefined>;
  /** The date filter in force (owned by the timeline module). */
  range(): DateRange;
  /** The style and filter rules in force (owned by the style panel). */
  rules(): StyleRule[];
}
