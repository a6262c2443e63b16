// name: co-issuing-agencies
// title: Agencies that co-issue most often
// description: Pairs of agencies ranked by the number of policies they issued together.
// param: limit: integer = 20 — how many pairs
// Each policy's issuers once, then every pair of them: one pass over the policies, and the pair's
// order (by id) read once per pair, not once per policy.
MATCH (p:Policy)-[:ISSUED_BY]->(i:Agency)
WITH p, collect(DISTINCT i) AS issuers
WHERE size(issuers) > 1
UNWIND issuers AS x
UNWIND issuers AS y
WITH x, y
WHERE elementId(x) < elementId(y)
WITH x, y, count(*) AS jointPolicies
WITH CASE WHEN x.id < y.id THEN [x, y] ELSE [y, x] END AS pair, jointPolicies
WITH pair[0] AS a, pair[1] AS b, jointPolicies
ORDER BY jointPolicies DESC, a.acronym, b.acronym
LIMIT $limit
// Examples for the listed pairs only: the newest five of their joint policies.
CALL {
  WITH a, b
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(b)
  WITH DISTINCT p ORDER BY p.date DESC, p.title LIMIT 5
  RETURN collect(p.title) AS examples
}
RETURN a.acronym AS agency, b.acronym AS coIssuer, jointPolicies, examples, a, b
ORDER BY jointPolicies DESC, agency, coIssuer
