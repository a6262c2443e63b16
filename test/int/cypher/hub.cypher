// A synthetic hub for test/int/scale.int.test.ts: briefs, each covering $perBrief policies
// issued by agency:HUB (every third co-issued by one of $coIssuers other agencies), each policy
// targeting one of $sectors sectors and a target, naming two of $companies companies, one of them
// company:hubco; and one news item per policy involving agency:HUB and naming company:hubco.
// Every relationship carries its brief, evidence and line, and the hub, hub company, policies and
// news items link to their briefs (IN_BRIEF), as the importer writes them. Run in
// slices of briefs ($from ≤ b < $to), one transaction each.
MERGE (hub:Agency {id: 'agency:HUB'}) SET hub.name = 'Hub Ministry', hub.acronym = 'HUBM', hub.resolved = true,
  hub.aliases = ['Ministry of Hubs and Spokes', 'Central Hub Ministry', 'Hub and Network Ministry'],
  hub.nameText = 'Hub Ministry | HUBM | Ministry of Hubs and Spokes | Central Hub Ministry | Hub and Network Ministry | 枢纽部',
  hub.searchText = hub.nameText
MERGE (hubco:Company {id: 'company:hubco'}) SET hubco.name = 'Hub Co', hubco.aliases = []
WITH hub, hubco
UNWIND range(0, $coIssuers - 1) AS i
MERGE (a:Agency {id: 'agency:CO' + i}) SET a.name = 'Co-issuer ' + i, a.acronym = 'CO' + i, a.resolved = true
WITH DISTINCT hub, hubco
UNWIND range(0, $sectors - 1) AS i
MERGE (:Sector {id: 'sector:s' + i, name: 'Sector ' + i})
WITH DISTINCT hub, hubco
UNWIND range(0, $companies - 1) AS i
MERGE (:Company {id: 'company:c' + i, name: 'Company ' + i, aliases: []})
WITH DISTINCT hub, hubco
UNWIND range($from, $to - 1) AS b
WITH hub, hubco, b, 'hub-' + toString(b) AS brief, date('2012-01-01') + duration({days: b * 3}) AS day
CREATE (br:Brief {id: 'brief:' + brief, title: 'Hub brief ' + b, date: day, source: brief + '.txt'})
CREATE (hub)-[:IN_BRIEF]->(br), (hubco)-[:IN_BRIEF]->(br)
WITH hub, hubco, b, brief, day, br
UNWIND range(0, $perBrief - 1) AS k
WITH hub, hubco, b, brief, day, br, b * $perBrief + k AS n
CREATE (p:Policy {id: 'policy:hub-' + n, title: 'Hub policy ' + n, date: day, status: 'final'})-[:IN_BRIEF]->(br)
CREATE (p)-[:ISSUED_BY {brief: brief, lead: true, evidence: 'Issuing body: HUBM', line: 10 + n % 50}]->(hub)
WITH hub, hubco, brief, day, br, n, p
MATCH (s:Sector {id: 'sector:s' + (n % $sectors)})
CREATE (p)-[:TARGETS {brief: brief, evidence: 'On sector ' + (n % $sectors), line: 11}]->(s)
CREATE (p)-[:HAS_TARGET {brief: brief, evidence: 'Target ' + n, line: 12}]->(:Target {id: 'target:hub-' + n, text: 'Reach ' + n + ' units', year: 2020 + n % 10, values: [toString(n)]})
WITH hub, hubco, brief, day, br, n, p
MATCH (c:Company {id: 'company:c' + (n % $companies)})
CREATE (c)-[:MENTIONED_IN {brief: brief, evidence: 'Company ' + (n % $companies) + ' is named', line: 13}]->(p)
CREATE (hubco)-[:MENTIONED_IN {brief: brief, evidence: 'Hub Co is named', line: 14}]->(p)
// Named as the importer names news (date and first words): an earlier names index held them.
CREATE (x:NewsItem {id: 'news:hub-' + n, date: day, kind: 'domestic', text: 'HUBM and Hub Co news ' + n})-[:IN_BRIEF]->(br)
SET x.name = toString(day) + ': ' + x.text, x.nameText = x.name
CREATE (x)-[:INVOLVES {brief: brief, lead: n % 2 = 0, evidence: 'HUBM announced', line: 15}]->(hub)
CREATE (hubco)-[:MENTIONED_IN {brief: brief, evidence: 'Hub Co in the news', line: 16}]->(x)
WITH brief, n, p
WHERE n % 3 = 0
MATCH (co:Agency {id: 'agency:CO' + (n % $coIssuers)})
CREATE (p)-[:ISSUED_BY {brief: brief, lead: false, evidence: 'Issuing body: HUBM and ' + co.acronym, line: 10}]->(co)
