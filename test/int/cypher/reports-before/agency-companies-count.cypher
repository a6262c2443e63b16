// How many companies agency-companies.cypher ranks (same two ways, counted only).
MATCH (a:Agency {id: $id})
CALL {
  WITH a
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)-[:TARGETS]->(s:Sector)
  WITH s, count(DISTINCT p) AS n ORDER BY n DESC, s.name, s.id LIMIT $sectors // tie-break added for the oracle
  RETURN collect(s) AS sectors
}
CALL {
  WITH a
  MATCH (a)<-[:ISSUED_BY]-(:Policy)<-[:MENTIONED_IN]-(c:Company)
  RETURN c
  UNION
  WITH a, sectors
  UNWIND sectors AS s
  MATCH (s)<-[:TARGETS|ABOUT]-(x)<-[:MENTIONED_IN]-(c:Company)
  WHERE NOT EXISTS { (x)-[:ISSUED_BY]->(a) }
  RETURN c
}
RETURN count(DISTINCT c) AS total
