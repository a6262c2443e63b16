import type { Request } from 'express';
import { z } from 'zod';
import { labelOfId, nodeLabel, relType } from '../graph/model.js';
import { ISO_DATE_OR_PART } from '../parse/dates.js';
import { HttpError } from './errors.js';
import { formatIssues } from '../issues.js';

/** "Policy,Agency" → ["Policy", "Agency"], each checked against the enum. */
const csvList = z
  .string()
  .optional()
  .transform((s) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  );

export const labelsParam = csvList.pipe(z.array(nodeLabel));
export const typesParam = csvList.pipe(z.array(relType));
export const isoDateParam = z.string().regex(ISO_DATE_OR_PART, 'expected YYYY, YYYY-MM or YYYY-MM-DD').optional();
export const nodeIdParam = z
  .string()
  .min(3)
  .max(300)
  .refine((id) => !!labelOfId(id), 'not a node id (expected e.g. agency:MIIT)');

/** Parses and stores the validated query; a bad field is a 400 naming it. */
export function query<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const r = schema.safeParse(req.query);
  if (!r.success) throw new HttpError(400, formatIssues(r.error.issues, { root: 'query' }), r.error.issues);
  return r.data;
}

/** Deeper than any request of ours needs; recursive validation of deeper input would blow the stack. */
export const MAX_BODY_DEPTH = 32;

/** True when `v` nests arrays or objects deeper than `max` (iterative: no recursion on input). */
export function nestedDeeperThan(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [x, depth] = stack.pop()!;
    if (!x || typeof x !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(x)) stack.push([child, depth + 1]);
  }
  return false;
}

export function body<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  if (nestedDeeperThan(req.body, MAX_BODY_DEPTH)) throw new HttpError(400, `body: nested deeper than ${MAX_BODY_DEPTH} levels.`);
  const r = schema.safeParse(req.body ?? {});
  if (!r.success) throw new HttpError(400, formatIssues(r.error.issues, { root: 'body' }), r.error.issues);
  return r.data;
}
