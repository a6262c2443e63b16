import type { ManagedTransaction } from 'neo4j-driver';

/** Total nodes and relationships; both use the count store, so they are constant-time. */
export async function graphCounts(tx: ManagedTransaction): Promise<{ nodes: number; relationships: number }> {
  const n = await tx.run('MATCH (n) RETURN count(n) AS c');
  const r = await tx.run('MATCH ()-[r]->() RETURN count(r) AS c');
  return { nodes: Number(n.records[0]?.get('c')), relationships: Number(r.records[0]?.get('c')) };
}
