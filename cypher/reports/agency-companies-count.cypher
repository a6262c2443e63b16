// How many companies agency-companies.cypher ranks (same two ways, counted only).
// One relationship per brief that states it: each policy and each item is kept once (WITH
// DISTINCT) before the companies naming it are read (see agency-companies.cypher).
MATCH (a:Agency {id: $id})
CALL (a) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  MATCH (p)-[:TARGETS]->(s:Sector)
  WITH DISTINCT p, s
  WITH s, count(p) AS n ORDER BY n DESC, s.name, s.id LIMIT $sectors
  RETURN collect(s) AS sectors
}
CALL (a, sectors) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  MATCH (p)<-[:MENTIONED_IN]-(c:Company)
  RETURN c
  UNION
  UNWIND sectors AS s
  MATCH (s)<-[:TARGETS|ABOUT]-(x)
  WITH DISTINCT a, x
  WHERE NOT EXISTS { (x)-[:ISSUED_BY]->(a) }
  MATCH (x)<-[:MENTIONED_IN]-(c:Company)
  RETURN c
}
RETURN count(DISTINCT c) AS total
