// name: policy-targets
// title: Quantified targets by year
// description: Numeric targets set by policies, grouped by target year, with the issuing lead agency.
// param: year: integer = 2025 — target year
MATCH (p:Policy)-[:HAS_TARGET]->(t:Target {year: $year})
OPTIONAL MATCH (p)-[:ISSUED_BY {lead: true}]->(a:Agency)
RETURN t.year AS year, t.values AS values, t.text AS target, p.title AS policy, collect(DISTINCT a.acronym) AS lead
ORDER BY policy
