// Policies the agency issued, newest first, one row per policy, paged by $offset/$limit. Ranking
// reads one small row per policy (top-k sort, no list of the hub's policies is built); co-issuers
// and at most $citations issuer lines are read for the page only.
MATCH (a:Agency {id: $id})<-[i:ISSUED_BY]-(p:Policy)
WITH a, p, max(toInteger(i.lead)) = 1 AS lead
ORDER BY p.date DESC, p.title, p.id
SKIP $offset LIMIT $limit
CALL {
  WITH a, p
  OPTIONAL MATCH (p)-[:ISSUED_BY]->(co:Agency) WHERE co <> a
  RETURN collect(DISTINCT coalesce(co.acronym, co.name)) AS coIssuers
}
CALL {
  WITH a, p
  MATCH (a)<-[i:ISSUED_BY]-(p)
  WITH i ORDER BY i.brief LIMIT $citations
  OPTIONAL MATCH (b:Brief {id: 'brief:' + i.brief})
  RETURN collect({evidence: i.evidence, line: i.line, page: i.page, brief: i.brief, briefTitle: b.title, briefDate: b.date}) AS citations
}
RETURN p.id AS id, p.title AS title, p.titleZh AS titleZh, p.date AS date, p.datePrecision AS datePrecision,
       p.status AS status, p.extraction AS extraction, p.summary AS summary, lead, coIssuers, citations
ORDER BY date DESC, title, id
