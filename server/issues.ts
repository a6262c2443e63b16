import type { z } from 'zod';

/**
 * zod issues as one line a person can act on: "field: message; other.field: message". Every
 * error that names bad input (query, body, params, data files) says it the same way. `root` names
 * an issue about the whole value; `prefix` goes before every path (a body's `params.`).
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], opts: { root?: string; prefix?: string; max?: number } = {}): string {
  const shown = opts.max === undefined ? issues : issues.slice(0, opts.max);
  const more = issues.length - shown.length;
  const text = shown.map((i) => `${opts.prefix ?? ''}${i.path.map(String).join('.') || (opts.root ?? '')}: ${i.message}`).join('; ');
  return more > 0 ? `${text} (and ${more} more)` : text;
}
