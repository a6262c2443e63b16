// name: sectors-by-year
// title: Sectors by number of policies per year
// description: How many policies target each sector, per year of issue.
MATCH (p:Policy)-[:TARGETS]->(s:Sector)
WITH s.name AS sector, p.date.year AS year, count(DISTINCT p) AS policies
RETURN sector, year, policies
ORDER BY year DESC, policies DESC, sector
