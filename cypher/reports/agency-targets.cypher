// Quantified targets set by the agency's policies.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)-[h:HAS_TARGET]->(t:Target)
OPTIONAL MATCH (b:Brief {id: 'brief:' + h.brief})
RETURN DISTINCT t.year AS year, t.text AS text, t.values AS values, p.title AS policy,
       h.evidence AS evidence, h.line AS line, h.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY year, policy, text
