// Agencies that issued policies together with this one, ranked by joint policies.
MATCH (a:Agency {id: $id})<-[:ISSUED_BY]-(p:Policy)-[:ISSUED_BY]->(co:Agency)
WHERE co <> a
RETURN co.id AS id, coalesce(co.acronym, co.name) AS name, co.name AS fullName,
       count(DISTINCT p) AS joint, collect(DISTINCT p.title) AS policies
ORDER BY joint DESC, name
