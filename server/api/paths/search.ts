import neo4j, { Path, PathSegment, type ManagedTransaction, type Node, type Relationship } from 'neo4j-driver';
import type { NodeLabel } from '../../graph/model.js';
import { factRel } from '../../graph/visible.js';

/**
 * All shortest paths between two nodes over fact relationships, found by a breadth-first search
 * from both ends that expands, each step, the side whose frontier has fewer relationships.
 *
 * The answer is the same set of shortest paths as `allShortestPaths` (the oracle in
 * test/int/paths-search.int.test.ts); from it the `limit` with the fewest weak links are
 * returned, ties in a fixed order (element ids along the path), so a request gives the same answer
 * every time, where `allShortestPaths … LIMIT` ranked only the arbitrary subset it read first.
 * Between hubs (more than MAX_RELATIONSHIPS_READ to walk) the database's search answers instead,
 * as it did before: it stops at its first candidates, a walk from the app does not.
 */

/**
 * Passing through one of these is co-occurrence, not a relation between the two ends: two news
 * items about the same sector, a policy and a news item in the same place.
 */
export const WEAK_VIA: Record<string, string> = {
  Sector: 'same sector',
  Place: 'same place',
  Outlet: 'same outlet',
  Target: 'same target',
  Brief: 'same brief',
};

/**
 * Relationships the walk may read (the sum of the degrees of the frontiers it expands). Beyond it
 * (two hubs four hops apart: BASF and MIIT meet in 46,000 of MIIT's policies at 10,000 briefs)
 * walking from the app costs more than the database's allShortestPaths, which stops at its first
 * candidates, so that answers, as it did before: memory stays bounded either way.
 */
export const MAX_RELATIONSHIPS_READ = 5_000;

export interface SearchQuery {
  fromLabel: NodeLabel;
  from: string;
  toLabel: NodeLabel;
  to: string;
  maxLength: number;
  limit: number;
  /** Tests lower it to reach the cap on a small graph. */
  maxRead?: number;
}

export interface SearchResult {
  /** False when either end does not exist (`missing` says which). */
  missing: 'from' | 'to' | null;
  /** The shortest paths, fewest weak links first, at most `limit`. */
  paths: Path[];
  /** True when the walk would have read more than MAX_RELATIONSHIPS_READ and allShortestPaths answered. */
  byDatabase: boolean;
}

// Labels come from the id prefix (a closed enum); everything else is a parameter.
const endsStatement = (from: NodeLabel, to: NodeLabel) => `
OPTIONAL MATCH (a:${from} {id: $from})
OPTIONAL MATCH (b:${to} {id: $to})
RETURN elementId(a) AS a, CASE WHEN a IS NULL THEN 0 ELSE COUNT { (a)-${factRel()}-() } END AS aDegree,
       elementId(b) AS b, CASE WHEN b IS NULL THEN 0 ELSE COUNT { (b)-${factRel()}-() } END AS bDegree`;

/**
 * One breadth-first step: the neighbours of a frontier not yet seen from that side ($seen: the
 * frontier and the layer before it, the only layers an undirected neighbour can be in), each with
 * the relationships that reach it and its degree (what expanding it would read).
 */
export const EXPAND = `
UNWIND $frontier AS id
MATCH (n) WHERE elementId(n) = id
MATCH (n)-${factRel('r')}-(m) WHERE NOT elementId(m) IN $seen
WITH m, collect([id, elementId(r)]) AS links
RETURN elementId(m) AS id, labels(m)[0] AS label, COUNT { (m)-${factRel()}-() } AS degree, links`;

/**
 * The last step a maxLength allows: only the neighbours the other side has reached matter, so
 * the database reads the frontier's relationships but returns only the meeting nodes (the layer
 * a last step would build is the largest: 63,000 nodes for an agency's policies' neighbours).
 */
export const MEET = `
UNWIND $frontier AS id
MATCH (n) WHERE elementId(n) = id
MATCH (n)-${factRel('r')}-(m) WHERE elementId(m) IN $targets
WITH m, collect([id, elementId(r)]) AS links
RETURN elementId(m) AS id, labels(m)[0] AS label, 0 AS degree, links`;

export const FETCH = `
CALL { UNWIND $nodes AS id MATCH (n) WHERE elementId(n) = id RETURN collect(n) AS nodes }
CALL { UNWIND $rels AS id MATCH ()-[r]->() WHERE elementId(r) = id RETURN collect(r) AS rels }
RETURN nodes, rels`;

// The endpoint's statement before this search (issue 28), for pairs whose neighbourhoods are
// too large to walk from the app: the database reads only the first candidates.
const databaseStatement = (from: NodeLabel, to: NodeLabel, maxLength: number) => `
MATCH (a:${from} {id: $from})
MATCH (b:${to} {id: $to})
MATCH p = allShortestPaths((a)-${factRel('', `*..${maxLength}`)}-(b))
RETURN p
LIMIT $candidates`;

/** allShortestPaths' first limit × 5 paths (at most 100), the `limit` strongest of them. */
async function databaseSearch(tx: ManagedTransaction, q: SearchQuery): Promise<Path[]> {
  const candidates = neo4j.int(Math.min(100, q.limit * 5));
  const found = (await tx.run(databaseStatement(q.fromLabel, q.toLabel, q.maxLength), { from: q.from, to: q.to, candidates })).records.map(
    (r) => r.get('p') as Path,
  );
  const weak = (p: Path) => p.segments.slice(0, -1).filter((s) => WEAK_VIA[s.end.labels[0] ?? '']).length;
  return found
    .map((p) => ({ p, weak: weak(p) }))
    .sort((x, y) => x.weak - y.weak)
    .slice(0, q.limit)
    .map(({ p }) => p);
}

/** What one side of the search knows: depth of each node seen, and how it was reached. */
class Side {
  readonly depth = new Map<string, number>();
  /** node → [previous node, relationship] for every shortest way from this side's end. */
  readonly parents = new Map<string, [string, string][]>();
  frontier: string[];
  previous: string[] = [];
  cost: number;
  level = 0;
  constructor(start: string, degree: number) {
    this.depth.set(start, 0);
    this.frontier = [start];
    this.cost = degree;
  }
}

const num = (v: unknown) => Number(v);

export async function searchShortestPaths(tx: ManagedTransaction, q: SearchQuery): Promise<SearchResult> {
  const ends = (await tx.run(endsStatement(q.fromLabel, q.toLabel), { from: q.from, to: q.to })).records[0]!;
  const a = ends.get('a') as string | null;
  const b = ends.get('b') as string | null;
  if (!a) return { missing: 'from', paths: [], byDatabase: false };
  if (!b) return { missing: 'to', paths: [], byDatabase: false };

  const label = new Map<string, string>();
  const sides = [new Side(a, num(ends.get('aDegree'))), new Side(b, num(ends.get('bDegree')))] as const;
  let read = 0;
  let meet: string[] = [];
  let length = 0;
  while (sides[0].level + sides[1].level < q.maxLength) {
    if (!sides[0].frontier.length || !sides[1].frontier.length) break; // one end's component is exhausted
    const i = sides[1].cost < sides[0].cost ? 1 : 0;
    const side = sides[i];
    const other = sides[1 - i]!;
    const last = sides[0].level + sides[1].level + 1 === q.maxLength;
    if (read + side.cost > (q.maxRead ?? MAX_RELATIONSHIPS_READ)) return { missing: null, paths: await databaseSearch(tx, q), byDatabase: true };
    read += side.cost;
    const rows = last
      ? (await tx.run(MEET, { frontier: side.frontier, targets: other.frontier })).records
      : (await tx.run(EXPAND, { frontier: side.frontier, seen: [...side.frontier, ...side.previous] })).records;
    side.level += 1;
    side.previous = side.frontier;
    side.frontier = [];
    side.cost = 0;
    for (const r of rows) {
      const id = r.get('id') as string;
      side.depth.set(id, side.level);
      side.parents.set(id, r.get('links') as [string, string][]);
      side.frontier.push(id);
      side.cost += num(r.get('degree'));
      label.set(id, r.get('label') as string);
      const d = other.depth.get(id);
      if (d === undefined) continue;
      if (!meet.length || side.level + d < length) [meet, length] = [[id], side.level + d];
      else if (side.level + d === length) meet.push(id);
    }
    if (meet.length) break;
  }
  if (!meet.length) return { missing: null, paths: [], byDatabase: false };

  const chosen = rankedPaths(a, b, meet, length, sides, label, q.limit);
  const nodeIds = [...new Set(chosen.flatMap((p) => p.nodes))];
  const relIds = [...new Set(chosen.flatMap((p) => p.rels))];
  const fetched = (await tx.run(FETCH, { nodes: nodeIds, rels: relIds })).records[0]!;
  const nodes = new Map((fetched.get('nodes') as Node[]).map((n) => [n.elementId, n]));
  const rels = new Map((fetched.get('rels') as Relationship[]).map((r) => [r.elementId, r]));
  const paths = chosen.map(({ nodes: ns, rels: rs }) => {
    const segments = rs.map((r, k) => new PathSegment(nodes.get(ns[k]!)!, rels.get(r)!, nodes.get(ns[k + 1]!)!));
    return new Path(nodes.get(a)!, nodes.get(b)!, segments);
  });
  return { missing: null, paths, byDatabase: false };
}

interface Chosen {
  nodes: string[];
  rels: string[];
}

/**
 * The `limit` shortest paths with the fewest weak links, ties in lexicographic order of
 * (next node, relationship) element ids. The paths are those of the layered graph the search
 * built: from `a` forward through its side's parents to a meeting node, then along the other
 * side's parents to `b`. `best` (fewest weak nodes from a node to `b`) is exact, so the
 * depth-first walk for each weak count only enters branches that end in a path it emits or one
 * it emitted for a smaller count: the work is bounded by limit × length², not by the number of
 * shortest paths (millions between two hubs).
 */
function rankedPaths(a: string, b: string, meet: string[], length: number, sides: readonly [Side, Side], label: Map<string, string>, limit: number): Chosen[] {
  const weak = (n: string) => (n !== a && n !== b && WEAK_VIA[label.get(n) ?? ''] ? 1 : 0);
  const next = new Map<string, [string, string][]>();
  const best = new Map<string, number>([[b, 0]]);

  // Toward b: the meeting nodes and b's side follow b's side's parents.
  const towardB = (n: string): number => {
    const known = best.get(n);
    if (known !== undefined) return known;
    const steps = sides[1].parents.get(n)!;
    next.set(
      n,
      steps.map(([p, r]) => [p, r]),
    );
    const value = Math.min(...steps.map(([p]) => weak(p) + towardB(p)));
    best.set(n, value);
    return value;
  };
  meet.forEach(towardB);
  // From a: a's side's parents, reversed, layer by layer from the meeting nodes back to a.
  let layer = meet;
  while (!layer.includes(a)) {
    const below = new Set<string>();
    for (const c of layer) {
      for (const [p, r] of sides[0].parents.get(c)!) {
        const via = weak(c) + best.get(c)!;
        if (!next.has(p)) next.set(p, []);
        next.get(p)!.push([c, r]);
        best.set(p, Math.min(best.get(p) ?? Infinity, via));
        below.add(p);
      }
    }
    layer = [...below];
  }
  for (const steps of next.values()) steps.sort(([n1, r1], [n2, r2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : r1 < r2 ? -1 : r1 > r2 ? 1 : 0));

  const out: Chosen[] = [];
  const nodes = [a];
  const rels: string[] = [];
  const walk = (n: string, cost: number, target: number): void => {
    if (out.length >= limit || cost + best.get(n)! > target) return;
    if (n === b) {
      if (cost === target) out.push({ nodes: [...nodes], rels: [...rels] });
      return;
    }
    for (const [m, r] of next.get(n)!) {
      nodes.push(m);
      rels.push(r);
      walk(m, cost + weak(m), target);
      nodes.pop();
      rels.pop();
    }
  };
  // A path of `length` hops has length - 1 nodes between its ends that can be weak.
  for (let target = best.get(a)!; target < length && out.length < limit; target++) walk(a, 0, target);
  return out;
}
