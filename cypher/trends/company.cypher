// Counts per quarter for one company: policies mentioning it, news items mentioning it, and
// distinct agencies issuing those policies. Dates given only as a year are left out.
MATCH (c:Company {id: $id})
CALL {
  WITH c
  MATCH (c)-[:MENTIONED_IN]->(p:Policy)
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(DISTINCT p) AS n
  RETURN collect([y, q, n]) AS primary
}
CALL {
  WITH c
  MATCH (c)-[:MENTIONED_IN]->(x:NewsItem)
  WHERE x.date IS NOT NULL AND coalesce(x.datePrecision, 'day') <> 'year'
  WITH x.date.year AS y, (x.date.month + 2) / 3 AS q, count(DISTINCT x) AS n
  RETURN collect([y, q, n]) AS news
}
CALL {
  WITH c
  MATCH (c)-[:MENTIONED_IN]->(p:Policy)-[:ISSUED_BY]->(ag:Agency)
  WHERE p.date IS NOT NULL AND coalesce(p.datePrecision, 'day') <> 'year'
  WITH p.date.year AS y, (p.date.month + 2) / 3 AS q, count(DISTINCT ag) AS n
  RETURN collect([y, q, n]) AS agencies
}
RETURN c.name AS name, primary, news, agencies
