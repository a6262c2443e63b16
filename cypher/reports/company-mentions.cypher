// Every mention of the company, with the sentence, the item and the brief.
MATCH (c:Company {id: $id})-[m:MENTIONED_IN]->(x)
OPTIONAL MATCH (b:Brief {id: 'brief:' + m.brief})
RETURN x.id AS id, labels(x)[0] AS kind, coalesce(x.date, b.date) AS date,
       coalesce(x.text, x.title) AS item, m.evidence AS evidence, m.line AS line,
       m.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY date, id
