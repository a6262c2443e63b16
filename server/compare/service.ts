import type { Executor } from '../graph/executor.js';
import type { ReportFormat } from '../reports/service.js';
import { compare, resolveCompared } from './compare.js';
import { renderCompareHtml, renderCompareMarkdown } from './render.js';

const CONTENT_TYPE: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Names or ids → the comparison in the requested format. */
export async function compareReport(executor: Executor, keys: string[], format: ReportFormat): Promise<{ ids: string[]; contentType: string; body: string }> {
  const ids = [];
  for (const k of keys) ids.push(await resolveCompared(executor, k));
  const c = await compare(executor, ids);
  const body = format === 'md' ? renderCompareMarkdown(c) : format === 'html' ? renderCompareHtml(c) : `${JSON.stringify(c, null, 2)}\n`;
  return { ids, contentType: CONTENT_TYPE[format], body };
}
