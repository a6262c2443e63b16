// Policies targeting the company's sectors, dated within $windowDays of its mentions in that
// sector, with issuers. The 200 newest.
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s:Sector)
WITH s, min(x.date) AS first, max(x.date) AS last
WITH s, first - duration({days: $windowDays}) AS from, last + duration({days: $windowDays}) AS to
MATCH (s)<-[t:TARGETS]-(p:Policy)
WHERE p.date >= from AND p.date <= to
WITH p, s, t ORDER BY p.date DESC, p.title LIMIT 200
OPTIONAL MATCH (p)-[i:ISSUED_BY]->(a:Agency)
OPTIONAL MATCH (b:Brief {id: 'brief:' + t.brief})
WITH p, s, t, b, collect(DISTINCT {id: a.id, name: coalesce(a.acronym, a.name), lead: i.lead}) AS agencies
RETURN p.id AS id, p.title AS title, p.titleZh AS titleZh, p.date AS date, s.name AS sector,
       agencies, t.evidence AS evidence, t.line AS line, t.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY date DESC, title
