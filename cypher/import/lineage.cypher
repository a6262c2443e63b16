// Lineage across briefs (docs/graph-model.md "Lineage"), run in the import's transaction after its
// briefs are written: each policy they state finds, by its indexed lineage key (the title without
// draft and edition markers), the policies of the same title issued by an overlapping body. A
// draft and a final document: FINAL_VERSION_OF, final → draft. Two editions (different edition
// markers, or one marked and one not): REVISES, later → earlier. One link per pair and type; it
// carries the importing brief, so removing that brief takes it away and re-importing makes it again.
// The evidence names the briefs that state each policy (its IN_BRIEF links; $briefPrefix is "brief:").
// The rows travel in a map ($batch.rows), so the plan is cached whatever their number (writeBrief.ts).
//
// Only pairs with an "open" policy are looked at (issue 28): one this write may have changed for
// lineage, or one marked `lineageRecheck` since. Every other pair was looked at when the later of
// its two policies was last stated, and nothing it depends on has changed since: it is linked
// already or never links (other issuers, or the same status and edition). A policy is open when
// it is new (`row.was` null), its key, edition marker, status or date differ from before the
// write (`row.was`, read by lineage-before.cypher), it gained an issuer, or it is
// marked (lineage-recheck.cypher: it lost a lineage link or its last issuer, or a correction
// touched it). Stating a marked policy looks at all its pairs and clears the mark. A policy with
// no key yet is new too: the removal of its brief's earlier version took it away with its links.
// `row.open`: it gained an issuer, or the write took away one of its lineage links.
UNWIND $batch.rows AS row
MATCH (p:Policy {id: row.id})
WITH row, p,
  row.open OR row.was IS NULL OR p.titleKey IS NULL OR p.lineageRecheck IS NOT NULL
  OR NOT coalesce(row.was.key = row.key AND row.was.mark = row.mark, false)
  OR NOT coalesce(p.status = row.was.status, p.status IS NULL AND row.was.status IS NULL)
  OR NOT coalesce(p.date = row.was.date, p.date IS NULL AND row.was.date IS NULL) AS changed
SET p.titleKey = row.key, p.editionMark = row.mark
REMOVE p.lineageRecheck
WITH collect({row: row, p: p}) AS rows, collect(DISTINCT CASE WHEN changed THEN p END) AS changed
// Marked policies no brief of the batch states, under the batch's keys (an index seek each).
CALL {
  WITH rows
  UNWIND rows AS x
  WITH DISTINCT x.row.key AS key
  MATCH (m:Policy {lineageRecheck: key})
  RETURN collect(m) AS marked
}
WITH rows, changed + marked AS open
UNWIND rows AS x
WITH x.row AS row, x.p AS p, open
// An open policy meets every policy of its key; any other only the open ones. (The lists keep the
// planner from seeking the key's policies first and filtering after.)
CALL {
  WITH row, p, open
  UNWIND CASE WHEN p IN open THEN [row.key] ELSE [] END AS key
  MATCH (o:Policy {titleKey: key})
  WHERE o.id <> p.id
  RETURN o
  UNION ALL
  WITH row, p, open
  UNWIND CASE WHEN p IN open THEN [] ELSE open END AS o
  WITH p, o WHERE o.titleKey = row.key AND o.id <> p.id
  RETURN o
}
WITH p, o, row,
  CASE
    WHEN (p.status = 'draft') <> (o.status = 'draft') THEN 'FINAL_VERSION_OF'
    WHEN coalesce(p.editionMark, '') <> coalesce(o.editionMark, '') AND p.date IS NOT NULL AND o.date IS NOT NULL AND p.date <> o.date THEN 'REVISES'
  END AS type
WHERE type IS NOT NULL
WITH p, o, row, type,
  CASE WHEN type = 'FINAL_VERSION_OF' THEN (CASE WHEN p.status = 'draft' THEN o ELSE p END) WHEN p.date > o.date THEN p ELSE o END AS later,
  CASE WHEN type = 'FINAL_VERSION_OF' THEN (CASE WHEN p.status = 'draft' THEN p ELSE o END) WHEN p.date > o.date THEN o ELSE p END AS earlier
// A pair linked already stops here, before its issuers are compared; and only the two lineage
// types are read between the pair. A policy restated by thousands of briefs has thousands of links
// of other types, ISSUED_BY among them (issue 28).
WHERE NOT EXISTS { (later)-[x:FINAL_VERSION_OF|REVISES]->(earlier) WHERE type(x) = type }
WITH p, o, row, type, later, earlier
WHERE NOT EXISTS { (p)-[:ISSUED_BY]->() } OR NOT EXISTS { (o)-[:ISSUED_BY]->() } OR EXISTS { (p)-[:ISSUED_BY]->(:Agency)<-[:ISSUED_BY]-(o) }
CREATE (later)-[r:$(type)]->(earlier)
SET r.brief = row.brief,
    r.line = row.line,
    r.rule = CASE type WHEN 'FINAL_VERSION_OF' THEN 'same-title-draft-and-final' ELSE 'same-title-new-edition' END,
    r.evidence = '"' + later.title + '" (' + coalesce(later.date, 'date unknown') + ', briefs ' + reduce(s = '', b IN COLLECT { MATCH (later)-[:IN_BRIEF]->(x:Brief) RETURN substring(x.id, size($briefPrefix)) AS b ORDER BY b } | s + CASE s WHEN '' THEN '' ELSE ', ' END + b)
      + ') and "' + earlier.title + '" (' + coalesce(earlier.date, 'date unknown') + ', briefs ' + reduce(s = '', b IN COLLECT { MATCH (earlier)-[:IN_BRIEF]->(x:Brief) RETURN substring(x.id, size($briefPrefix)) AS b ORDER BY b } | s + CASE s WHEN '' THEN '' ELSE ', ' END + b)
      + '): the same title once draft and edition markers are removed, and the same issuer'
RETURN count(r) AS linked
