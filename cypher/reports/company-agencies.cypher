// Agencies behind the policies of company-policies.cypher (same window), ranked by those
// policies, paged by $offset/$limit.
// One relationship per brief that states it: each item naming the company is kept once (WITH
// DISTINCT) before its sectors are read, as each policy is before its issuers.
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)
WITH DISTINCT x
MATCH (x)-[:TARGETS|ABOUT]->(s:Sector)
WITH s, min(x.date) AS first, max(x.date) AS last
WITH s, first - duration({days: $windowDays}) AS from, last + duration({days: $windowDays}) AS to
// Expanded from each sector, then filtered; no :Policy label, as in company-policies.cypher.
MATCH (s)<-[:TARGETS]-(p)
WHERE p.date >= from AND p.date <= to
// Each policy once, however many of the sectors it targets, before its issuers are read.
WITH DISTINCT p
MATCH (p)-[:ISSUED_BY]->(a:Agency)
WITH a, count(DISTINCT p) AS policies
ORDER BY policies DESC, coalesce(a.acronym, a.name), a.id
SKIP $offset LIMIT $limit
RETURN a.id AS id, coalesce(a.acronym, a.name) AS name, policies
ORDER BY policies DESC, name, id
