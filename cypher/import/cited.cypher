// Policies a sentence names in quotation marks (docs/graph-model.md "Lineage"), run after
// lineage.cypher has keyed this transaction's policies: a policy whose summary says it implements
// one becomes IMPLEMENTS; a news item that announces no document becomes CITES_POLICY. The cited
// policy is found by its indexed lineage key, a draft only when the quoted title says draft.
// The rows travel in a map ($batch.rows), so the plan is cached whatever their number (writeBrief.ts).
UNWIND $batch.rows AS row
OPTIONAL MATCH (a:Policy {id: row.id}) WHERE row.label = 'Policy'
OPTIONAL MATCH (b:NewsItem {id: row.id}) WHERE row.label = 'NewsItem'
WITH row, coalesce(a, b) AS n WHERE n IS NOT NULL
UNWIND row.cited AS cited
MATCH (p:Policy {titleKey: cited.key})
WHERE p <> n AND (p.status = 'draft') = cited.draft
  AND NOT EXISTS { (n)-[:ANNOUNCES|IMPLEMENTS|CITES_POLICY]->(p) }
WITH row, cited, n, p, CASE row.label WHEN 'Policy' THEN 'IMPLEMENTS' ELSE 'CITES_POLICY' END AS type
CREATE (n)-[r:$(type)]->(p)
SET r.brief = row.brief, r.line = row.line, r.evidence = cited.sentence,
    r.rule = CASE type WHEN 'IMPLEMENTS' THEN 'sentence-implements' ELSE 'quoted-title' END
RETURN count(r) AS linked
