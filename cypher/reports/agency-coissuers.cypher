// Agencies that issued policies together with this one, ranked by joint policies, paged by
// $offset/$limit; the titles of at most $examples newest joint policies each.
// One relationship per brief that states it: the agency's policies, then each policy's
// co-issuers, are kept once each (WITH DISTINCT) before the next step. One pattern over both
// links made (links to the agency) × (links to the co-issuer) rows per policy.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)
WITH DISTINCT a, p
MATCH (p)-[:ISSUED_BY]->(co:Agency)
WHERE co <> a
WITH DISTINCT co, p
// Newest first, so that each co-issuer's titles start with its newest joint policies: one list
// per co-issuer, of at most the agency's policies, read in this one pass.
ORDER BY p.date DESC, p.title
WITH co, count(p) AS joint, collect(p.title)[..$examples] AS policies
ORDER BY joint DESC, coalesce(co.acronym, co.name), co.id
SKIP $offset LIMIT $limit
RETURN co.id AS id, coalesce(co.acronym, co.name) AS name, co.name AS fullName, joint, policies
ORDER BY joint DESC, name, id
