// Mentions of the company counted by the year of the item that names it.
MATCH (c:Company {id: $id})-[m:MENTIONED_IN]->(x)
RETURN x.date.year AS year, count(m) AS mentions
ORDER BY year
