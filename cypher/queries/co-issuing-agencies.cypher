// name: co-issuing-agencies
// title: Agencies that co-issue most often
// description: Pairs of agencies ranked by the number of policies they issued together.
// param: limit: integer = 20 — how many pairs
MATCH (a:Agency)<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(b:Agency)
WHERE a.id < b.id
WITH a, b, count(DISTINCT p) AS jointPolicies
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
