import fs from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import type { ExtractedGraph } from '../extract/schema.js';
import { fromRoot } from '../paths.js';
import { editionMark, lineageKey } from './keys.js';

const LINEAGE = fs.readFileSync(fromRoot('cypher/import/lineage.cypher'), 'utf8');

/**
 * The importer's lineage step, in the briefs' transaction: their policies are keyed and joined to
 * the drafts, final versions and editions already in the graph (cypher/import/lineage.cypher).
 * One index lookup per policy written: its cost does not grow with the graph.
 */
export async function linkLineage(tx: ManagedTransaction, graphs: ExtractedGraph[]): Promise<number> {
  const rows = graphs.flatMap((g) =>
    g.nodes
      .filter((n) => n.label === 'Policy' && typeof n.properties.title === 'string')
      .map((n) => {
        const title = n.properties.title as string;
        return {
          id: n.id,
          brief: g.brief,
          key: lineageKey(title),
          mark: editionMark(title),
          line: typeof n.properties.line === 'number' ? n.properties.line : null,
        };
      })
      .filter((r) => r.key),
  );
  if (!rows.length) return 0;
  return Number((await tx.run(LINEAGE, { rows })).records[0]?.get('linked') ?? 0);
}
