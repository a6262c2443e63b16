import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { cypherBody } from '../../api/cypher/router.js';
import type { CypherResult } from '../../api/cypher/execute.js';
import { answer, fit, MCP_LIMITS, truncationNote } from '../budget.js';
import { citationSchema, citationText, citer, type Provenance } from '../citations.js';
import type { McpDeps } from '../deps.js';
import { guarded } from '../errors.js';

const output = {
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  truncated: z.boolean(),
  truncatedBy: z
    .enum(['rows', 'bytes', 'budget'])
    .optional()
    .meta({ description: "rows or bytes: the console's budget stopped the query; budget: the answer was cut to fit" }),
  citations: z.array(citationSchema).meta({ description: 'Of the relationships the rows return (return r, or r.brief, r.line, r.evidence, to cite)' }),
  hint: z.string().optional(),
};

/** Relationships in the rows (as toJson writes them) that carry provenance. */
function provenanceIn(v: unknown, out: Provenance[]): void {
  if (Array.isArray(v)) for (const x of v) provenanceIn(x, out);
  else if (v && typeof v === 'object') {
    const o = v as { type?: unknown; properties?: { brief?: unknown; line?: unknown; evidence?: unknown } };
    if (typeof o.type === 'string' && o.properties && typeof o.properties.brief === 'string' && typeof o.properties.evidence === 'string') {
      out.push({ brief: o.properties.brief, line: typeof o.properties.line === 'number' ? o.properties.line : null, evidence: o.properties.evidence });
    }
    for (const x of Object.values(v)) provenanceIn(x, out);
  }
}

/** Citations listed under a result, at most. */
const MAX_CITATIONS = 20;

export function registerCypher(server: McpServer, { executor, runner }: McpDeps): void {
  server.registerTool(
    'run_cypher',
    {
      title: 'Read-only Cypher',
      description:
        'Run a read-only Cypher query on the graph (Neo4j 5), for questions the other tools do not answer. Writes, administration and most procedures are refused; ' +
        'the query has a time limit and row and size budgets, and the answer is cut to fit your context. Call graph_model first for labels, relationship types and properties. ' +
        'Every relationship carries brief, line and evidence: return them (or the relationship) so the answer can be cited. Dates are Neo4j dates: compare with date("2023-01-01"). Use $parameters for values.',
      inputSchema: {
        query: cypherBody.shape.query.describe('One Cypher statement, read-only; add a LIMIT'),
        params: cypherBody.shape.params.describe('Query parameters, e.g. {"id": "agency:MIIT"}'),
      },
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('run_cypher', async ({ query, params }) => {
      const result = JSON.parse(await runner.run(query, params, 'mcp-cypher')) as CypherResult;
      const { kept, omitted } = fit(result.rows, MCP_LIMITS.maxChars);
      const found: Provenance[] = [];
      provenanceIn(kept, found);
      const unique = [...new Map(found.map((p) => [`${p.brief}|${p.line}|${p.evidence}`, p])).values()].slice(0, MAX_CITATIONS);
      const cite = await citer(executor, unique);
      const citations = unique.map(cite).filter((c) => c !== null);
      const truncatedBy = omitted > 0 ? ('budget' as const) : result.truncatedBy;
      const truncated = truncatedBy !== undefined;
      const hint =
        truncatedBy === 'budget'
          ? `The answer was cut to ${kept.length} of ${result.rows.length} rows to fit. Return fewer columns (properties, not whole nodes), aggregate, or add a LIMIT.`
          : `The query stopped at the console's ${truncatedBy === 'rows' ? `${result.rowLimit} rows` : `${result.byteLimit} bytes`}. Aggregate, or add a LIMIT.`;
      const text = [
        `${kept.length} row(s)${truncated ? ' (truncated)' : ''}; columns: ${result.columns.join(', ')}`,
        ...kept.map((r) => JSON.stringify(r)),
        ...(citations.length ? ['Citations:', ...citations.map((c) => `- ${citationText(c)}`)] : []),
      ].join('\n');
      return answer(
        { columns: result.columns, rows: kept, truncated, ...(truncatedBy ? { truncatedBy, hint } : {}), citations },
        text + (truncated ? truncationNote(truncatedBy === 'budget' ? `${omitted} more rows not shown` : 'the query was stopped early', hint) : ''),
      );
    }),
  );
}
