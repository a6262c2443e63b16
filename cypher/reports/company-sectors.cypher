// Sectors of the news items and write-ups that mention the company.
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)-[t:TARGETS|ABOUT]->(s:Sector)
RETURN s.id AS id, s.name AS name, count(DISTINCT x) AS mentions, collect(DISTINCT t.evidence)[..3] AS evidence
ORDER BY mentions DESC, name
