/**
 * npx tsx test/bench/profile-brief.ts FILE [--rounds N]
 *
 * PROFILE of each statement the importer runs for one brief (issue 28), against the configured
 * Neo4j (NEO4J_URI), in a transaction that is rolled back: nothing is written. For each statement:
 * wall time, database hits, rows, and the operators with the most hits. Round 1 plans each
 * statement for this brief's parameter shapes; later rounds show the cached plans.
 */
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import neo4j from 'neo4j-driver';
import { loadConfigOrExit } from '../../server/config.js';
import { connectDatabase } from '../../server/db/connect.js';
import { EXISTING, EXISTING_RETURN, PREVIOUS_RELS, PREVIOUS_RETURN } from '../../server/graph/diff.js';
import { nodeId, nodeLabel } from '../../server/graph/model.js';
import { MERGE_NODES, CREATE_RELS, writeParams } from '../../server/graph/writeBrief.js';
import { loadBrief } from '../../server/import/pipeline.js';
import { citedTitles, editionMark, lineageKey } from '../../server/lineage/keys.js';
import { fromRoot } from '../../server/paths.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '2' } } });
if (positionals.length !== 1) {
  console.error('usage: npx tsx test/bench/profile-brief.ts FILE [--rounds N]   (rolled back: writes nothing)');
  process.exit(2);
}
const config = loadConfigOrExit();
const db = await connectDatabase(config);
const graph = (await loadBrief(positionals[0]!)).graph;
const params = writeParams([graph]);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const line = (v: unknown) => (typeof v === 'number' ? v : null);
const file = (f: string) => fs.readFileSync(fromRoot(`cypher/import/${f}`), 'utf8');
const policies = graph.nodes
  .filter((n) => n.label === 'Policy' && str(n.properties.title))
  .map((n) => ({
    id: n.id,
    brief: graph.brief,
    key: lineageKey(str(n.properties.title)),
    mark: editionMark(str(n.properties.title)),
    line: line(n.properties.line),
  }))
  .filter((r) => r.key);
const cited = graph.nodes.flatMap((n) => {
  const text = n.label === 'Policy' ? str(n.properties.summary) : n.label === 'NewsItem' ? str(n.properties.text) : '';
  const found = text ? citedTitles(text, n.label === 'Policy') : [];
  return found.length ? [{ id: n.id, label: n.label, brief: graph.brief, line: line(n.properties.line), cited: found }] : [];
});
const ids = Object.fromEntries(nodeLabel.options.map((l, i) => [`n${i}`, [...new Set(graph.nodes.filter((n) => n.label === l).map((n) => n.id))]]));
const statements: [string, string, Record<string, unknown>][] = [
  ['history diff: nodes present', `${EXISTING}\n${EXISTING_RETURN}`, { batch: ids }],
  ['history diff: previous facts', `${PREVIOUS_RELS}\n${PREVIOUS_RETURN}`, { batch: { briefs: [graph.brief] } }],
  ['write: nodes (MERGE)', MERGE_NODES, params.nodes],
  ['write: relationships (CREATE)', CREATE_RELS, params.rels],
  ['lineage: same title', file('lineage.cypher'), { batch: { rows: policies }, briefPrefix: nodeId('Brief', '') }],
  ['lineage: cited titles', file('cited.cypher'), { batch: { rows: cited } }],
];

type Plan = { operatorType: string; dbHits?: number; rows?: number; children: Plan[] };
const flat = (p: Plan): Plan[] => [p, ...p.children.flatMap(flat)];
console.log(`${graph.brief}: ${graph.nodes.length} nodes, ${graph.relationships.length} relationships; Neo4j ${db.uri}`);
try {
  for (let round = 1; round <= Number(values.rounds); round++) {
    console.log(`round ${round}${round === 1 ? ' (plans for this brief’s shapes)' : ''}:`);
    const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.WRITE });
    const tx = session.beginTransaction();
    try {
      for (const [name, q, p] of statements) {
        const s = performance.now();
        const res = await tx.run(`PROFILE ${q}`, p);
        const ms = performance.now() - s;
        const ops = flat(res.summary.profile as unknown as Plan);
        const hits = ops.reduce((n, o) => n + Number(o.dbHits ?? 0), 0);
        const top = [...ops]
          .sort((a, b) => Number(b.dbHits ?? 0) - Number(a.dbHits ?? 0))
          .slice(0, 3)
          .map((o) => `${o.operatorType} ${o.dbHits}`)
          .join(', ');
        console.log(`   ${name.padEnd(32)}${ms.toFixed(0).padStart(6)} ms ${String(hits).padStart(8)} db hits   (${top})`);
      }
    } finally {
      await tx.rollback();
      await session.close();
    }
  }
} finally {
  await db.close();
}
