import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { firstBriefOf } from '../../graph/provenance.js';
import { toJson } from '../../graph/values.js';
import { isoDateParam } from '../../api/params.js';
import { lastDayOf } from '../../api/nodes/router.js';
import { answer, fit, MCP_LIMITS, truncationNote } from '../budget.js';
import { citationSchema, citationText, citer, type Provenance } from '../citations.js';
import type { McpDeps } from '../deps.js';
import { guarded, ToolError } from '../errors.js';
import { resolveNode, type Resolved } from '../resolve.js';

// Newest first. The issuers' relationships carry the line that names them ("Issuing bodies: …"),
// the policy its own title line; both are cited. The catch-all sector is no sector.
const POLICIES = `
MATCH (p:Policy)
WHERE ($from IS NULL OR p.date >= date($from)) AND ($to IS NULL OR p.date <= date($to))
  AND ($agency IS NULL OR EXISTS { (p)-[:ISSUED_BY]->(:Agency {id: $agency}) })
  AND ($sector IS NULL OR EXISTS { (p)-[:TARGETS]->(:Sector {id: $sector}) })
WITH p ORDER BY p.date DESC, p.title
WITH collect(p) AS found
UNWIND found[..$limit] AS p
CALL {
  WITH p
  OPTIONAL MATCH (p)-[i:ISSUED_BY]->(a:Agency)
  WITH i, a ORDER BY i.lead DESC, a.acronym
  RETURN collect(CASE WHEN a IS NULL THEN null ELSE {id: a.id, name: coalesce(a.acronym, a.name), lead: coalesce(i.lead, false),
                      brief: i.brief, line: i.line, evidence: i.evidence} END) AS issuers
}
CALL {
  WITH p
  OPTIONAL MATCH (p)-[:TARGETS]->(s:Sector) WHERE s.id <> 'sector:cross-sector'
  RETURN collect(s.name) AS sectors
}
RETURN size(found) AS total, p.id AS id, p.title AS title, p.titleZh AS titleZh, p.date AS date, p.status AS status,
       p.summary AS summary, p.evidence AS evidence, p.line AS line, ${firstBriefOf('p')} AS brief, issuers, sectors`;

const policy = z.object({
  id: z.string(),
  title: z.string(),
  titleZh: z.string().nullable(),
  date: z.string().nullable(),
  status: z.string().nullable(),
  issuers: z.array(z.object({ id: z.string(), name: z.string(), lead: z.boolean() })),
  sectors: z.array(z.string()),
  summary: z.string().nullable(),
  citations: z.array(citationSchema).meta({ description: 'The policy line and the issuers line of its brief' }),
});
const output = {
  filters: z.object({ agency: z.string().nullable(), sector: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable() }),
  total: z.number().int().meta({ description: 'Policies matching the filters; the newest are listed' }),
  policies: z.array(policy),
  truncated: z.boolean(),
  hint: z.string().optional(),
};

const SUMMARY = 240;

export function registerPolicies(server: McpServer, { executor }: McpDeps): void {
  server.registerTool(
    'find_policies',
    {
      title: 'Policies by agency, sector and period',
      description:
        'Policies newest first, filtered by issuing agency, targeted sector and a period (dates as YYYY, YYYY-MM or YYYY-MM-DD; "from 2023 to 2023" is the year 2023). ' +
        'Each policy lists all its issuers (so co-issuers of an agency are the other issuers), its sectors, and citations of its title and issuer lines. ' +
        'Agency and sector take an id or a name ("MIIT", "工信部", "batteries").',
      inputSchema: {
        agency: z.string().trim().min(1).max(300).optional().describe('Issuing agency: id ("agency:MIIT") or name'),
        sector: z.string().trim().min(1).max(300).optional().describe('Targeted sector: id ("sector:batteries") or name'),
        from: isoDateParam.describe('On or after this date (YYYY, YYYY-MM or YYYY-MM-DD)'),
        to: isoDateParam.describe('On or before the end of this date (YYYY, YYYY-MM or YYYY-MM-DD)'),
        limit: z.number().int().min(1).max(100).default(25).describe('At most this many policies'),
      },
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('find_policies', async ({ agency, sector, from, to, limit }) => {
      const a: Resolved | null = agency ? await resolveNode(executor, agency, ['Agency']) : null;
      const s: Resolved | null = sector ? await resolveNode(executor, sector, ['Sector']) : null;
      const since = from ? (from.length === 4 ? `${from}-01-01` : from.length === 7 ? `${from}-01` : from) : null;
      const until = to ? lastDayOf(to) : null;
      if (since && until && since > until) throw new ToolError(`"from" (${from}) is after "to" (${to}); swap them.`);
      const res = await executor.read(
        (tx) => tx.run(POLICIES, { agency: a?.id ?? null, sector: s?.id ?? null, from: since, to: until, limit: neo4j.int(limit) }),
        { timeoutMs: MCP_LIMITS.timeoutMs, metadata: { feature: 'mcp-policies' } },
      );
      const rows = res.records.map((r) => toJson(r.toObject()) as Record<string, unknown>);
      const total = Number(rows[0]?.total ?? 0);
      const provenance = (r: Record<string, unknown>): Provenance[] => {
        const issuers = r.issuers as (Provenance & { id: string })[];
        return [{ brief: r.brief as string, line: r.line as number, evidence: r.evidence as string }, ...(issuers[0] ? [issuers[0]] : [])];
      };
      const cite = await citer(executor, rows.flatMap(provenance));
      const all = rows.map((r) => ({
        id: r.id as string,
        title: r.title as string,
        titleZh: (r.titleZh as string | null) ?? null,
        date: (r.date as string | null) ?? null,
        status: (r.status as string | null) ?? null,
        issuers: (r.issuers as { id: string; name: string; lead: boolean }[]).map(({ id, name, lead }) => ({ id, name, lead })),
        sectors: r.sectors as string[],
        summary: typeof r.summary === 'string' ? (r.summary.length > SUMMARY ? `${r.summary.slice(0, SUMMARY - 1)}…` : r.summary) : null,
        citations: provenance(r)
          .map(cite)
          .filter((c) => c !== null),
      }));
      const filters = { agency: a?.id ?? null, sector: s?.id ?? null, from: since, to: until };
      const { kept, omitted } = fit(all, MCP_LIMITS.maxChars);
      const truncated = omitted > 0 || total > all.length;
      const hint = 'Narrow the period, or add an agency or a sector.';
      const described = [a && `issued by ${a.name}`, s && `on ${s.name}`, since && `from ${since}`, until && `to ${until}`].filter(Boolean).join(', ');
      const text = [
        `${total} ${total === 1 ? 'policy' : 'policies'}${described ? ` ${described}` : ''}; newest first:`,
        ...kept.map(
          (p) =>
            `- ${p.date ?? 'undated'} “${p.title}”${p.titleZh ? ` (${p.titleZh})` : ''} [${p.id}]${p.status === 'draft' ? ' (draft)' : ''}\n` +
            `  issuers: ${p.issuers.map((i) => `${i.name}${i.lead ? ' (lead)' : ''}`).join(', ') || 'not stated'}; sectors: ${p.sectors.join(', ') || 'none'}` +
            p.citations.map((c) => `\n  ${citationText(c)}`).join(''),
        ),
      ].join('\n');
      return answer(
        { filters, total, policies: kept, truncated, ...(truncated ? { hint } : {}) },
        text + (truncated ? truncationNote(`${total - kept.length} more not shown`, hint) : ''),
      );
    }),
  );
}
