// Quantified targets set by the agency's policies, those of the newest policies first, paged by
// $offset/$limit; one target line each as evidence.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)-[:HAS_TARGET]->(t:Target)
WITH DISTINCT p, t
ORDER BY p.date DESC, p.title, t.year, t.text, p.id, t.id // tie-break added for the oracle
SKIP $offset LIMIT $limit
CALL {
  WITH p, t
  MATCH (p)-[h:HAS_TARGET]->(t)
  WITH h ORDER BY h.brief LIMIT 1
  OPTIONAL MATCH (b:Brief {id: 'brief:' + h.brief})
  RETURN h, b
}
RETURN t.year AS year, t.text AS text, t.values AS values, p.title AS policy,
       h.evidence AS evidence, h.line AS line, h.page AS page, h.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY p.date DESC, policy, year, text, p.id, t.id // tie-break added for the oracle
