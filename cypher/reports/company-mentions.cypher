// Mentions of the company, newest first, paged by $offset/$limit: the sentence, the item and the
// brief. Ranked by the item's date, so briefs are read for the page only.
MATCH (c:Company {id: $id})-[m:MENTIONED_IN]->(x)
// One mention per item and brief: two merged companies named in one item leave two links to it.
WITH x, m ORDER BY m.line
WITH x, m.brief AS brief, collect(m)[0] AS m
WITH m, x ORDER BY x.date IS NULL, x.date DESC, x.id, m.brief
SKIP $offset LIMIT $limit
OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
RETURN x.id AS id, labels(x)[0] AS kind, coalesce(x.date, b.date) AS date,
       coalesce(x.text, x.title) AS item, m.evidence AS evidence, m.line AS line, m.page AS page,
       m.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY x.date IS NULL, x.date DESC, id, brief
