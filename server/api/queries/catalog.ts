import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromRoot } from '../../paths.js';
import { isoDate } from '../../parse/schema.js';

/**
 * Saved queries are plain .cypher files in cypher/queries/ with a header:
 *   // name: co-issuing-agencies
 *   // title: Agencies that co-issue most often
 *   // description: …
 *   // param: limit: integer = 20 — how many pairs
 *   // param: agency: entity(Agency) = agency:MIIT — the issuing agency
 * Parameter types: string, integer, number, boolean, date (YYYY-MM-DD), id (a node id), and
 * entity(Label): a node id the explorer's form finds by type-ahead among nodes with that label.
 */

const paramTypes = {
  string: z.string().max(500),
  integer: z.coerce.number().int(),
  number: z.coerce.number(),
  boolean: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  date: isoDate,
  id: z.string().min(3).max(300),
  entity: z.string().min(1).max(300),
} as const;
type ParamType = keyof typeof paramTypes;

export const savedParamSchema = z.object({
  name: z.string(),
  type: z.enum(Object.keys(paramTypes) as [ParamType, ...ParamType[]]),
  /** For entity parameters: the node label the form searches. */
  label: z.string().optional(),
  default: z.unknown().optional(),
  description: z.string(),
});
export type SavedParam = z.infer<typeof savedParamSchema>;
export const savedQuerySchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  params: z.array(savedParamSchema),
  cypher: z.string(),
});
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
        params.push(parseParamLine(m[2]!, file));
      } else header[m[1]!] = (header[m[1]!] ? `${header[m[1]!]} ` : '') + m[2]!.trim();
      continue;
    }
    if (inHeader && /^\s*\/\//.test(line)) continue;
    inHeader = false;
    body.push(line);
  }
  const name = header.name ?? path.basename(file, '.cypher');
  return savedQuerySchema.parse({
    name,
    title: header.title ?? name,
    description: header.description ?? '',
    params,
    cypher: body.join('\n').trim().replace(/;\s*$/, ''),
  });
}

/** One `// param:` line after the colon: `name: type = default — description`, type maybe `entity(Label)`. */
export function parseParamLine(line: string, file: string): SavedParam {
  const p = /^(\w+)\s*:\s*(\w+)(?:\((\w+)\))?\s*(?:=\s*([^—]*?))?\s*(?:—\s*(.*))?$/.exec(line.trim());
  const bad = (why: string) => new Error(`${file}: bad param line "${line}": ${why} (expected "name: type = default — description")`);
  if (!p) throw bad('unreadable');
  if (!(p[2]! in paramTypes)) throw bad(`unknown type "${p[2]}"`);
  const type = p[2] as ParamType;
  if ((type === 'entity') !== (p[3] !== undefined)) throw bad(type === 'entity' ? 'entity needs a label, e.g. entity(Agency)' : 'only entity takes a label');
  const def = p[4]?.trim();
  let parsedDefault: unknown;
  if (def) {
    const r = paramTypes[type].safeParse(def);
    if (!r.success) throw bad(`default "${def}" is not a ${type}`);
    parsedDefault = r.data;
  }
  return {
    name: p[1]!,
    type,
    ...(p[3] ? { label: p[3] } : {}),
    ...(parsedDefault !== undefined ? { default: parsedDefault } : {}),
    description: p[5]?.trim() ?? '',
  };
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
    .object(
      Object.fromEntries(q.params.map((p) => [p.name, p.default !== undefined ? (paramTypes[p.type] as z.ZodType).default(p.default) : paramTypes[p.type]])),
    )
    .strict();
}
