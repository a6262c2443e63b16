// Sectors the agency's policies target, ranked by number of policies, paged by $offset/$limit;
// at most $examples newest policies each as evidence.
// One relationship per brief that states it: each policy, then each (policy, sector) pair, is
// kept once (WITH DISTINCT) before the next step (see agency-totals.cypher).
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)
WITH DISTINCT a, p
MATCH (p)-[:TARGETS]->(s:Sector)
WITH DISTINCT a, p, s
WITH a, s, count(p) AS policies
ORDER BY policies DESC, s.name, s.id
SKIP $offset LIMIT $limit
CALL (a, s) {
  // From the sector, each policy checked for the agency: one pass over the sector's policies,
  // where a pattern from the agency read all of a hub's policies once per sector. Each policy is
  // checked once, not once per brief stating that it targets the sector.
  MATCH (s)<-[:TARGETS]-(p:Policy)
  WITH DISTINCT a, s, p
  WHERE EXISTS { (p)-[:ISSUED_BY]->(a) }
  // An example is a targeting statement, newest policy first: a policy several briefs restate
  // can give several. The newest $examples policies hold them all; their statements are read.
  WITH s, p ORDER BY p.date DESC, p.title, p.id LIMIT $examples
  MATCH (s)<-[t:TARGETS]-(p)
  WITH p, t ORDER BY p.date DESC, p.title, p.id, t.brief LIMIT $examples
  OPTIONAL MATCH (b:Brief {id: 'brief:' + t.brief})
  RETURN collect({policy: p.title, evidence: t.evidence, line: t.line, page: t.page, brief: t.brief, briefTitle: b.title, briefDate: b.date}) AS examples
}
RETURN s.id AS id, s.name AS name, policies, examples
ORDER BY policies DESC, name, id
