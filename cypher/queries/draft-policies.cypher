// name: draft-policies
// title: Policies in draft status
// description: Drafts for comment and expert drafts, newest first, with their issuers.
MATCH (p:Policy {status: 'draft'})-[:ISSUED_BY]->(a:Agency)
RETURN p.date AS date, p.title AS title, p.titleZh AS titleZh, collect(DISTINCT a.acronym) AS issuers, p
ORDER BY date DESC
