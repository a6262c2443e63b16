import neo4j, { type Integer, type Node, type Path, type Relationship } from 'neo4j-driver';
import { SEARCH_INDEXES } from './model.js';

/** Driver values → plain JSON, for the API and the reports alike. */

/**
 * Properties the client never needs: the full-text fields, long keyword lists, and keys meant for
 * Cypher (`parentId`; people read `parent`, the name), and a brief's identity keys (the importer's).
 */
// `curation`: the import's values of corrected names (docs/curation.md), bookkeeping for undo.
// The briefs naming a node are its IN_BRIEF links, not a property (node detail gives their count;
// `MATCH (n {id: …})-[:IN_BRIEF]->(b) RETURN b.id` in the console gives the list).
const HIDDEN = new Set<string>([...Object.values(SEARCH_INDEXES), 'keywords', 'key', 'parentId', 'titleKey', 'contentKeys', 'curation']);

export function nodeKey(n: Node): string {
  const id = n.properties.id;
  return typeof id === 'string' ? id : n.elementId;
}

export function plainProps(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!HIDDEN.has(k)) out[k] = toJson(v);
  return out;
}

/**
 * Any driver value → plain JSON: temporal values as ISO strings, integers as numbers while a
 * JSON number holds them exactly (|n| ≤ 2^53 − 1), beyond that as decimal strings
 * (`"9007199254740993"`), since a reader's double would silently round them (docs/api.md).
 */
export function toJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (neo4j.isInt(v)) return exactInteger(BigInt((v as Integer).toString()));
  if (typeof v === 'bigint') return exactInteger(v);
  if (neo4j.isNode(v)) return { id: nodeKey(v as Node), labels: (v as Node).labels, properties: plainProps((v as Node).properties) };
  if (neo4j.isRelationship(v)) {
    const r = v as Relationship;
    return { id: r.elementId, type: r.type, properties: plainProps(r.properties) };
  }
  if (neo4j.isPath(v)) {
    const p = v as Path;
    return { nodes: [p.start, ...p.segments.map((s) => s.end)].map(toJson), relationships: p.segments.map((s) => toJson(s.relationship)) };
  }
  if (neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v) || neo4j.isTime(v) || neo4j.isLocalTime(v) || neo4j.isDuration(v) || neo4j.isPoint(v))
    return String(v);
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toJson(x)]));
  return v;
}

const exactInteger = (n: bigint): number | string => (Number.isSafeInteger(Number(n)) ? Number(n) : n.toString());
