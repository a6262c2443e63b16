import { IN_BRIEF, nodeId } from './model.js';

/**
 * Cypher for the key ("2024-03", the Brief id without its prefix) of the earliest brief that states
 * node `v` (a variable of the query's own text), read from its IN_BRIEF links: the brief a node's
 * first citation names. For nodes in a handful of briefs (policies, news items); not for hubs.
 */
export const firstBriefOf = (v: string) =>
  `COLLECT { MATCH (${v})-[:${IN_BRIEF}]->(src:Brief) WITH src ORDER BY src.date, src.id LIMIT 1 RETURN substring(src.id, ${nodeId('Brief', '').length}) AS key }[0]`;
