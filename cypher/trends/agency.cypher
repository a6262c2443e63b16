// Counts per quarter for one agency: policies it issued, news items involving it, and distinct
// co-issuers (other agencies on its policies). Dates given only as a year have no quarter and are
// left out. Every pattern starts from the agency found by its id index.
MATCH (a:Agency {id: $id})
CALL {
  WITH a
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(DISTINCT p) AS n
  RETURN collect([y, q, n]) AS primary
}
CALL {
  WITH a
  MATCH (a)<-[:INVOLVES]-(x:NewsItem)
  WHERE x.date IS NOT NULL AND coalesce(x.datePrecision, 'day') <> 'year'
  WITH x.date.year AS y, (x.date.month + 2) / 3 AS q, count(DISTINCT x) AS n
  RETURN collect([y, q, n]) AS news
}
CALL {
  WITH a
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(co:Agency)
  WHERE co <> a AND p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(DISTINCT co) AS n
  RETURN collect([y, q, n]) AS agencies
}
RETURN coalesce(a.acronym, a.name) AS name, primary, news, agencies
