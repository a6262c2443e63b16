// name: agency-policies
// title: An agency's policies with co-issuers
// description: Every policy an agency issued, whether it led, and who issued it with it.
// param: agency: entity(Agency) = agency:MIIT — the agency (its id; an acronym or full name also works)
MATCH (a:Agency) WHERE a.id = $agency OR a.acronym = $agency OR toLower(a.name) = toLower($agency)
MATCH (p:Policy)-[i:ISSUED_BY]->(a)
OPTIONAL MATCH (p)-[:ISSUED_BY]->(co:Agency) WHERE co <> a
RETURN p.date AS date, p.title AS title, p.titleZh AS titleZh, i.lead AS lead,
       collect(DISTINCT coalesce(co.acronym, co.name)) AS coIssuers, p, a
ORDER BY date DESC
