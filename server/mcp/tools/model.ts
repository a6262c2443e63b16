import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { LABELS, nodeLabel, PROVENANCE_PROPERTIES, RELATIONSHIPS, relType } from '../../graph/model.js';
import { answer, MCP_LIMITS } from '../budget.js';
import type { McpDeps } from '../deps.js';
import { guarded } from '../errors.js';

const output = {
  labels: z.array(z.object({ label: z.string(), idPrefix: z.string(), display: z.string() })),
  relationships: z.array(z.object({ type: z.string(), from: z.string(), to: z.string(), properties: z.array(z.string()), reads: z.string() })),
  provenance: z.array(z.string()).meta({ description: 'Properties every extracted relationship has' }),
  notes: z.array(z.string()),
  counts: z.record(z.string(), z.number()).meta({ description: 'Nodes per label in this graph' }),
};

/** What a model gets wrong without being told; the full description is the graph-model resource. */
const NOTES = [
  'Ids are "<prefix>:<key>", e.g. agency:MIIT, company:tesla, sector:batteries; search_entities finds them.',
  'date on Brief, Policy and NewsItem is a Neo4j date: compare with date("2023-01-01"), read the year with p.date.year.',
  'Agency has acronym, name, nameZh and aliases; Policy has title, titleZh, status (final or draft), summary.',
  'sector:cross-sector is the fallback sector when no keyword fits; leave it out when comparing sectors.',
  'Relationships carry brief (the brief key, without "brief:"), line (1-based line in the brief file) and evidence (the sentence).',
  'The full description: resource policy-graph://docs/graph-model.',
];

export function registerModel(server: McpServer, { executor }: McpDeps): void {
  server.registerTool(
    'graph_model',
    {
      title: 'The graph model',
      description:
        'Labels, relationship types (with the labels they join and their properties), the provenance every fact carries, and node counts. Read this before writing Cypher for run_cypher.',
      inputSchema: {},
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('graph_model', async () => {
      const labels = nodeLabel.options.map((l) => ({ label: l, idPrefix: LABELS[l].idPrefix, display: LABELS[l].display }));
      const relationships = relType.options.flatMap((t) =>
        RELATIONSHIPS[t].shapes.map(([from, to]) => ({
          type: t,
          from,
          to,
          properties: [...RELATIONSHIPS[t].properties],
          reads: `${from} ${RELATIONSHIPS[t].verb} ${to}`,
        })),
      );
      const counted = await executor.read(
        async (tx) => {
          const out: Record<string, number> = {};
          // One count per label: Neo4j answers each from its count store.
          for (const l of nodeLabel.options) out[l] = Number((await tx.run(`MATCH (n:${l}) RETURN count(n) AS c`)).records[0]?.get('c') ?? 0);
          return out;
        },
        { timeoutMs: MCP_LIMITS.timeoutMs, metadata: { feature: 'mcp-model' } },
      );
      const text = [
        'Nodes (label, id prefix, count):',
        ...labels.map((l) => `- ${l.label} (${l.idPrefix}:…) ${counted[l.label] ?? 0}`),
        'Relationships:',
        ...relationships.map((r) => `- (${r.from})-[:${r.type}${r.properties.length ? ` {${r.properties.join(', ')}}` : ''}]->(${r.to}): ${r.reads}`),
        `Every relationship also has: ${PROVENANCE_PROPERTIES.join(', ')}.`,
        'Notes:',
        ...NOTES.map((n) => `- ${n}`),
      ].join('\n');
      return answer({ labels, relationships, provenance: [...PROVENANCE_PROPERTIES], notes: NOTES, counts: counted }, text);
    }),
  );
}
