// Sectors of the news items and write-ups that mention the company, ranked by those items, paged
// by $offset/$limit; at most $examples tagging sentences each.
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s:Sector)
WITH c, s, count(DISTINCT x) AS mentions
ORDER BY mentions DESC, s.name, s.id
SKIP $offset LIMIT $limit
CALL {
  WITH c, s
  MATCH (c)-[:MENTIONED_IN]->()-[t:TARGETS|ABOUT]->(s)
  WITH DISTINCT t.evidence AS evidence LIMIT $examples
  RETURN collect(evidence) AS evidence
}
RETURN s.id AS id, s.name AS name, mentions, evidence
ORDER BY mentions DESC, name, id
