// Sectors the agency's policies target, ranked by number of policies, paged by $offset/$limit;
// at most $examples newest policies each as evidence.
// One relationship per brief that states it: each policy, then each (policy, sector) pair, is
// kept once (WITH DISTINCT) before the next step (see agency-totals.cypher).
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)
WITH DISTINCT p
MATCH (p)-[:TARGETS]->(s:Sector)
WITH DISTINCT p, s
// Newest first, so that each sector's list starts with its newest policies: one list per sector,
// of at most the agency's policies, read in this one pass (from the sectors, a hub sector's
// thousands of policies were read once per sector listed).
ORDER BY p.date DESC, p.title, p.id
WITH s, count(p) AS policies, collect(p)[..$examples] AS newest
ORDER BY policies DESC, s.name, s.id
SKIP $offset LIMIT $limit
CALL (s, newest) {
  // An example is a targeting statement, newest policy first: a policy several briefs restate
  // can give several. The newest $examples policies hold them all; their statements are read.
  UNWIND newest AS p
  MATCH (s)<-[t:TARGETS]-(p)
  WITH p, t ORDER BY p.date DESC, p.title, p.id, t.brief LIMIT $examples
  OPTIONAL MATCH (b:Brief {id: 'brief:' + t.brief})
  RETURN collect({policy: p.title, evidence: t.evidence, line: t.line, page: t.page, brief: t.brief, briefTitle: b.title, briefDate: b.date}) AS examples
}
RETURN s.id AS id, s.name AS name, policies, examples
ORDER BY policies DESC, name, id
