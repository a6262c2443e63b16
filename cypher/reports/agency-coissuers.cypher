// Agencies that issued policies together with this one, ranked by joint policies, paged by
// $offset/$limit; the titles of at most $examples newest joint policies each.
// One relationship per brief that states it: the agency's policies, then each policy's
// co-issuers, are kept once each (WITH DISTINCT) before the next step. One pattern over both
// links made (links to the agency) × (links to the co-issuer) rows per policy.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)
WITH DISTINCT a, p
MATCH (p)-[:ISSUED_BY]->(co:Agency)
WHERE co <> a
WITH DISTINCT a, p, co
WITH a, co, count(p) AS joint
ORDER BY joint DESC, coalesce(co.acronym, co.name), co.id
SKIP $offset LIMIT $limit
CALL (a, co) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT co, p
  WHERE EXISTS { (p)-[:ISSUED_BY]->(co) }
  WITH p ORDER BY p.date DESC, p.title LIMIT $examples
  RETURN collect(p.title) AS policies
}
RETURN co.id AS id, coalesce(co.acronym, co.name) AS name, co.name AS fullName, joint, policies
ORDER BY joint DESC, name, id
