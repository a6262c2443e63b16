// name: companies-to-review
// title: Companies found outside the company registry
// description: Companies found by a cue ("battery start-up X", "X, a Shenzhen-based chipmaker") that server/extract/data/companies.json does not list (registry: false), most mentioned first; add the real ones there, and report the false ones.
MATCH (c:Company {registry: false})
OPTIONAL MATCH (c)-[m:MENTIONED_IN]->()
RETURN c.name AS name, count(m) AS mentions, collect(DISTINCT m.rule) AS rules, collect(m.evidence)[0] AS example, collect(DISTINCT m.brief) AS briefs
ORDER BY mentions DESC, name
