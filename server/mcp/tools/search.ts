import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { nodeLabel } from '../../graph/model.js';
import { search, searchHitSchema } from '../../api/search/router.js';
import { answer, fit, MCP_LIMITS, truncationNote } from '../budget.js';
import { citationSchema, citationText, citer, whereNamed } from '../citations.js';
import type { McpDeps } from '../deps.js';
import { guarded } from '../errors.js';

const result = searchHitSchema.omit({ score: true, match: true }).extend({
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
      const prov = await whereNamed(
        executor,
        rows.map((r) => r.id),
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
