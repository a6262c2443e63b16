// Counts per quarter for one sector: policies targeting it, news items about it, and distinct
// agencies issuing those policies. Dates given only as a year have no quarter and are left out.
// One relationship per brief that states it: each subquery keeps one row per item (WITH DISTINCT)
// before reading dates or taking the next step (see agency.cypher; 76 s for a hub sector before).
MATCH (s:Sector {id: $id})
CALL (s) {
  MATCH (s)<-[:TARGETS]-(p:Policy)
  WITH DISTINCT p
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(p) AS n
  RETURN collect([y, q, n]) AS primary
}
CALL (s) {
  MATCH (s)<-[:ABOUT]-(x:NewsItem)
  WITH DISTINCT x
  WHERE x.date IS NOT NULL AND coalesce(x.datePrecision, 'day') <> 'year'
  WITH x.date.year AS y, (x.date.month + 2) / 3 AS q, count(x) AS n
  RETURN collect([y, q, n]) AS news
}
CALL (s) {
  MATCH (s)<-[:TARGETS]-(p:Policy)
  WITH DISTINCT p
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  MATCH (p)-[:ISSUED_BY]->(ag:Agency)
  WITH DISTINCT p, ag
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(DISTINCT ag) AS n
  RETURN collect([y, q, n]) AS agencies
}
RETURN s.name AS name, primary, news, agencies
