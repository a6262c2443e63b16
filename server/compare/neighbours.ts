import neo4j from 'neo4j-driver';
import type { Executor } from '../graph/executor.js';
import { LABELS } from '../graph/model.js';
import { plainProps } from '../graph/values.js';
import type { TrendKind } from '../trends/series.js';

/** Neighbours kept per list and entity: a hub's long tail is counted, not listed. */
export const NEIGHBOURS_PER_LIST = 100;

// Labels come from the trend kinds (an enum), never from input. The entity's policies and news
// items are reached from it through its id index; neighbours through those items, each with one
// relationship that states the link (its sentence, line and brief).
export const NEIGHBOURS = (label: TrendKind) => `
MATCH (e:${label} {id: $id})
OPTIONAL MATCH (e)-[:ISSUED_BY|TARGETS|MENTIONED_IN|INVOLVES|ABOUT]-(x)
WHERE x:Policy OR x:NewsItem
WITH e, collect(DISTINCT x) AS items
CALL {
  WITH e, items
  UNWIND items AS x
  MATCH (x)-[r:ISSUED_BY|INVOLVES]->(n:Agency) WHERE n <> e
  WITH n, count(DISTINCT x) AS k, collect(r)[0] AS r ORDER BY k DESC, n.id LIMIT $limit
  RETURN collect({id: n.id, name: coalesce(n.acronym, n.name), count: k, evidence: r.evidence, line: r.line, brief: r.brief}) AS agencies
}
CALL {
  WITH e, items
  UNWIND items AS x
  MATCH (x)-[r:TARGETS|ABOUT]->(n:Sector) WHERE n <> e
  WITH n, count(DISTINCT x) AS k, collect(r)[0] AS r ORDER BY k DESC, n.id LIMIT $limit
  RETURN collect({id: n.id, name: n.name, count: k, evidence: r.evidence, line: r.line, brief: r.brief}) AS sectors
}
CALL {
  WITH e, items
  UNWIND items AS x
  MATCH (n:Company)-[r:MENTIONED_IN]->(x) WHERE n <> e
  WITH n, count(DISTINCT x) AS k, collect(r)[0] AS r ORDER BY k DESC, n.id LIMIT $limit
  RETURN collect({id: n.id, name: n.name, count: k, evidence: r.evidence, line: r.line, brief: r.brief}) AS companies
}
CALL {
  WITH e, items
  UNWIND items AS x
  WITH e, x ORDER BY x.date DESC LIMIT 1
  MATCH (e)-[r]-(x) WHERE r.brief IS NOT NULL
  RETURN collect({evidence: r.evidence, line: r.line, brief: r.brief})[0] AS newest
}
RETURN coalesce(e.acronym, e.name) AS name,
  size([x IN items WHERE x:Policy]) AS policies, size([x IN items WHERE x:NewsItem]) AS news,
  agencies, sectors, companies, newest`;

export interface Cited {
  evidence: string;
  line: number | null;
  brief: string;
}
export interface Neighbour extends Cited {
  id: string;
  name: string;
  count: number;
}
export interface Neighbourhood {
  name: string;
  policies: number;
  news: number;
  agencies: Neighbour[];
  sectors: Neighbour[];
  companies: Neighbour[];
  /** The sentence behind its newest policy or news item. */
  newest: Cited | null;
}

export async function neighbourhood(executor: Executor, kind: TrendKind, id: string): Promise<Neighbourhood | undefined> {
  if (!(kind in LABELS)) throw new Error(`${kind} is not a label`);
  const row = await executor.read(async (tx) => (await tx.run(NEIGHBOURS(kind), { id, limit: neo4j.int(NEIGHBOURS_PER_LIST) })).records[0], {
    metadata: { feature: 'compare' },
  });
  if (!row) return undefined;
  const p = plainProps(row.toObject()) as unknown as Neighbourhood;
  return { ...p, name: String(p.name) };
}
