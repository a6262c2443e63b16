import type { Driver } from 'neo4j-driver';
import { policyNodeId } from '../../server/graph/ids.js';

/**
 * `policies` policies as the importer before issue 28 wrote them (ids holding the English title cut
 * at 70 characters), `targets` targets each, one lead issuer and one brief: what migrate-ids
 * rewrites, without importing thousands of briefs. Returns the ids the migration should write.
 */
export async function writeCutIdPolicies(driver: Driver, policies: number, targets: number): Promise<string[]> {
  const rows = Array.from({ length: policies }, (_, i) => {
    // The number first, so the cut (first 70 characters) still tells each policy apart.
    const title = `Notice ${String(i).padStart(5, '0')} of the General Office of the Ministry of Industry and Information Technology on Pilots`;
    const whole = policyNodeId({ title, leadIssuer: 'agency:MIIT' });
    const [, key, issuer] = /^policy:([^:]{71,}):([^:]+)$/.exec(whole)!;
    return { id: `policy:${key!.slice(0, 70).replace(/-+$/, '')}:${issuer}`, whole, title };
  });
  await driver.executeQuery(
    `MERGE (a:Agency {id: 'agency:MIIT'}) MERGE (b:Brief {id: 'brief-cut'})
     WITH a, b UNWIND $rows AS row
     CREATE (p:Policy {id: row.id, title: row.title})-[:ISSUED_BY {lead: true, brief: 'brief-cut'}]->(a), (p)-[:IN_BRIEF]->(b)
     WITH p, b UNWIND range(1, toInteger($targets)) AS n
     CREATE (p)-[:HAS_TARGET {brief: 'brief-cut'}]->(t:Target {id: 'target:' + p.id + ':' + n, text: 'target ' + n})-[:IN_BRIEF]->(b)`,
    { rows, targets },
  );
  return rows.flatMap((r) => [r.whole, ...Array.from({ length: targets }, (_, n) => `target:${r.whole}:${n + 1}`)]);
}
