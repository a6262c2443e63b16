// Other companies in the same news items and write-ups, or in items about the same sectors.
// Sectors are collected first, so a much-mentioned company costs one pass per sector.
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)
WITH c, collect(DISTINCT x) AS items
CALL {
  WITH c, items
  UNWIND items AS x
  MATCH (o:Company)-[m:MENTIONED_IN]->(x) WHERE o <> c
  RETURN o, m, 'named in the same ' + CASE WHEN x:NewsItem THEN 'news item' ELSE 'write-up' END AS how, 0 AS rank
  UNION
  WITH c, items
  UNWIND items AS x
  MATCH (x)-[:TARGETS|ABOUT]->(s:Sector)
  WITH DISTINCT c, s, items
  MATCH (s)<-[:TARGETS|ABOUT]-(y)<-[m:MENTIONED_IN]-(o:Company)
  WHERE o <> c AND NOT y IN items
  RETURN o, m, 'also in ' + s.name AS how, 1 AS rank
}
WITH o, min(rank) AS rank, count(m) AS weight, collect(DISTINCT how)[..3] AS how, collect(m)[0] AS m
ORDER BY rank, weight DESC, o.name
LIMIT 40
OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
RETURN o.id AS id, o.name AS name, rank, how, m.evidence AS evidence, m.line AS line, m.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY rank, name
