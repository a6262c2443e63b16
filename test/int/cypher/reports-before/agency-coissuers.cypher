// Agencies that issued policies together with this one, ranked by joint policies, paged by
// $offset/$limit; the titles of at most $examples newest joint policies each.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(co:Agency)
WHERE co <> a
WITH a, co, count(DISTINCT p) AS joint
ORDER BY joint DESC, coalesce(co.acronym, co.name), co.id
SKIP $offset LIMIT $limit
CALL {
  WITH a, co
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(co)
  WITH DISTINCT p ORDER BY p.date DESC, p.title LIMIT $examples
  RETURN collect(p.title) AS policies
}
RETURN co.id AS id, coalesce(co.acronym, co.name) AS name, co.name AS fullName, joint, policies
ORDER BY joint DESC, name, id
