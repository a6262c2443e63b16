// News items naming the agency, newest first, paged by $offset/$limit; one line each as evidence
// (the one naming it as lead, if any).
MATCH (a:Agency {id: $id})<-[:INVOLVES]-(n:NewsItem)
WITH DISTINCT a, n
ORDER BY n.date DESC, n.id
SKIP $offset LIMIT $limit
CALL {
  WITH a, n
  MATCH (a)<-[r:INVOLVES]-(n)
  WITH r ORDER BY r.lead DESC, r.brief LIMIT 1
  OPTIONAL MATCH (b:Brief {id: 'brief:' + r.brief})
  RETURN r, b
}
RETURN n.id AS id, n.date AS date, n.kind AS kind, n.text AS text, r.lead AS lead,
       r.evidence AS evidence, r.line AS line, r.page AS page, r.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY date DESC, id
