import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { nodeLabel } from '../../graph/model.js';
import { changesSince, UnknownSinceError } from '../../changes/service.js';
import { answer, fit, MCP_LIMITS, truncationNote } from '../budget.js';
import { citationSchema, citationText, citer, whereNamed } from '../citations.js';
import type { McpDeps } from '../deps.js';
import { guarded, ToolError } from '../errors.js';

const item = z.object({
  id: z.string(),
  label: z.string(),
  name: z.string(),
  date: z.string().nullable(),
  citation: citationSchema.nullable(),
});
const output = {
  imports: z.array(z.object({ id: z.string(), at: z.string(), origin: z.string(), files: z.number().int() })),
  added: z.array(item).meta({ description: 'Nodes new to the graph since then, by label in model order' }),
  removed: z.record(z.string(), z.number().int()).meta({ description: 'Nodes gone since then, counted per label' }),
  relationships: z.object({ added: z.number().int(), removed: z.number().int() }),
  truncated: z.boolean(),
  hint: z.string().optional(),
};

/** Changes since an import or a date (the import history, docs/changes.md), each new node cited where it is named. */
export function registerChanges(server: McpServer, { executor, changes }: McpDeps): void {
  if (!changes) return;
  server.registerTool(
    'changes_since',
    {
      title: 'What changed since an import or a date',
      description:
        'What the imports since a date (YYYY-MM-DD or an ISO date-time) or an import id added to the graph: new policies, news items, companies, agencies …, each cited where it is named, and what was removed (counts). ' +
        'Without "since": the last import alone. Narrow with "label" (e.g. "Policy").',
      inputSchema: {
        since: z.string().trim().min(1).max(60).optional().describe('An import id, or a date: the imports from then on'),
        label: nodeLabel.optional().describe('Only nodes of this kind, e.g. "Policy"'),
        limit: z.number().int().min(1).max(100).default(25).describe('At most this many new nodes per kind'),
      },
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('changes_since', async ({ since, label, limit }) => {
      const found = await changesSince(executor, changes, { since, type: label, limit }).catch((err: unknown) => {
        if (err instanceof UnknownSinceError) throw new ToolError(err.message);
        throw err;
      });
      const all = found.types.flatMap((t) => t.added.items.map((n) => ({ ...n, label: t.label })));
      const prov = await whereNamed(
        executor,
        all.map((n) => n.id),
      );
      const cite = await citer(executor, [...prov.values()]);
      const added = all.map((n) => ({ id: n.id, label: n.label, name: n.name, date: n.date ?? null, citation: prov.has(n.id) ? cite(prov.get(n.id)!) : null }));
      const { kept, omitted } = fit(added, MCP_LIMITS.maxChars);
      const more = found.types.reduce((sum, t) => sum + t.added.total - t.added.items.length, 0) + omitted;
      const hint = 'Pass a later "since" or a "label" to narrow the list.';
      const removed = Object.fromEntries(found.types.filter((t) => t.removed.total).map((t) => [t.label, t.removed.total]));
      const imports = found.imports.map(({ id, at, origin, files }) => ({ id, at, origin, files }));
      const head = imports.length
        ? `${imports.length} import(s) since ${since ?? 'the one before the last'} (${imports[0]!.at} … ${imports.at(-1)!.at}).`
        : 'No import since then.';
      const lines = kept.map((n) => `- ${n.id} — ${n.label} ${n.name}${n.date ? `, ${n.date}` : ''}${n.citation ? `\n  ${citationText(n.citation)}` : ''}`);
      const gone = Object.entries(removed).map(([l, c]) => `${c} ${l}`);
      const text =
        `${head}\n` +
        (lines.length ? `New:\n${lines.join('\n')}\n` : 'Nothing new.\n') +
        (gone.length ? `Removed: ${gone.join(', ')}.\n` : '') +
        `Relationships: +${found.relationships.added} −${found.relationships.removed}.`;
      return answer(
        { imports, added: kept, removed, relationships: found.relationships, truncated: more > 0, ...(more ? { hint } : {}) },
        text + (more ? truncationNote(`${more} more new nodes not shown`, hint) : ''),
      );
    }),
  );
}
