// Companies tied to the agency: named in its policies' write-ups (rank 0), or named in write-ups
// and news on the $sectors sectors its policies target most (rank 1). Companies are counted, not
// collected: a hub's thousands of mentions become one small row per company; the page
// ($offset/$limit) is then cited with at most $citations mentions each.
// One relationship per brief that states it: every step keeps one row per node (WITH DISTINCT,
// or a count per node) before the next, so no row stands for a product of restated links.
MATCH (a:Agency {id: $id})
CALL (a) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  MATCH (p)-[:TARGETS]->(s:Sector)
  WITH DISTINCT p, s
  WITH s, count(p) AS n ORDER BY n DESC, s.name, s.id LIMIT $sectors
  RETURN collect(s) AS sectors
}
// The weight is the number of mention links (times tag links for rank 1), restatements included,
// as it always was: only the rows that carry it are fewer.
CALL (a, sectors) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  MATCH (c:Company)-[:MENTIONED_IN]->(p)
  RETURN c, 0 AS rank, count(*) AS weight
  UNION ALL
  UNWIND sectors AS s
  MATCH (s)<-[:TARGETS|ABOUT]-(x)
  WITH a, x, count(*) AS tags
  WHERE NOT EXISTS { (x)-[:ISSUED_BY]->(a) }
  MATCH (x)<-[:MENTIONED_IN]-(c:Company)
  RETURN c, 1 AS rank, sum(tags) AS weight
}
WITH a, sectors, c, min(rank) AS rank, sum(weight) AS weight
ORDER BY rank, weight DESC, c.name, c.id
SKIP $offset LIMIT $limit
CALL (a, sectors, c, rank) {
  // Each item naming the company checked once, the newest kept, then their mentions read: the
  // citing links are picked for the shown items only.
  MATCH (c)-[:MENTIONED_IN]->(x)
  WITH DISTINCT a, sectors, rank, c, x
  WHERE CASE WHEN rank = 0 THEN EXISTS { (x)-[:ISSUED_BY]->(a) }
             ELSE EXISTS { MATCH (x)-[:TARGETS|ABOUT]->(s) WHERE s IN sectors } END
  WITH sectors, rank, c, x ORDER BY x.date DESC, x.id LIMIT $citations
  MATCH (c)-[m:MENTIONED_IN]->(x)
  WITH sectors, rank, m, x ORDER BY x.date DESC, x.id, m.brief LIMIT $citations
  // The first of its listed sectors (in the order the item's links are read), read up to that
  // one: an item restated by many briefs has a link to its sector per brief.
  CALL (x, sectors) {
    OPTIONAL MATCH (x)-[:TARGETS|ABOUT]->(s) WHERE s IN sectors
    RETURN s.name AS sector LIMIT 1
  }
  OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
  RETURN collect(DISTINCT CASE WHEN rank = 0 THEN 'named in the write-up of “' + x.title + '”'
                               ELSE 'named in ' + CASE WHEN x:NewsItem THEN 'news' ELSE 'a write-up' END + ' on ' + sector END) AS how,
         collect({evidence: m.evidence, line: m.line, page: m.page, brief: m.brief, briefTitle: b.title, briefDate: b.date}) AS citations
}
RETURN c.id AS id, c.name AS name, rank, weight, how, citations
ORDER BY rank, weight DESC, name, id
