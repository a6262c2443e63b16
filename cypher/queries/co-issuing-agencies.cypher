// name: co-issuing-agencies
// title: Agencies that co-issue most often
// description: Pairs of agencies ranked by the number of policies they issued together.
// param: limit: integer = 20 — how many pairs
MATCH (a:Agency)<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(b:Agency)
WHERE a.id < b.id
WITH a, b, collect(DISTINCT p) AS policies
RETURN a.acronym AS agency, b.acronym AS coIssuer, size(policies) AS jointPolicies,
       [p IN policies | p.title][..5] AS examples, a, b
ORDER BY jointPolicies DESC, agency, coIssuer
LIMIT $limit
