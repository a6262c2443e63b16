import { targetsOf, type Correction, type CorrectionOf, type Fact } from './schema.js';

/**
 * The log read as a whole: which corrections hold (not undone), in log order, indexed by the node
 * ids they touch. Built once per change of the log; looking up a brief's corrections costs one map
 * read per node of the brief, however long the log grows.
 */
export class CorrectionState {
  readonly byId = new Map<string, Correction>();
  readonly undoneBy = new Map<string, CorrectionOf<'undo'>>();
  readonly #byTarget = new Map<string, Fact[]>();
  readonly #order = new Map<string, number>();

  constructor(readonly corrections: readonly Correction[]) {
    corrections.forEach((c, i) => {
      this.byId.set(c.id, c);
      this.#order.set(c.id, i);
      if (c.kind === 'undo') this.undoneBy.set(c.target, c);
    });
    for (const c of this.active()) for (const t of targetsOf(c)) this.#byTarget.set(t, [...(this.#byTarget.get(t) ?? []), c]);
  }

  /** Corrections that hold, in log order. */
  active(): Fact[] {
    return this.corrections.filter((c): c is Fact => c.kind !== 'undo' && !this.undoneBy.has(c.id));
  }

  /** Active corrections touching any of `ids`, each once, in log order (the order they were made). */
  forTargets(ids: Iterable<string>): Fact[] {
    const found = new Set<Fact>();
    for (const id of ids) for (const c of this.#byTarget.get(id) ?? []) found.add(c);
    return [...found].sort((a, b) => this.#order.get(a.id)! - this.#order.get(b.id)!);
  }
}
