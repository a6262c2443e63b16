// Companies tied to the agency: named in its policies' write-ups, or named in write-ups and news
// about the sectors its policies target. Sectors are collected first, so a hub agency costs one
// pass over those sectors' mentions, not one per policy. The 50 most connected companies.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)
WITH collect(DISTINCT p) AS policies
CALL {
  WITH policies
  UNWIND policies AS p
  MATCH (c:Company)-[m:MENTIONED_IN]->(p)
  RETURN c, m, 'named in the write-up of “' + p.title + '”' AS how, 0 AS rank
  UNION
  WITH policies
  UNWIND policies AS p
  MATCH (p)-[:TARGETS]->(s:Sector)
  WITH DISTINCT s, policies
  MATCH (s)<-[:TARGETS|ABOUT]-(x)<-[m:MENTIONED_IN]-(c:Company)
  WHERE NOT x IN policies
  RETURN c, m, 'named in ' + CASE WHEN x:NewsItem THEN 'news' ELSE 'a write-up' END + ' on ' + s.name AS how, 1 AS rank
}
WITH c, min(rank) AS rank, count(m) AS weight, collect(DISTINCT how)[..3] AS how, collect(DISTINCT m)[..2] AS ms
ORDER BY rank, weight DESC, c.name
LIMIT 50
UNWIND ms AS m
OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
RETURN c.id AS id, c.name AS name, rank, weight, how,
       collect({evidence: m.evidence, line: m.line, brief: m.brief, briefTitle: b.title, briefDate: b.date}) AS citations
ORDER BY rank, weight DESC, name
