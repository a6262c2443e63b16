// Marks policies whose pairs the lineage step (lineage.cypher) must look at again when they or a
// policy of the same lineage key are next stated: the mark is the key, so that step finds the
// marked policies of its keys by index. Today's rule links such a pair at that moment; without the
// mark, a pair of unchanged policies is never looked at again (issue 28).
// $batch.policies: policies marked as they are (both ends of a lineage link the write took away, a
// policy a correction touched); $batch.unissued: policies marked if they have no issuer left (the
// write took their last ISSUED_BY: they now pair with every draft, final or edition of their key);
// $batch.agencies: the policies issued by these agencies (one a correction hid, merged or restored).
CALL {
  UNWIND $batch.policies AS id
  MATCH (p:Policy {id: id})
  RETURN p
  UNION
  UNWIND $batch.unissued AS id
  MATCH (p:Policy {id: id})
  WHERE NOT EXISTS { (p)-[:ISSUED_BY]->() }
  RETURN p
  UNION
  UNWIND $batch.agencies AS id
  MATCH (:Agency {id: id})<-[:ISSUED_BY]-(p:Policy)
  RETURN p
}
WITH DISTINCT p
WHERE p.titleKey IS NOT NULL AND p.titleKey <> ''
SET p.lineageRecheck = p.titleKey
RETURN count(p) AS marked
