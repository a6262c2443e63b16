// Every figure an agency report states and the full size of each list it shortens, each an
// aggregate: counts, never collected lists.
// A pair of nodes has one relationship per brief that states it (MIIT at 10,000 briefs: 10,377
// ISSUED_BY links to 221 policies), so each count that steps past the agency's policies keeps one
// row per policy (WITH DISTINCT) first: stepping on from every link made (links to the agency) ×
// (links onward) rows per policy.
MATCH (a:Agency {id: $id})
CALL (a) {
  MATCH (a)<-[i:ISSUED_BY]-(p:Policy)
  WITH p, max(toInteger(i.lead)) AS lead
  RETURN count(p) AS policies, count(CASE WHEN lead = 1 THEN 1 END) AS policiesLed
}
CALL (a) { MATCH (a)<-[:INVOLVES]-(n:NewsItem) RETURN count(DISTINCT n) AS news }
CALL (a) { MATCH (a)<-[r:ISSUED_BY|INVOLVES]-() RETURN count(DISTINCT r.brief) AS briefs }
CALL (a) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT a, p
  MATCH (p)-[:ISSUED_BY]->(co:Agency)
  WHERE co <> a
  RETURN count(DISTINCT co) AS coIssuers
}
CALL (a) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  MATCH (p)-[:TARGETS]->(s:Sector)
  RETURN count(DISTINCT s) AS sectors
}
CALL (a) {
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  MATCH (p)-[:HAS_TARGET]->(t:Target)
  WITH DISTINCT p, t
  RETURN count(*) AS targets
}
RETURN policies, policiesLed, news, briefs, coIssuers, sectors, targets
