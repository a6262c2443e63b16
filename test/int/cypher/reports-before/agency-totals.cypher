// Every figure an agency report states and the full size of each list it shortens, each an
// aggregate: counts, never collected lists.
MATCH (a:Agency {id: $id})
CALL {
  WITH a
  MATCH (a)<-[i:ISSUED_BY]-(p:Policy)
  WITH p, max(toInteger(i.lead)) AS lead
  RETURN count(p) AS policies, count(CASE WHEN lead = 1 THEN 1 END) AS policiesLed
}
CALL { WITH a MATCH (a)<-[:INVOLVES]-(n:NewsItem) RETURN count(DISTINCT n) AS news }
CALL { WITH a MATCH (a)<-[r:ISSUED_BY|INVOLVES]-() RETURN count(DISTINCT r.brief) AS briefs }
CALL { WITH a MATCH (a)<-[:ISSUED_BY]-(:Policy)-[:ISSUED_BY]->(co:Agency) WHERE co <> a RETURN count(DISTINCT co) AS coIssuers }
CALL { WITH a MATCH (a)<-[:ISSUED_BY]-(:Policy)-[:TARGETS]->(s:Sector) RETURN count(DISTINCT s) AS sectors }
CALL { WITH a MATCH (a)<-[:ISSUED_BY]-(p:Policy)-[:HAS_TARGET]->(t:Target) RETURN count(DISTINCT [elementId(p), elementId(t)]) AS targets }
RETURN policies, policiesLed, news, briefs, coIssuers, sectors, targets
