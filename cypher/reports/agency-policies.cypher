// Policies the agency issued: one row per policy and brief, with the issuer line as evidence.
MATCH (a:Agency {id: $id})<-[i:ISSUED_BY]-(p:Policy)
OPTIONAL MATCH (b:Brief {id: 'brief:' + i.brief})
OPTIONAL MATCH (p)-[:ISSUED_BY]->(co:Agency) WHERE co <> a
WITH p, i, b, collect(DISTINCT coalesce(co.acronym, co.name)) AS coIssuers
RETURN p.id AS id, p.title AS title, p.titleZh AS titleZh, p.date AS date, p.status AS status,
       p.summary AS summary, i.lead AS lead, coIssuers,
       i.evidence AS evidence, i.line AS line, i.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY date, title
