// How many companies company-peers.cypher ranks (same two ways, counted only).
MATCH (c:Company {id: $id})
CALL {
  WITH c
  MATCH (c)-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s:Sector)
  WITH s, count(DISTINCT x) AS n ORDER BY n DESC, s.name, s.id LIMIT $sectors // tie-break added for the oracle
  RETURN collect(s) AS sectors
}
CALL {
  WITH c
  MATCH (c)-[:MENTIONED_IN]->()<-[:MENTIONED_IN]-(o:Company)
  WHERE o <> c
  RETURN o
  UNION
  WITH c, sectors
  UNWIND sectors AS s
  MATCH (s)<-[:TARGETS|ABOUT]-(y)<-[:MENTIONED_IN]-(o:Company)
  WHERE o <> c AND NOT EXISTS { (c)-[:MENTIONED_IN]->(y) }
  RETURN o
}
RETURN count(DISTINCT o) AS total
