import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { readRelated } from '../../api/related/service.js';
import { answer, fit, MCP_LIMITS, truncationNote } from '../budget.js';
import { citationSchema, citationText, citer } from '../citations.js';
import type { McpDeps } from '../deps.js';
import { guarded, ToolError } from '../errors.js';
import { resolveNode } from '../resolve.js';

const item = z.object({
  id: z.string(),
  label: z.string(),
  name: z.string(),
  strength: z
    .enum(['direct', 'news', 'sector'])
    .meta({ description: 'direct: named together; news: through the same news item; sector: only the same sector (weak)' }),
  relation: z.string(),
  citations: z.array(citationSchema),
});
const output = { id: z.string(), name: z.string(), question: z.string(), items: z.array(item), truncated: z.boolean(), hint: z.string().optional() };

export function registerRelated(server: McpServer, { executor }: McpDeps): void {
  server.registerTool(
    'find_related',
    {
      title: "A company's related policies and agencies",
      description:
        'For a company: the policies and agencies related to it — policies that mention it, agencies in the same news, and (weak links) policies on the sectors of its news — strongest first, each with how it is related and the cited sentences. ' +
        'For an agency: the agencies that co-issued policies with it. For a policy: policies on the same sectors. Give an id or a name.',
      inputSchema: {
        entity: z.string().trim().min(1).max(300).describe('A company, agency or policy: node id ("company:tesla") or name ("Tesla")'),
        strength: z.enum(['direct', 'news', 'sector']).optional().describe('Only links this strong: direct, news, or sector (weakest)'),
      },
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('find_related', async ({ entity, strength }) => {
      const node = await resolveNode(executor, entity, ['Company', 'Agency', 'Policy']);
      const related = await readRelated(executor, node.id);
      const items = related.items.filter((i) => !strength || i.strength === strength);
      const evidence = items.flatMap((i) => i.evidence.slice(0, MCP_LIMITS.citationsPerItem).map((e) => ({ brief: e.brief, line: e.line, evidence: e.text })));
      const cite = await citer(executor, evidence);
      const all = items.map((i) => ({
        id: i.id,
        label: i.label,
        name: i.name,
        strength: i.strength,
        relation: i.relation,
        citations: i.evidence
          .slice(0, MCP_LIMITS.citationsPerItem)
          .map((e) => cite({ brief: e.brief, line: e.line, evidence: e.text }))
          .filter((c) => c !== null),
      }));
      if (!all.length && !related.items.length) throw new ToolError(`Nothing in the graph is related to ${node.name} (${node.id}) by "${related.question}".`);
      const { kept, omitted } = fit(all, MCP_LIMITS.maxChars);
      const hint = 'Narrow it: find_policies with an agency and a period, strength "direct" only, or describe_entity on one item.';
      const text = [
        `${related.question} of ${node.name} (${node.id}), strongest first:`,
        ...kept.map((i) => `- [${i.strength}] ${i.label} ${i.name} (${i.id}): ${i.relation}${i.citations.map((c) => `\n  ${citationText(c)}`).join('')}`),
      ].join('\n');
      return answer(
        { id: node.id, name: node.name, question: related.question, items: kept, truncated: omitted > 0, ...(omitted ? { hint } : {}) },
        text + (omitted ? truncationNote(`${omitted} more not shown`, hint) : ''),
      );
    }),
  );
}
