// Lineage across briefs (docs/graph-model.md "Lineage"), run in the import's transaction after its
// briefs are written: each policy they state finds, by its indexed lineage key (the title without
// draft and edition markers), the policies of the same title issued by an overlapping body. A
// draft and a final document: FINAL_VERSION_OF, final → draft. Two editions (different edition
// markers, or one marked and one not): REVISES, later → earlier. One link per pair and type; it
// carries the importing brief, so removing that brief takes it away and re-importing makes it again.
// The evidence names the briefs that state each policy (its IN_BRIEF links; $briefPrefix is "brief:").
// The rows travel in a map ($batch.rows), so the plan is cached whatever their number (writeBrief.ts).
UNWIND $batch.rows AS row
MATCH (p:Policy {id: row.id})
SET p.titleKey = row.key, p.editionMark = row.mark
WITH p, row
MATCH (o:Policy {titleKey: row.key})
// By identity, not id: no property read for each policy of the key (a tenth of this statement's db hits).
WHERE o <> p
WITH p, o, row,
  CASE
    WHEN (p.status = 'draft') <> (o.status = 'draft') THEN 'FINAL_VERSION_OF'
    WHEN coalesce(p.editionMark, '') <> coalesce(o.editionMark, '') AND p.date IS NOT NULL AND o.date IS NOT NULL AND p.date <> o.date THEN 'REVISES'
  END AS type
WHERE type IS NOT NULL
WITH p, o, row, type,
  CASE WHEN type = 'FINAL_VERSION_OF' THEN (CASE WHEN p.status = 'draft' THEN o ELSE p END) WHEN p.date > o.date THEN p ELSE o END AS later,
  CASE WHEN type = 'FINAL_VERSION_OF' THEN (CASE WHEN p.status = 'draft' THEN p ELSE o END) WHEN p.date > o.date THEN o ELSE p END AS earlier
// A pair linked already (a restated policy: most pairs) stops here, before its issuers are
// compared; and only the two lineage types are read between the pair. A policy restated by
// thousands of briefs has thousands of links of other types, ISSUED_BY among them (issue 28).
WHERE NOT EXISTS { (later)-[x:FINAL_VERSION_OF|REVISES]->(earlier) WHERE type(x) = type }
WITH p, o, row, type, later, earlier
WHERE NOT EXISTS { (p)-[:ISSUED_BY]->() } OR NOT EXISTS { (o)-[:ISSUED_BY]->() } OR EXISTS { (p)-[:ISSUED_BY]->(:Agency)<-[:ISSUED_BY]-(o) }
// One link per pair and type: a batch that states both policies (or one twice) meets the pair
// from each row, and every check above ran before any link was made. The first brief in id order
// carries it.
WITH later, earlier, type, row ORDER BY row.brief, row.line
WITH later, earlier, type, head(collect(row)) AS row
CREATE (later)-[r:$(type)]->(earlier)
SET r.brief = row.brief,
    r.line = row.line,
    r.rule = CASE type WHEN 'FINAL_VERSION_OF' THEN 'same-title-draft-and-final' ELSE 'same-title-new-edition' END,
    r.evidence = '"' + later.title + '" (' + coalesce(later.date, 'date unknown') + ', briefs ' + reduce(s = '', b IN COLLECT { MATCH (later)-[:IN_BRIEF]->(x:Brief) RETURN substring(x.id, size($briefPrefix)) AS b ORDER BY b } | s + CASE s WHEN '' THEN '' ELSE ', ' END + b)
      + ') and "' + earlier.title + '" (' + coalesce(earlier.date, 'date unknown') + ', briefs ' + reduce(s = '', b IN COLLECT { MATCH (earlier)-[:IN_BRIEF]->(x:Brief) RETURN substring(x.id, size($briefPrefix)) AS b ORDER BY b } | s + CASE s WHEN '' THEN '' ELSE ', ' END + b)
      + '): the same title once draft and edition markers are removed, and the same issuer'
RETURN count(r) AS linked
