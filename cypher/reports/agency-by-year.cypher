// Policies the agency issued and news items naming it, counted by year.
MATCH (a:Agency {id: $id})
CALL {
  WITH a
  MATCH (a)<-[:ISSUED_BY]-(p:Policy)
  WITH DISTINCT p
  RETURN p.date.year AS year, 1 AS policy, 0 AS news
  UNION ALL
  WITH a
  MATCH (a)<-[:INVOLVES]-(n:NewsItem)
  WITH DISTINCT n
  RETURN n.date.year AS year, 0 AS policy, 1 AS news
}
RETURN year, sum(policy) AS policies, sum(news) AS news
ORDER BY year
