// name: news-timeline
// title: Policy and corporate news in a period
// description: News items between two dates with the agencies and companies they name.
// param: from: date = 2021-01-01 — first day
// param: to: date = 2030-12-31 — last day
MATCH (n:NewsItem) WHERE n.date >= date($from) AND n.date <= date($to)
OPTIONAL MATCH (n)-[:INVOLVES]->(a:Agency)
OPTIONAL MATCH (c:Company)-[:MENTIONED_IN]->(n)
RETURN n.date AS date, n.kind AS kind, n.text AS text,
       collect(DISTINCT coalesce(a.acronym, a.name)) AS agencies, collect(DISTINCT c.name) AS companies
ORDER BY date DESC
