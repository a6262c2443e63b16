// Mentions of the company counted by the year of the item that names it.
// One mention per item and brief (a merge can leave two links to one item).
MATCH (c:Company {id: $id})-[m:MENTIONED_IN]->(x)
WITH DISTINCT x, m.brief AS brief
RETURN x.date.year AS year, count(*) AS mentions
ORDER BY year
