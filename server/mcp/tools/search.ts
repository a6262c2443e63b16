import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { labelOfId, nodeLabel, type NodeLabel } from '../../graph/model.js';
import { perLabel } from '../../graph/perLabel.js';
import { search } from '../../api/search/router.js';
import { answer, fit, MCP_LIMITS, truncationNote } from '../budget.js';
import { citationSchema, citationText, citer } from '../citations.js';
import type { McpDeps } from '../deps.js';
import { guarded } from '../errors.js';

// Where each result is named: its own sentence when it has one (policies, companies, news items),
// else the first relationship that carries one (agencies, sectors). The label (a closed enum)
// lets the id lookup use its index.
const NAMED_AT = perLabel(
  (l) => `
UNWIND $ids AS id
MATCH (n:${l} {id: id})
CALL {
  WITH n
  OPTIONAL MATCH (n)-[r]-() WHERE n.evidence IS NULL AND r.evidence IS NOT NULL
  RETURN r LIMIT 1
}
RETURN n.id AS id, coalesce(n.evidence, r.evidence) AS evidence, CASE WHEN n.evidence IS NULL THEN r.line ELSE n.line END AS line,
       CASE WHEN n.evidence IS NULL THEN r.brief ELSE n.briefs[0] END AS brief`,
);

const result = z.object({
  id: z.string(),
  label: z.string(),
  name: z.string(),
  acronym: z.string().nullable(),
  nameZh: z.string().nullable(),
  date: z.string().nullable(),
  match: z.string().meta({ description: 'name, brief, text (full text) or fuzzy (typos allowed)' }),
  citation: citationSchema.nullable(),
});
const output = { query: z.string(), results: z.array(result), truncated: z.boolean(), hint: z.string().optional() };

export function registerSearch(server: McpServer, { executor }: McpDeps): void {
  server.registerTool(
    'search_entities',
    {
      title: 'Search entities',
      description:
        'Find agencies, companies, policies, sectors, places, outlets, news items and briefs by name. Knows acronyms (MIIT, NDRC), full names, aliases and Chinese names (工信部), and tolerates typos. ' +
        'Call this first to turn a name into a node id (e.g. "agency:MIIT") for the other tools. Each result cites where it is named.',
      inputSchema: {
        query: z.string().trim().min(1).max(200).describe('A name, acronym, Chinese name or a few words'),
        labels: z.array(nodeLabel).optional().describe('Only these kinds, e.g. ["Agency"]; default all'),
        limit: z.number().int().min(1).max(50).default(10).describe('At most this many results'),
      },
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('search_entities', async ({ query, labels, limit }) => {
      const rows = await executor.read((tx) => search(tx, { q: query, labels: labels ?? [], limit }), {
        timeoutMs: MCP_LIMITS.timeoutMs,
        metadata: { feature: 'mcp-search' },
      });
      const byLabel = new Map<NodeLabel, string[]>();
      for (const r of rows) {
        const l = labelOfId(r.id);
        if (l) byLabel.set(l, [...(byLabel.get(l) ?? []), r.id]);
      }
      const named = await executor.read(
        async (tx) => {
          const out = [];
          for (const [label, ids] of byLabel) out.push(...(await tx.run(NAMED_AT[label], { ids })).records);
          return out;
        },
        { timeoutMs: MCP_LIMITS.timeoutMs, metadata: { feature: 'mcp-search' } },
      );
      const prov = new Map(
        named.map((r) => [
          String(r.get('id')),
          { brief: r.get('brief') as string | null, line: r.get('line') as number | null, evidence: r.get('evidence') as string | null },
        ]),
      );
      const cite = await citer(executor, [...prov.values()]);
      const all = rows.map((r) => ({
        id: r.id,
        label: r.label,
        name: r.name,
        acronym: r.acronym,
        nameZh: r.nameZh,
        date: r.date,
        match: r.match,
        citation: prov.has(r.id) ? cite(prov.get(r.id)!) : null,
      }));
      const { kept, omitted } = fit(all, MCP_LIMITS.maxChars);
      const hint = 'Add labels or more words to narrow the search.';
      const lines = kept.map(
        (r) =>
          `- ${r.id} — ${r.label} ${r.acronym ? `${r.acronym} (${r.name})` : r.name}${r.nameZh ? ` ${r.nameZh}` : ''}${r.date ? `, ${r.date}` : ''}` +
          (r.citation ? `\n  named in ${citationText(r.citation)}` : ''),
      );
      const text = kept.length
        ? `Matches for "${query}":\n${lines.join('\n')}`
        : `Nothing matches "${query}". Try an acronym, the full name or the Chinese name.`;
      return answer(
        { query, results: kept, truncated: omitted > 0, ...(omitted ? { hint } : {}) },
        text + (omitted ? truncationNote(`${omitted} more results not shown`, hint) : ''),
      );
    }),
  );
}
