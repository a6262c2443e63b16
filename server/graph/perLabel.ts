import { nodeLabel, type NodeLabel } from './model.js';

/**
 * One statement per label, made once from the label enum: Cypher cannot take a label as a
 * parameter and still use the label's id index. Labels never come from request text.
 */
export function perLabel(template: (label: NodeLabel) => string): Record<NodeLabel, string> {
  return Object.fromEntries(nodeLabel.options.map((l) => [l, template(l)])) as Record<NodeLabel, string>;
}
