// Other companies in the same news items and write-ups (rank 0), or in items on the $sectors
// sectors its mentions are most tagged with (rank 1). Companies are counted, not collected, so a
// much-mentioned company costs one small row per peer; the page ($offset/$limit) is then cited
// with one mention each.
// One relationship per brief that states it: every step keeps one row per node (WITH DISTINCT,
// or a count per node) before the next, so no row stands for a product of restated links.
MATCH (c:Company {id: $id})
CALL (c) {
  MATCH (c)-[:MENTIONED_IN]->(x)
  WITH DISTINCT x
  MATCH (x)-[:TARGETS|ABOUT]->(s:Sector)
  WITH DISTINCT x, s
  WITH s, count(x) AS n ORDER BY n DESC, s.name, s.id LIMIT $sectors
  RETURN collect(s) AS sectors
}
// The weight is the number of link pairs (its mention links and the peer's to a shared item; tag
// and mention links for rank 1), restatements included, as it always was: only the rows that
// carry it are fewer.
CALL (c, sectors) {
  MATCH (c)-[:MENTIONED_IN]->(x)
  WITH c, x, count(*) AS mine
  MATCH (x)<-[:MENTIONED_IN]-(o:Company)
  WHERE o <> c
  RETURN o, 0 AS rank, sum(mine) AS weight
  UNION ALL
  UNWIND sectors AS s
  MATCH (s)<-[:TARGETS|ABOUT]-(y)
  WITH c, y, count(*) AS tags
  WHERE NOT EXISTS { (c)-[:MENTIONED_IN]->(y) }
  MATCH (y)<-[:MENTIONED_IN]-(o:Company)
  WHERE o <> c
  RETURN o, 1 AS rank, sum(tags) AS weight
}
WITH c, sectors, o, min(rank) AS rank, sum(weight) AS weight
ORDER BY rank, weight DESC, o.name, o.id
SKIP $offset LIMIT $limit
CALL (c, sectors, o, rank) {
  // Each item naming the peer checked once, the newest kept, then its mention read: the citing
  // link is picked for the shown item only.
  MATCH (o)-[:MENTIONED_IN]->(y)
  WITH DISTINCT c, sectors, rank, o, y
  WHERE CASE WHEN rank = 0 THEN EXISTS { (c)-[:MENTIONED_IN]->(y) }
             ELSE EXISTS { MATCH (y)-[:TARGETS|ABOUT]->(s) WHERE s IN sectors } END
  WITH sectors, rank, o, y ORDER BY y.date DESC, y.id LIMIT 1
  MATCH (o)-[m:MENTIONED_IN]->(y)
  WITH sectors, rank, m, y ORDER BY m.brief LIMIT 1
  // The first of its listed sectors (in the order the item's links are read), read up to that
  // one: an item restated by many briefs has a link to its sector per brief.
  CALL (y, sectors) {
    OPTIONAL MATCH (y)-[:TARGETS|ABOUT]->(s) WHERE s IN sectors
    RETURN s.name AS sector LIMIT 1
  }
  OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
  RETURN m, b, CASE WHEN rank = 0 THEN 'named in the same ' + CASE WHEN y:NewsItem THEN 'news item' ELSE 'write-up' END
                    ELSE 'also in ' + sector END AS how
}
RETURN o.id AS id, o.name AS name, rank, weight, [how] AS how, m.evidence AS evidence, m.line AS line, m.page AS page,
       m.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY rank, weight DESC, name, id
