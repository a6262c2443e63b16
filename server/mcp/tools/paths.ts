import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { findPaths } from '../../api/paths/service.js';
import { answer, fit, MCP_LIMITS, truncationNote } from '../budget.js';
import { citationSchema, citationText, citer } from '../citations.js';
import type { McpDeps } from '../deps.js';
import { guarded, ToolError } from '../errors.js';
import { resolveNode } from '../resolve.js';

const path = z.object({
  length: z.number().int(),
  weakLinks: z.number().int().meta({ description: 'Hops that are only co-occurrence (same sector, same place)' }),
  explanation: z.string(),
  hops: z.array(z.object({ text: z.string(), weak: z.string().nullable(), citation: citationSchema.nullable() })),
});
const output = {
  from: z.object({ id: z.string(), name: z.string() }),
  to: z.object({ id: z.string(), name: z.string() }),
  paths: z.array(path),
  truncated: z.boolean(),
  hint: z.string().optional(),
};

export function registerPaths(server: McpServer, { executor }: McpDeps): void {
  server.registerTool(
    'explain_paths',
    {
      title: 'How two entities are connected',
      description:
        'The shortest paths between two entities (e.g. a company and an agency), strong links first, each hop explained in words with the sentence that states it. ' +
        'Hops through a sector or place are weak links (co-occurrence, not a relation); say so when you use them.',
      inputSchema: {
        from: z.string().trim().min(1).max(300).describe('Node id or name'),
        to: z.string().trim().min(1).max(300).describe('Node id or name'),
        maxLength: z.number().int().min(1).max(6).default(4).describe('Longest path, in hops'),
        limit: z.number().int().min(1).max(10).default(3).describe('At most this many paths'),
      },
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('explain_paths', async ({ from, to, maxLength, limit }) => {
      const a = await resolveNode(executor, from);
      const b = await resolveNode(executor, to);
      if (a.id === b.id) throw new ToolError(`"${from}" and "${to}" are the same node (${a.id}); give two different entities.`);
      const found = await findPaths(executor, { from: a.id, to: b.id, maxLength, limit });
      const cite = await citer(
        executor,
        found.paths.flatMap((p) => p.hops),
      );
      const all = found.paths.map((p) => ({
        length: p.length,
        weakLinks: p.weakLinks,
        explanation: p.explanation,
        hops: p.hops.map((h) => ({ text: h.text, weak: h.weak, citation: cite(h) })),
      }));
      const { kept, omitted } = fit(all, MCP_LIMITS.maxChars);
      const hint = 'Ask for fewer paths or a shorter maxLength.';
      const text = kept.length
        ? [
            `Paths from ${a.name} (${a.id}) to ${b.name} (${b.id}), strong links first:`,
            ...kept.map(
              (p, i) =>
                `${i + 1}. ${p.explanation}${p.weakLinks ? ` (${p.weakLinks} weak link${p.weakLinks > 1 ? 's' : ''})` : ''}` +
                p.hops.map((h) => (h.citation ? `\n   - ${h.text}: ${citationText(h.citation)}` : '')).join(''),
            ),
          ].join('\n')
        : `No path of at most ${maxLength} hops between ${a.name} (${a.id}) and ${b.name} (${b.id}). Try a larger maxLength (up to 6).`;
      return answer(
        { from: { id: a.id, name: a.name }, to: { id: b.id, name: b.name }, paths: kept, truncated: omitted > 0, ...(omitted ? { hint } : {}) },
        text + (omitted ? truncationNote(`${omitted} more paths not shown`, hint) : ''),
      );
    }),
  );
}
