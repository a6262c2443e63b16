// Sectors the agency's policies target, ranked by number of policies, paged by $offset/$limit;
// at most $examples newest policies each as evidence.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)-[:TARGETS]->(s:Sector)
WITH a, s, count(DISTINCT p) AS policies
ORDER BY policies DESC, s.name, s.id
SKIP $offset LIMIT $limit
CALL {
  WITH a, s
  // From the sector, each policy checked for the agency: one pass over the sector's policies,
  // where a pattern from the agency read all of a hub's policies once per sector.
  MATCH (s)<-[t:TARGETS]-(p:Policy)
  WHERE EXISTS { (p)-[:ISSUED_BY]->(a) }
  WITH p, t ORDER BY p.date DESC, p.title, p.id, t.brief LIMIT $examples // tie-break added for the oracle
  OPTIONAL MATCH (b:Brief {id: 'brief:' + t.brief})
  RETURN collect({policy: p.title, evidence: t.evidence, line: t.line, page: t.page, brief: t.brief, briefTitle: b.title, briefDate: b.date}) AS examples
}
RETURN s.id AS id, s.name AS name, policies, examples
ORDER BY policies DESC, name, id
