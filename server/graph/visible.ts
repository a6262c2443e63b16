import { RELATIONSHIPS, relType } from './model.js';

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

/**
 * The domain types between facts, without the ones that tie a fact to the brief that reports it
 * (COVERS, REPORTS): "both appear in the same brief" is not a connection an analyst asks for, and
 * every brief is a hub of its items, so a path search that may cross briefs explores the archive.
 */
export const FACT_TYPES = relType.options.filter((t) => RELATIONSHIPS[t].shapes.every(([from]) => from !== 'Brief')).join('|');

/** `[r:ISSUED_BY|TARGETS|…]`: like domainRel, between facts only. */
export const factRel = (v = '', length = '') => `[${v}:${FACT_TYPES}${length}]`;
