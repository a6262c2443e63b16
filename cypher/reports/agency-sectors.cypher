// Sectors the agency's policies target, ranked by number of policies.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)-[t:TARGETS]->(s:Sector)
OPTIONAL MATCH (b:Brief {id: 'brief:' + t.brief})
WITH s, p, t, b ORDER BY p.date DESC
RETURN s.id AS id, s.name AS name, count(DISTINCT p) AS policies,
       collect({policy: p.title, evidence: t.evidence, line: t.line, brief: t.brief, briefTitle: b.title, briefDate: b.date})[..5] AS examples
ORDER BY policies DESC, name
