// News items naming the agency, newest first.
MATCH (a:Agency {id: $id})<-[r:INVOLVES]-(n:NewsItem)
OPTIONAL MATCH (b:Brief {id: 'brief:' + r.brief})
RETURN n.id AS id, n.date AS date, n.kind AS kind, n.text AS text, r.lead AS lead,
       r.evidence AS evidence, r.line AS line, r.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY date DESC, id
