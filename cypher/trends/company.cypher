// Counts per quarter for one company: policies mentioning it, news items mentioning it, and
// distinct agencies issuing those policies. Dates given only as a year are left out.
// One relationship per brief that states it: each subquery keeps one row per item (WITH DISTINCT)
// before reading dates or taking the next step (see agency.cypher).
MATCH (c:Company {id: $id})
CALL (c) {
  MATCH (c)-[:MENTIONED_IN]->(p:Policy)
  WITH DISTINCT p
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(p) AS n
  RETURN collect([y, q, n]) AS primary
}
CALL (c) {
  MATCH (c)-[:MENTIONED_IN]->(x:NewsItem)
  WITH DISTINCT x
  WHERE x.date IS NOT NULL AND coalesce(x.datePrecision, 'day') <> 'year'
  WITH x.date.year AS y, (x.date.month + 2) / 3 AS q, count(x) AS n
  RETURN collect([y, q, n]) AS news
}
CALL (c) {
  MATCH (c)-[:MENTIONED_IN]->(p:Policy)
  WITH DISTINCT p
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  MATCH (p)-[:ISSUED_BY]->(ag:Agency)
  WITH DISTINCT p, ag
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(DISTINCT ag) AS n
  RETURN collect([y, q, n]) AS agencies
}
RETURN c.name AS name, primary, news, agencies
