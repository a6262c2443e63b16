// name: companies-linked-to-sector
// title: Companies linked to a sector's policies
// description: Companies named in news about a sector or in write-ups of policies that target it.
// param: sector: string = Batteries — part of the sector name, e.g. Batteries, Semiconductors
MATCH (s:Sector) WHERE toLower(s.name) CONTAINS toLower($sector)
MATCH (c:Company)-[m:MENTIONED_IN]->(x)-[:TARGETS|ABOUT]->(s)
RETURN c.name AS company, s.name AS sector, count(DISTINCT x) AS mentions,
       collect(DISTINCT m.evidence)[..3] AS evidence, c, s
ORDER BY mentions DESC, company
