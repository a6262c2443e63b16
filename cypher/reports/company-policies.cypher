// Policies targeting the company's sectors, dated within $windowDays of its mentions in that
// sector, with issuers: one row per policy and sector, newest first, paged by $offset/$limit.
// One relationship per brief that states it: each item naming the company is kept once (WITH
// DISTINCT) before its sectors are read (see company-totals.cypher).
MATCH (c:Company {id: $id})-[:MENTIONED_IN]->(x)
WITH DISTINCT x
MATCH (x)-[:TARGETS|ABOUT]->(s:Sector)
WITH s, min(x.date) AS first, max(x.date) AS last
WITH s, first - duration({days: $windowDays}) AS from, last + duration({days: $windowDays}) AS to
// Expanded from each sector, then filtered. No :Policy label (only policies target sectors): with
// it, the planner seeks the date index over every policy up to the window's end and checks each
// against each sector (9 million reads for a much-mentioned company at 10,000 briefs).
MATCH (s)<-[:TARGETS]-(p)
WHERE p.date >= from AND p.date <= to
WITH DISTINCT p, s
ORDER BY p.date DESC, p.title, s.name, p.id
SKIP $offset LIMIT $limit
CALL (p, s) {
  MATCH (s)<-[t:TARGETS]-(p)
  WITH t ORDER BY t.brief LIMIT 1
  OPTIONAL MATCH (b:Brief {id: 'brief:' + t.brief})
  RETURN t, b
}
CALL (p) {
  OPTIONAL MATCH (p)-[i:ISSUED_BY]->(a:Agency)
  RETURN collect(DISTINCT {id: a.id, name: coalesce(a.acronym, a.name), lead: i.lead}) AS agencies
}
RETURN p.id AS id, p.title AS title, p.titleZh AS titleZh, p.date AS date, p.datePrecision AS datePrecision,
       p.extraction AS extraction, s.name AS sector,
       agencies, t.evidence AS evidence, t.line AS line, t.page AS page, t.brief AS brief, b.title AS briefTitle, b.date AS briefDate
ORDER BY date DESC, title, sector, id
