import { MCP_LIMITS } from './budget.js';
import type { Executor } from '../graph/executor.js';
import { labelOfId, type NodeLabel } from '../graph/model.js';
import { perLabel } from '../graph/perLabel.js';
import { search } from '../api/search/router.js';
import { ToolError } from './errors.js';

export interface Resolved {
  id: string;
  label: NodeLabel;
  name: string;
}

const EXISTS = perLabel((l) => `MATCH (n:${l} {id: $id}) RETURN coalesce(n.acronym, n.name, n.title, n.id) AS name`);

/**
 * A node id ("agency:MIIT") or a name as a person writes it ("MIIT", "工信部", "Tesla") → the node.
 * A name takes the search's best match among `labels`, the same ranking as the explorer's type-ahead.
 */
export async function resolveNode(executor: Executor, idOrName: string, labels: NodeLabel[] = []): Promise<Resolved> {
  const q = idOrName.trim();
  const asId = labelOfId(q);
  if (asId && (!labels.length || labels.includes(asId))) {
    const row = await executor.read((tx) => tx.run(EXISTS[asId], { id: q }), { timeoutMs: MCP_LIMITS.timeoutMs, metadata: { feature: 'mcp-resolve' } });
    const name = row.records[0]?.get('name') as string | undefined;
    if (name !== undefined) return { id: q, label: asId, name };
    throw new ToolError(`No node with id "${q}". Call search_entities to find the right id.`);
  }
  const rows = await executor.read((tx) => search(tx, { q, labels, limit: 1 }), { timeoutMs: MCP_LIMITS.timeoutMs, metadata: { feature: 'mcp-resolve' } });
  const top = rows[0];
  if (!top) {
    const kinds = labels.length ? labels.join(' or ') : 'entity';
    throw new ToolError(`No ${kinds} matches "${q}". Call search_entities with another spelling, an acronym or the Chinese name.`);
  }
  return { id: top.id, label: labelOfId(top.id) ?? (top.label as NodeLabel), name: top.acronym ?? top.name };
}
