// name: unresolved-agencies
// title: Issuers missing from the agency registry
// description: Agencies kept as written because the registry does not know them; add them to server/extract/data/agencies.json.
MATCH (a:Agency {resolved: false})
OPTIONAL MATCH (a)<-[r:ISSUED_BY|INVOLVES]-(x)
RETURN a.name AS name, count(x) AS uses, collect(DISTINCT r.brief) AS briefs
ORDER BY uses DESC, name
