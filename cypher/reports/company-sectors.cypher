// Sectors of the news items and write-ups that mention the company, ranked by those items, paged
// by $offset/$limit; at most $examples tagging sentences each.
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s:Sector)
WITH c, s, count(DISTINCT x) AS mentions
ORDER BY mentions DESC, s.name, s.id
SKIP $offset LIMIT $limit
CALL {
  WITH c, s
  // From the sector, each item checked for the company, and only until $examples are found: a
  // pattern from the company read all of a much-mentioned company's items once per sector.
  MATCH (s)<-[t:TARGETS|ABOUT]-(x)
  WHERE EXISTS { (c)-[:MENTIONED_IN]->(x) }
  WITH DISTINCT t.evidence AS evidence LIMIT $examples
  RETURN collect(evidence) AS evidence
}
RETURN s.id AS id, s.name AS name, mentions, evidence
ORDER BY mentions DESC, name, id
