// Companies tied to the agency: named in its policies' write-ups, or named in write-ups and news
// about the sectors its policies target.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)
CALL {
  WITH p
  MATCH (c:Company)-[m:MENTIONED_IN]->(p)
  RETURN c, m, 'named in the write-up of “' + p.title + '”' AS how, 0 AS rank
  UNION
  WITH p
  MATCH (p)-[:TARGETS]->(s:Sector)<-[:TARGETS|ABOUT]-(x)<-[m:MENTIONED_IN]-(c:Company)
  WHERE x <> p
  RETURN c, m, 'named in ' + CASE WHEN x:NewsItem THEN 'news' ELSE 'a write-up' END + ' on ' + s.name AS how, 1 AS rank
}
WITH c, min(rank) AS rank, collect(DISTINCT how)[..3] AS how, collect(DISTINCT m)[..2] AS ms
UNWIND ms AS m
OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
RETURN c.id AS id, c.name AS name, rank, how,
       collect({evidence: m.evidence, line: m.line, brief: m.brief, briefTitle: b.title, briefDate: b.date}) AS citations
ORDER BY rank, name
