// Other companies in the same news items and write-ups, or in items about the same sectors.
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)
CALL {
  WITH c, x
  MATCH (o:Company)-[m:MENTIONED_IN]->(x) WHERE o <> c
  RETURN o, m, 'named in the same ' + CASE WHEN x:NewsItem THEN 'news item' ELSE 'write-up' END AS how, 0 AS rank
  UNION
  WITH c, x
  MATCH (x)-[:TARGETS|ABOUT]->(s:Sector)<-[:TARGETS|ABOUT]-(y)<-[m:MENTIONED_IN]-(o:Company)
  WHERE o <> c AND y <> x
  RETURN o, m, 'also in ' + s.name AS how, 1 AS rank
}
WITH o, min(rank) AS rank, collect(DISTINCT how)[..3] AS how, collect(DISTINCT m)[0] AS m
OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
RETURN o.id AS id, o.name AS name, rank, how, m.evidence AS evidence, m.line AS line, m.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY rank, name
LIMIT 40
