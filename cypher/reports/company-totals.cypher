// Every figure a company report states and the full size of each list it shortens, each an
// aggregate: counts, never collected lists. The policy window is company-policies.cypher's.
// One relationship per brief that states it: every step keeps one row per node (WITH DISTINCT)
// before the next. Stepping on from every link made (mention links) × (tag links) rows per item
// and (targeting links) × (issuer links) per policy: 187 s for a much-mentioned company at
// 10,000 briefs.
MATCH (c:Company {id: $id})
CALL (c) {
  MATCH (c)-[m:MENTIONED_IN]->(x)
  // A mention is an item in a brief: two merged companies named in one item leave two links to it.
  WITH DISTINCT x, m.brief AS brief
  RETURN count(*) AS mentions, count(CASE WHEN x:NewsItem THEN 1 END) AS mentionsNews, count(DISTINCT brief) AS mentionBriefs
}
// The sectors of its mentions, each with its policy window: one entry per sector (a few dozen at
// most), read once for the two counts below.
CALL (c) {
  MATCH (c)-[:MENTIONED_IN]->(x)
  WITH DISTINCT x
  MATCH (x)-[:TARGETS|ABOUT]->(s:Sector)
  WITH s, min(x.date) AS first, max(x.date) AS last
  RETURN collect({sector: s, from: first - duration({days: $windowDays}), to: last + duration({days: $windowDays})}) AS windows
}
CALL (windows) {
  UNWIND windows AS w
  WITH w.sector AS s, w.from AS from, w.to AS to
  // No :Policy label (only policies target sectors): with it, the planner may seek the date index
  // over every policy up to the window's end and check each against each sector.
  MATCH (s)<-[:TARGETS]-(p)
  WHERE p.date >= from AND p.date <= to
  WITH DISTINCT p, s
  RETURN count(DISTINCT p) AS policies, count(*) AS policyRows
}
CALL (windows) {
  UNWIND windows AS w
  WITH w.sector AS s, w.from AS from, w.to AS to
  MATCH (s)<-[:TARGETS]-(p)
  WHERE p.date >= from AND p.date <= to
  WITH DISTINCT p
  MATCH (p)-[:ISSUED_BY]->(a:Agency)
  RETURN count(DISTINCT a) AS agencies
}
RETURN mentions, mentionsNews, mentionBriefs, size(windows) AS sectors, policies, policyRows, agencies
