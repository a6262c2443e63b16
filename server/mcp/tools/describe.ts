import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { RELATIONSHIPS, type RelType } from '../../graph/model.js';
import { readNode } from '../../api/nodes/repository.js';
import { answer, fit, MCP_LIMITS, truncationNote } from '../budget.js';
import { citationSchema, citationText, citer, clip } from '../citations.js';
import type { McpDeps } from '../deps.js';
import { guarded, ToolError } from '../errors.js';
import { resolveNode } from '../resolve.js';

const fact = z.object({
  statement: z.string().meta({ description: 'The fact in words, e.g. "MIIT ← was issued by ← Guiding Opinions on …"' }),
  type: z.string(),
  other: z.string().nullable().meta({ description: 'Id of the node at the other end' }),
  citation: citationSchema.nullable(),
});
const output = {
  id: z.string(),
  label: z.string(),
  name: z.string(),
  properties: z.record(z.string(), z.unknown()),
  degree: z.array(z.object({ type: z.string(), direction: z.enum(['in', 'out']), count: z.number().int() })),
  briefs: z.object({ total: z.number().int(), shown: z.number().int() }).meta({ description: 'Briefs naming the node; the newest are shown' }),
  facts: z.array(fact),
  truncated: z.boolean(),
  hint: z.string().optional(),
};

/** Properties too long for a model's first look; describe keeps the first characters. */
const LONG_TEXT = 400;

export function registerDescribe(server: McpServer, { executor }: McpDeps): void {
  server.registerTool(
    'describe_entity',
    {
      title: 'Describe an entity with its evidence',
      description:
        'Everything the graph knows about one node: its properties, how many relationships of each type it has, and the facts from the newest briefs that name it, ' +
        'each with the sentence, brief, file and line that state it. Give a node id from search_entities ("agency:MIIT") or a name ("MIIT", "工信部").',
      inputSchema: {
        entity: z.string().trim().min(1).max(300).describe('Node id ("agency:MIIT") or a name'),
      },
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('describe_entity', async ({ entity }) => {
      const node = await resolveNode(executor, entity);
      const detail = await executor.read((tx) => readNode(tx, node.label, node.id), { timeoutMs: MCP_LIMITS.timeoutMs, metadata: { feature: 'mcp-describe' } });
      if (!detail) throw new ToolError(`No node with id "${node.id}". Call search_entities to find the right id.`);
      const items = detail.provenance.flatMap((b) =>
        (
          b.evidence as {
            type: string;
            direction: 'in' | 'out';
            other: string | null;
            otherName: string | null;
            evidence: string | null;
            line: number | null;
          }[]
        ).map((e) => ({ ...e, brief: b.brief as string })),
      );
      const cite = await citer(executor, items);
      const verb = (t: string) => RELATIONSHIPS[t as RelType]?.verb ?? t.toLowerCase();
      const facts = items.map((e) => ({
        statement: e.direction === 'out' ? `${node.name} ${verb(e.type)} ${e.otherName ?? e.other}` : `${e.otherName ?? e.other} ${verb(e.type)} ${node.name}`,
        type: e.type,
        other: e.other,
        citation: cite(e),
      }));
      const properties = Object.fromEntries(Object.entries(detail.node.properties).map(([k, v]) => [k, typeof v === 'string' ? clip(v, LONG_TEXT) : v]));
      const head = { id: node.id, label: detail.node.label, name: node.name, properties, degree: detail.degree, briefs: detail.briefs };
      const { kept, omitted } = fit(facts, MCP_LIMITS.maxChars - JSON.stringify(head).length);
      const more = detail.briefs.total > detail.briefs.shown;
      const truncated = omitted > 0 || more;
      const hint = `Facts come from the newest ${detail.briefs.shown} of ${detail.briefs.total} briefs. For more, use relationship_report, find_policies with a period, or find_related.`;
      const props = Object.entries(properties)
        .filter(([k, v]) => k !== 'id' && v !== null && v !== '' && !(Array.isArray(v) && !v.length))
        .map(([k, v]) => `  ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
      const text = [
        `${detail.node.label} ${node.name} (${node.id})`,
        ...props,
        `Relationships: ${detail.degree.map((d) => `${d.type} ${d.direction} ${d.count}`).join(', ') || 'none'}`,
        `Named in ${detail.briefs.total} brief(s). Facts:`,
        ...kept.map((f) => `- ${f.statement}${f.citation ? `\n  ${citationText(f.citation)}` : ''}`),
      ].join('\n');
      return answer(
        { ...head, facts: kept, truncated, ...(truncated ? { hint } : {}) },
        text +
          (truncated
            ? truncationNote(`${omitted} more facts not shown${more ? `, ${detail.briefs.total - detail.briefs.shown} older briefs not read` : ''}`, hint)
            : ''),
      );
    }),
  );
}
