// Every figure a company report states and the full size of each list it shortens, each an
// aggregate: counts, never collected lists. The policy window is company-policies.cypher's.
MATCH (c:Company {id: $id})
CALL {
  WITH c
  MATCH (c)-[m:MENTIONED_IN]->(x)
  // A mention is an item in a brief: two merged companies named in one item leave two links to it.
  WITH DISTINCT x, m.brief AS brief
  RETURN count(*) AS mentions, count(CASE WHEN x:NewsItem THEN 1 END) AS mentionsNews, count(DISTINCT brief) AS mentionBriefs
}
CALL { WITH c MATCH (c)-[:MENTIONED_IN]->()-[:TARGETS|ABOUT]->(s:Sector) RETURN count(DISTINCT s) AS sectors }
CALL {
  WITH c
  OPTIONAL MATCH (c)-[:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s:Sector)
  WITH s, min(x.date) AS first, max(x.date) AS last
  WITH s, first - duration({days: $windowDays}) AS from, last + duration({days: $windowDays}) AS to
  // No :Policy label (only policies target sectors): with it, the planner may seek the date index
  // over every policy up to the window's end and check each against each sector.
  OPTIONAL MATCH (s)<-[:TARGETS]-(p)
  WHERE p.date >= from AND p.date <= to
  OPTIONAL MATCH (p)-[:ISSUED_BY]->(a:Agency)
  RETURN count(DISTINCT p) AS policies, count(DISTINCT CASE WHEN p IS NOT NULL THEN [elementId(p), elementId(s)] END) AS policyRows, count(DISTINCT a) AS agencies
}
RETURN mentions, mentionsNews, mentionBriefs, sectors, policies, policyRows, agencies
