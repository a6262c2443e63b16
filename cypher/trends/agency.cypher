// Counts per quarter for one agency: policies it issued, news items involving it, and distinct
// co-issuers (other agencies on its policies). Dates given only as a year have no quarter and are
// left out. Every pattern starts from the agency found by its id index.
// A pair of nodes has one relationship per brief that states it, so a hub's 10,000 ISSUED_BY
// links are a few hundred policies: each subquery keeps one row per item (WITH DISTINCT) before
// reading dates or taking the next step. Stepping on from every link instead made policy × links ×
// co-issuer links rows (28 million for MIIT at 10,000 briefs, 55 s).
MATCH (a:Agency {id: $id})
CALL (a) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(p) AS n
  RETURN collect([y, q, n]) AS primary
}
CALL (a) {
  MATCH (a)<-[:INVOLVES]-(x:NewsItem)
  WITH DISTINCT x
  WHERE x.date IS NOT NULL AND coalesce(x.datePrecision, 'day') <> 'year'
  WITH x.date.year AS y, (x.date.month + 2) / 3 AS q, count(x) AS n
  RETURN collect([y, q, n]) AS news
}
CALL (a) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  MATCH (p)-[:ISSUED_BY]->(co:Agency)
  WHERE co <> a
  WITH DISTINCT p, co
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(DISTINCT co) AS n
  RETURN collect([y, q, n]) AS agencies
}
RETURN coalesce(a.acronym, a.name) AS name, primary, news, agencies
