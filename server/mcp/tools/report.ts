import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { resolveEntity } from '../../reports/resolve.js';
import type { Citation as ReportCitation } from '../../reports/model.js';
import { answer, fit, MCP_LIMITS } from '../budget.js';
import { clip, type Citation } from '../citations.js';
import type { McpDeps } from '../deps.js';
import { guarded } from '../errors.js';

const output = {
  kind: z.enum(['agency', 'company']),
  id: z.string(),
  name: z.string(),
  counts: z.record(z.string(), z.number()).meta({ description: 'The figures the report states' }),
  sections: z
    .record(z.string(), z.array(z.unknown()))
    .meta({ description: "The report's lists, each shortened to fit; every fact carries a citation {brief, title, date, file, line, sentence}" }),
  listed: z.record(z.string(), z.number()).meta({ description: 'Full length of each list' }),
  truncated: z.boolean(),
  hint: z.string().optional(),
};

/**
 * Lists that are not cited facts about the subject: the figure's layout, the source index (files
 * are in the citations), and what analysts changed or wrote (the text says them).
 */
const NOT_SECTIONS = new Set(['network', 'sources', 'notes', 'corrections', 'analystNotes', 'byYear']);

const isReportCitation = (v: unknown): v is ReportCitation =>
  !!v && typeof v === 'object' && 'brief' in v && 'evidence' in v && 'line' in v && 'briefTitle' in v;

/** The report's citations in the compact form, the file taken from the report's sources. */
function compact(v: unknown, files: Map<string, string | null>): unknown {
  if (isReportCitation(v)) {
    const c: Citation = { brief: v.brief, title: v.briefTitle, date: v.briefDate, file: files.get(v.brief) ?? null, line: v.line, sentence: clip(v.evidence) };
    return c;
  }
  if (Array.isArray(v)) return v.map((x) => compact(x, files));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x, files)]));
  return v;
}

/**
 * Markdown cut at the last section heading that fits, keeping the Sources list: the quotes in
 * the text name brief, date and line, and Sources gives each brief's file.
 */
function cutMarkdown(md: string, max: number): { text: string; cut: boolean } {
  if (md.length <= max) return { text: md, cut: false };
  const s = md.lastIndexOf('\n## Sources');
  const sources = s > 0 ? md.slice(s) : '';
  const body = s > 0 ? md.slice(0, s) : md;
  const room = Math.max(0, max - sources.length);
  const at = body.lastIndexOf('\n## ', room);
  return { text: `${body.slice(0, at > 0 ? at : room)}\n\n*[Later sections left out to fit.]*\n${sources}`, cut: true };
}

export function registerReport(server: McpServer, { executor, reports }: McpDeps): void {
  server.registerTool(
    'relationship_report',
    {
      title: 'Relationship report on an agency or company',
      description:
        'A cited report on one agency or company, as analysts read it: for an agency, its policies (led and co-issued), co-issuers, sectors, targets, news and linked companies; ' +
        'for a company, its mentions, sectors, the policies and agencies on its sectors, and peer companies. Every statement cites its brief, file, line and sentence. ' +
        'Give an id or a name ("MIIT", "Ministry of Finance", "财政部", "Tesla").',
      inputSchema: {
        kind: z.enum(['agency', 'company']).describe('What the subject is'),
        entity: z.string().trim().min(1).max(300).describe('Node id or name'),
      },
      outputSchema: output,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('relationship_report', async ({ kind, entity }) => {
      // The API's report cache: a report an analyst or the warm-up asked for is not built again.
      const id = await resolveEntity(executor, kind, entity);
      const [report, { body }] = await Promise.all([reports.report(kind, id), reports.rendered(kind, id, 'md')]);
      const files = new Map(report.sources.map((s) => [s.brief, s.file]));
      const lists = Object.entries(report).filter(([k, v]) => Array.isArray(v) && !NOT_SECTIONS.has(k)) as [string, unknown[]][];
      const share = Math.floor(MCP_LIMITS.maxChars / Math.max(1, lists.length));
      let cut = false;
      const sections: Record<string, unknown[]> = {};
      for (const [k, items] of lists) {
        const { kept, omitted } = fit(compact(items, files) as unknown[], share);
        sections[k] = kept;
        cut ||= omitted > 0;
      }
      const listed = report.listed as Record<string, number>;
      cut ||= lists.some(([k, items]) => (listed[k] ?? items.length) > items.length);
      const md = cutMarkdown(body, MCP_LIMITS.maxChars);
      const truncated = cut || md.cut;
      const hint = `Lists are shortened. For one list in full, ask find_policies (with a period) or find_related, or open ${`/api/reports/${kind}/${id}/items`} in the app.`;
      const name = 'acronym' in report.profile && report.profile.acronym ? report.profile.acronym : report.profile.name;
      return answer(
        { kind, id, name, counts: report.counts as Record<string, number>, sections, listed, truncated, ...(truncated ? { hint } : {}) },
        md.text + (truncated ? `\n[truncated: ${hint}]` : ''),
      );
    }),
  );
}
