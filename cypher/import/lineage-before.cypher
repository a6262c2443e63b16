// What the lineage step (lineage.cypher) compares with after the write, read in the import's
// transaction before it: the batch's policies as the graph holds them ($batch.ids), and which of
// the issuers the batch states for them each had already ($batch.issued: policy and agency ids).
// A gained issuer can make two policies' issuers overlap; a pair of unchanged policies cannot link.
CALL {
  UNWIND $batch.ids AS id
  MATCH (p:Policy {id: id})
  RETURN collect({id: p.id, key: p.titleKey, mark: p.editionMark, status: p.status, date: p.date}) AS known
}
CALL {
  UNWIND $batch.issued AS row
  MATCH (p:Policy {id: row.policy})
  MATCH (a:Agency {id: row.agency})
  WITH row WHERE EXISTS { (p)-[:ISSUED_BY]->(a) }
  RETURN collect(row) AS had
}
RETURN known, had
