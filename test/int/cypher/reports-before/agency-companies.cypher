// Companies tied to the agency: named in its policies' write-ups (rank 0), or named in write-ups
// and news on the $sectors sectors its policies target most (rank 1). Companies are counted, not
// collected: a hub's thousands of mentions become one small row per company; the page
// ($offset/$limit) is then cited with at most $citations mentions each.
MATCH (a:Agency {id: $id})
CALL {
  WITH a
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)-[:TARGETS]->(s:Sector)
  WITH s, count(DISTINCT p) AS n ORDER BY n DESC, s.name, s.id LIMIT $sectors // tie-break added for the oracle
  RETURN collect(s) AS sectors
}
CALL {
  WITH a
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  MATCH (c:Company)-[:MENTIONED_IN]->(p)
  RETURN c, 0 AS rank, count(*) AS weight
  UNION ALL
  WITH a, sectors
  UNWIND sectors AS s
  MATCH (s)<-[:TARGETS|ABOUT]-(x)<-[:MENTIONED_IN]-(c:Company)
  WHERE NOT EXISTS { (x)-[:ISSUED_BY]->(a) }
  RETURN c, 1 AS rank, count(*) AS weight
}
WITH a, sectors, c, min(rank) AS rank, sum(weight) AS weight
ORDER BY rank, weight DESC, c.name, c.id
SKIP $offset LIMIT $limit
CALL {
  WITH a, sectors, c, rank
  MATCH (c)-[m:MENTIONED_IN]->(x)
  WHERE CASE WHEN rank = 0 THEN EXISTS { (x)-[:ISSUED_BY]->(a) }
             ELSE EXISTS { MATCH (x)-[:TARGETS|ABOUT]->(s) WHERE s IN sectors } END
  WITH sectors, rank, m, x ORDER BY x.date DESC, x.id, m.brief LIMIT $citations // tie-break added for the oracle
  OPTIONAL MATCH (x)-[:TARGETS|ABOUT]->(s) WHERE s IN sectors
  WITH rank, m, x, head(collect(s.name)) AS sector
  OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
  RETURN collect(DISTINCT CASE WHEN rank = 0 THEN 'named in the write-up of “' + x.title + '”'
                               ELSE 'named in ' + CASE WHEN x:NewsItem THEN 'news' ELSE 'a write-up' END + ' on ' + sector END) AS how,
         collect({evidence: m.evidence, line: m.line, page: m.page, brief: m.brief, briefTitle: b.title, briefDate: b.date}) AS citations
}
RETURN c.id AS id, c.name AS name, rank, weight, how, citations
ORDER BY rank, weight DESC, name, id
