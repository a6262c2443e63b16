import fs from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import type { ExtractedGraph } from '../extract/schema.js';
import { fromRoot } from '../paths.js';
import { nodeId } from '../graph/model.js';
import { citedTitles, editionMark, lineageKey } from './keys.js';

const LINEAGE = fs.readFileSync(fromRoot('cypher/import/lineage.cypher'), 'utf8');
const CITED = fs.readFileSync(fromRoot('cypher/import/cited.cypher'), 'utf8');

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const lineOf = (v: unknown) => (typeof v === 'number' ? v : null);

/**
 * The importer's lineage step, in the briefs' transaction: their policies are keyed and joined to
 * the drafts, final versions and editions already in the graph (cypher/import/lineage.cypher),
 * then a policy's "to implement the “…”" and a news item's quoted title are joined to the policy
 * they name (cypher/import/cited.cypher). One index lookup per policy or quoted title written: the
 * cost does not grow with the graph.
 */
export async function linkLineage(tx: ManagedTransaction, graphs: ExtractedGraph[]): Promise<number> {
  const policies = graphs.flatMap((g) =>
    g.nodes
      .filter((n) => n.label === 'Policy' && str(n.properties.title))
      .map((n) => {
        const title = str(n.properties.title);
        return { id: n.id, brief: g.brief, key: lineageKey(title), mark: editionMark(title), line: lineOf(n.properties.line) };
      })
      .filter((r) => r.key),
  );
  if (!policies.length) return 0;
  let linked = Number((await tx.run(LINEAGE, { batch: { rows: policies }, briefPrefix: nodeId('Brief', '') })).records[0]?.get('linked') ?? 0);
  const cited = graphs.flatMap((g) => {
    // A news line that announces a document is that document's evidence, not a citation.
    const announcing = new Set(g.relationships.filter((r) => r.type === 'ANNOUNCES').map((r) => r.source));
    return g.nodes.flatMap((n) => {
      const text = n.label === 'Policy' ? str(n.properties.summary) : n.label === 'NewsItem' && !announcing.has(n.id) ? str(n.properties.text) : '';
      const found = text ? citedTitles(text, n.label === 'Policy') : [];
      return found.length ? [{ id: n.id, label: n.label, brief: g.brief, line: lineOf(n.properties.line), cited: found }] : [];
    });
  });
  if (cited.length) linked += Number((await tx.run(CITED, { batch: { rows: cited } })).records[0]?.get('linked') ?? 0);
  return linked;
}
