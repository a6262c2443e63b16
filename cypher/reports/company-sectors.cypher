// Sectors of the news items and write-ups that mention the company, ranked by those items, paged
// by $offset/$limit; the $examples newest tagging sentences each.
// One relationship per brief that states it: each item naming the company, then each (item,
// sector) pair, is kept once (WITH DISTINCT) before the next step (see company-totals.cypher).
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)
WITH DISTINCT c, x
MATCH (x)-[:TARGETS|ABOUT]->(s:Sector)
WITH DISTINCT c, x, s
WITH c, s, count(x) AS mentions
ORDER BY mentions DESC, s.name, s.id
SKIP $offset LIMIT $limit
CALL (c, s) {
  // The newest examples, read from the company's items: from the sector, a hub sector's items
  // were each checked for the company. Each item once, then its tagging sentences.
  MATCH (c)-[:MENTIONED_IN]->(x)
  WITH DISTINCT s, x
  MATCH (x)-[t:TARGETS|ABOUT]->(s)
  WITH t.evidence AS evidence, max(x.date) AS date
  ORDER BY date DESC, evidence LIMIT $examples
  RETURN collect(evidence) AS evidence
}
RETURN s.id AS id, s.name AS name, mentions, evidence
ORDER BY mentions DESC, name, id
