import { relType } from './model.js';

export { HIDDEN } from './model.js';

/**
 * Rejected facts stay in the graph (undo restores them) but out of every read: a rejected node
 * loses its domain label (it becomes `:Rejected`, a merged-away node `:Merged`), so no
 * `MATCH (:Company)` or full-text index sees it; a rejected relationship becomes one of type
 * `REJECTED` carrying the old type. A query that names its types never meets those; one that
 * traverses relationships of any type must use this pattern instead of `-[r]-`, so no read can
 * forget the rule: it lists the domain types, never "everything but REJECTED".
 */
export const DOMAIN_TYPES = relType.options.join('|');

/** `[r:COVERS|REPORTS|…]` for variable `v` (a name from the query's own text), optionally with a length `*..4`. */
export const domainRel = (v = '', length = '') => `[${v}:${DOMAIN_TYPES}${length}]`;
