// Sectors of the news items and write-ups that mention the company, ranked by those items, paged
// by $offset/$limit; the $examples newest tagging sentences each.
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s:Sector)
WITH c, s, count(DISTINCT x) AS mentions
ORDER BY mentions DESC, s.name, s.id
SKIP $offset LIMIT $limit
CALL {
  WITH c, s
  // The newest examples, read from the company's items: from the sector, a hub sector's items
  // were each checked for the company.
  MATCH (c)-[:MENTIONED_IN]->(x)-[t:TARGETS|ABOUT]->(s)
  WITH t.evidence AS evidence, max(x.date) AS date
  ORDER BY date DESC, evidence LIMIT $examples
  RETURN collect(evidence) AS evidence
}
RETURN s.id AS id, s.name AS name, mentions, evidence
ORDER BY mentions DESC, name, id
