// name: central-agencies
// title: Most central agencies
// description: Agencies ranked by the policies they issued, the policies they led, the distinct co-issuers and the news involving them.
// param: limit: integer = 15 — how many agencies
MATCH (a:Agency)
OPTIONAL MATCH (a)<-[i:ISSUED_BY]-(p:Policy)
WITH a, count(DISTINCT p) AS policies, count(DISTINCT CASE WHEN i.lead THEN p END) AS led
OPTIONAL MATCH (a)<-[:ISSUED_BY]-(:Policy)-[:ISSUED_BY]->(co:Agency) WHERE co <> a
WITH a, policies, led, count(DISTINCT co) AS coIssuers
OPTIONAL MATCH (a)<-[:INVOLVES]-(n:NewsItem)
WITH a, policies, led, coIssuers, count(DISTINCT n) AS news
RETURN coalesce(a.acronym, a.name) AS agency, a.name AS name, policies, led, coIssuers, news,
       policies * 3 + coIssuers + news AS score
ORDER BY score DESC, agency
LIMIT $limit
