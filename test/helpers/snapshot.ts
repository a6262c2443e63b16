import type { Driver } from 'neo4j-driver';
import { toJson } from '../../server/graph/values.js';

/**
 * The whole graph as sorted JSON lines: every node's labels and properties, every relationship's
 * ends (by id), type and properties. Element ids are left out (an undo re-creates relationships);
 * `importedAt` too when comparing across a re-import, which stamps it anew.
 */
export async function graphSnapshot(driver: Driver, opts: { reimported?: boolean } = {}): Promise<string[]> {
  const clean = (p: Record<string, unknown>) => {
    const out = toJson(p) as Record<string, unknown>;
    if (opts.reimported) {
      delete out.importedAt;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  };
  const nodes = (await driver.executeQuery('MATCH (n) RETURN labels(n) AS labels, properties(n) AS p')).records.map((r) =>
    JSON.stringify({ labels: [...(r.get('labels') as string[])].sort(), p: clean(r.get('p')) }),
  );
  const rels = (await driver.executeQuery('MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS p')).records.map((r) =>
    JSON.stringify({ a: r.get('a'), type: r.get('type'), b: r.get('b'), p: clean(r.get('p')) }),
  );
  return [...nodes.sort(), ...rels.sort()];
}
