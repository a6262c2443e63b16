// name: company-mentions
// title: Where a company is mentioned
// description: Every news item and write-up naming a company, with the sentence and the brief.
// param: company: entity(Company) = company:tesla — the company (its id; a name or alias also works)
MATCH (c:Company)
WHERE c.id = $company OR toLower(c.name) = toLower($company) OR any(a IN c.aliases WHERE toLower(a) = toLower($company))
MATCH (c)-[m:MENTIONED_IN]->(x)
OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
RETURN x.date AS date, labels(x)[0] AS kind, m.evidence AS evidence, b.title AS brief, c, x
ORDER BY date IS NULL, date DESC
