import fs from 'node:fs';
import neo4j from 'neo4j-driver';
import { fromRoot } from '../paths.js';
import type { Executor } from './executor.js';

const WIPE_RELATIONSHIPS = fs.readFileSync(fromRoot('cypher/admin/wipe-relationships.cypher'), 'utf8');
const WIPE_NODES = fs.readFileSync(fromRoot('cypher/admin/wipe-nodes.cypher'), 'utf8');

/**
 * Empties the whole graph in batches, so no transaction grows with the graph: a single
 * `MATCH (n) DETACH DELETE n` at 5,000 briefs exceeded Neo4j's transaction memory pool
 * (MemoryPoolOutOfMemoryError). Relationships go first, then the nodes; each batch commits alone,
 * so an interrupted wipe leaves a smaller graph, never a half-deleted batch. Schema is kept.
 */
export async function wipeGraph(executor: Executor, batch = 10_000): Promise<void> {
  await executor.autoCommit(WIPE_RELATIONSHIPS, { batch: neo4j.int(batch) });
  await executor.autoCommit(WIPE_NODES, { batch: neo4j.int(batch) });
}
