import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromRoot } from '../../paths.js';

/**
 * Saved queries are plain .cypher files in cypher/queries/ with a header:
 *   // name: co-issuing-agencies
 *   // title: Agencies that co-issue most often
 *   // description: …
 *   // param: limit: integer = 20 — how many pairs
 * Parameter types: string, integer, number, boolean, date (YYYY-MM-DD), id (a node id).
 */

const paramTypes = {
  string: z.string().max(500),
  integer: z.coerce.number().int(),
  number: z.coerce.number(),
  boolean: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  id: z.string().min(3).max(300),
} as const;
type ParamType = keyof typeof paramTypes;

export const savedParamSchema = z.object({ name: z.string(), type: z.enum(Object.keys(paramTypes) as [ParamType, ...ParamType[]]), default: z.unknown().optional(), description: z.string() });
export const savedQuerySchema = z.object({ name: z.string(), title: z.string(), description: z.string(), params: z.array(savedParamSchema), cypher: z.string() });
export type SavedQuery = z.infer<typeof savedQuerySchema>;

export function parseSavedQuery(text: string, file: string): SavedQuery {
  const header: Record<string, string> = {};
  const params: z.infer<typeof savedParamSchema>[] = [];
  const body: string[] = [];
  let inHeader = true;
  for (const line of text.split(/\r?\n/)) {
    const m = inHeader ? /^\s*\/\/\s*(name|title|description|param)\s*:\s*(.*)$/.exec(line) : null;
    if (m) {
      if (m[1] === 'param') {
        const p = /^(\w+)\s*:\s*(\w+)\s*(?:=\s*([^—]*?))?\s*(?:—\s*(.*))?$/.exec(m[2]!);
        if (!p || !(p[2]! in paramTypes)) throw new Error(`${file}: bad param line "${m[2]}" (expected "name: type = default — description")`);
        const type = p[2] as ParamType;
        params.push({ name: p[1]!, type, ...(p[3] ? { default: paramTypes[type].parse(p[3].trim()) } : {}), description: p[4]?.trim() ?? '' });
      } else header[m[1]!] = (header[m[1]!] ? `${header[m[1]!]} ` : '') + m[2]!.trim();
      continue;
    }
    if (inHeader && /^\s*\/\//.test(line)) continue;
    inHeader = false;
    body.push(line);
  }
  const name = header.name ?? path.basename(file, '.cypher');
  return savedQuerySchema.parse({ name, title: header.title ?? name, description: header.description ?? '', params, cypher: body.join('\n').trim().replace(/;\s*$/, '') });
}

export function loadSavedQueries(dir = fromRoot('cypher/queries')): SavedQuery[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => parseSavedQuery(fs.readFileSync(path.join(dir, f), 'utf8'), f));
}

/** zod schema for one saved query's parameters, with its defaults. */
export function paramsSchema(q: SavedQuery) {
  return z
    .object(Object.fromEntries(q.params.map((p) => [p.name, p.default !== undefined ? (paramTypes[p.type] as z.ZodType).default(p.default) : paramTypes[p.type]])))
    .strict();
}
