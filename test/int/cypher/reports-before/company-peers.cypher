// Other companies in the same news items and write-ups (rank 0), or in items on the $sectors
// sectors its mentions are most tagged with (rank 1). Companies are counted, not collected, so a
// much-mentioned company costs one small row per peer; the page ($offset/$limit) is then cited
// with one mention each.
MATCH (c:Company {id: $id})
CALL {
  WITH c
  MATCH (c)-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s:Sector)
  WITH s, count(DISTINCT x) AS n ORDER BY n DESC, s.name, s.id LIMIT $sectors // tie-break added for the oracle
  RETURN collect(s) AS sectors
}
CALL {
  WITH c
  MATCH (c)-[:MENTIONED_IN]->(x)<-[:MENTIONED_IN]-(o:Company)
  WHERE o <> c
  RETURN o, 0 AS rank, count(*) AS weight
  UNION ALL
  WITH c, sectors
  UNWIND sectors AS s
  MATCH (s)<-[:TARGETS|ABOUT]-(y)<-[:MENTIONED_IN]-(o:Company)
  WHERE o <> c AND NOT EXISTS { (c)-[:MENTIONED_IN]->(y) }
  RETURN o, 1 AS rank, count(*) AS weight
}
WITH c, sectors, o, min(rank) AS rank, sum(weight) AS weight
ORDER BY rank, weight DESC, o.name, o.id
SKIP $offset LIMIT $limit
CALL {
  WITH c, sectors, o, rank
  MATCH (o)-[m:MENTIONED_IN]->(y)
  WHERE CASE WHEN rank = 0 THEN EXISTS { (c)-[:MENTIONED_IN]->(y) }
             ELSE EXISTS { MATCH (y)-[:TARGETS|ABOUT]->(s) WHERE s IN sectors } END
  WITH sectors, rank, m, y ORDER BY y.date DESC, y.id, m.brief LIMIT 1 // tie-break added for the oracle
  OPTIONAL MATCH (y)-[:TARGETS|ABOUT]->(s) WHERE s IN sectors
  WITH rank, m, y, head(collect(s.name)) AS sector
  OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
  RETURN m, b, CASE WHEN rank = 0 THEN 'named in the same ' + CASE WHEN y:NewsItem THEN 'news item' ELSE 'write-up' END
                    ELSE 'also in ' + sector END AS how
}
RETURN o.id AS id, o.name AS name, rank, weight, [how] AS how, m.evidence AS evidence, m.line AS line, m.page AS page,
       m.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY rank, weight DESC, name, id
