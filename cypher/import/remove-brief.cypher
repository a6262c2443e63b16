// Removes one brief's facts: its relationships (each carries `brief`) and its nodes' links to it
// (IN_BRIEF, into the Brief node $briefId), then the nodes that no other brief supports. Run before writing a brief again, in the same transaction, so a
// corrected brief replaces the old version without stale edges.
CALL {
  MATCH (a)-[r:COVERS {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:REPORTS {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:ANNOUNCES {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:FINAL_VERSION_OF {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:REVISES {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:IMPLEMENTS {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:CITES_POLICY {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:ISSUED_BY {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:TARGETS {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:HAS_TARGET {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:MENTIONED_IN {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:INVOLVES {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:ABOUT {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:CITES {brief: $brief}]->(b) RETURN a, r, b
  UNION ALL MATCH (a)-[r:LOCATED_IN {brief: $brief}]->(b) RETURN a, r, b
  // Facts an analyst rejected (see docs/curation.md): re-importing the brief writes them anew, and
  // the importer rejects them again.
  UNION ALL MATCH (a)-[r:REJECTED {brief: $brief}]->(b) RETURN a, r, b
  // Provenance: read from the brief's side, a few dozen links whatever the size of its nodes.
  UNION ALL MATCH (a)-[r:IN_BRIEF]->(b:Brief {id: $briefId}) RETURN a, r, b
}
WITH collect(r) AS rels, collect(DISTINCT a) + collect(DISTINCT b) AS touched
FOREACH (r IN rels | DELETE r)
WITH touched
UNWIND touched AS n
WITH DISTINCT n
// A node left with no relationship (its links to other briefs are relationships too) is gone. A
// merged-away node is kept whatever it holds: undoing the merge brings it back.
// A relationship an analyst added (`correction`) does not keep a fact the briefs no longer state:
// the node goes, and the correction is listed stale instead of holding a ghost (issue 27). If a
// brief states it again, the importer writes the node and applies the link again.
WITH n
WHERE NOT n:Merged AND NOT EXISTS { (n)-[r]-() WHERE r.correction IS NULL }
DETACH DELETE n
RETURN count(*) AS removedNodes
