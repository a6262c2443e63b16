// Agencies behind the policies of company-policies.cypher (same window), ranked by those
// policies, paged by $offset/$limit.
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s:Sector)
WITH s, min(x.date) AS first, max(x.date) AS last
WITH s, first - duration({days: $windowDays}) AS from, last + duration({days: $windowDays}) AS to
// Expanded from each sector, then filtered: a range seek on the date index per sector would read
// every policy in the window, whatever its sector.
MATCH (s)<-[:TARGETS]-(p:Policy)
WITH s, p, from, to
WHERE p.date + duration('P0D') >= from AND p.date <= to
MATCH (p)-[:ISSUED_BY]->(a:Agency)
WITH a, count(DISTINCT p) AS policies
ORDER BY policies DESC, coalesce(a.acronym, a.name), a.id
SKIP $offset LIMIT $limit
RETURN a.id AS id, coalesce(a.acronym, a.name) AS name, policies
ORDER BY policies DESC, name, id
