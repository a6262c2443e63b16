import type { CollectionReturnValue, NodeCollection } from 'cytoscape';

/**
 * Computes now the style of elements whose classes just changed. Cytoscape computes an element's
 * style only when it is read (its renderer reads it on the next frame), and `visible()` and the
 * `:visible` selector answer from a cache that only that computation clears: until then a node
 * just hidden by the date filter or a style rule still counts as visible, in this task and in the
 * next ones until a frame is drawn (end-to-end tests saw 10 and 27 such nodes on a loaded machine).
 */
export function styleNow(eles: CollectionReturnValue | NodeCollection): void {
  eles.forEach((el) => void el.style('display'));
}
