// How many companies company-peers.cypher ranks (same two ways, counted only).
// One relationship per brief that states it: each item is kept once (WITH DISTINCT) before the
// companies naming it are read (see company-peers.cypher).
MATCH (c:Company {id: $id})
CALL (c) {
  MATCH (c)-[:MENTIONED_IN]->(x)
  WITH DISTINCT x
  MATCH (x)-[:TARGETS|ABOUT]->(s:Sector)
  WITH DISTINCT x, s
  WITH s, count(x) AS n ORDER BY n DESC, s.name, s.id LIMIT $sectors
  RETURN collect(s) AS sectors
}
CALL (c, sectors) {
  MATCH (c)-[:MENTIONED_IN]->(x)
  WITH DISTINCT c, x
  MATCH (x)<-[:MENTIONED_IN]-(o:Company)
  WHERE o <> c
  RETURN o
  UNION
  UNWIND sectors AS s
  MATCH (s)<-[:TARGETS|ABOUT]-(y)
  WITH DISTINCT c, y
  WHERE NOT EXISTS { (c)-[:MENTIONED_IN]->(y) }
  MATCH (y)<-[:MENTIONED_IN]-(o:Company)
  WHERE o <> c
  RETURN o
}
RETURN count(DISTINCT o) AS total
