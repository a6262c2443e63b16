// Counts per quarter for one sector: policies targeting it, news items about it, and distinct
// agencies issuing those policies. Dates given only as a year have no quarter and are left out.
MATCH (s:Sector {id: $id})
CALL {
  WITH s
  MATCH (s)<-[:TARGETS]-(p:Policy)
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(DISTINCT p) AS n
  RETURN collect([y, q, n]) AS primary
}
CALL {
  WITH s
  MATCH (s)<-[:ABOUT]-(x:NewsItem)
  WHERE x.date IS NOT NULL AND coalesce(x.datePrecision, 'day') <> 'year'
  WITH x.date.year AS y, (x.date.month + 2) / 3 AS q, count(DISTINCT x) AS n
  RETURN collect([y, q, n]) AS news
}
CALL {
  WITH s
  MATCH (s)<-[:TARGETS]-(p:Policy)-[:ISSUED_BY]->(ag:Agency)
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(DISTINCT ag) AS n
  RETURN collect([y, q, n]) AS agencies
}
RETURN s.name AS name, primary, news, agencies
