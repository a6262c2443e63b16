import fs from 'node:fs';
import type { z } from 'zod';
import { formatIssues } from './issues.js';
import { fromRoot } from './paths.js';

/**
 * One of the domain-knowledge files in server/extract/data, validated: a maintainer edits them by
 * hand, so a mistake is reported with the file and the field at fault.
 */
export function loadDataFile<T>(file: string, schema: z.ZodType<T>): T {
  const path = fromRoot('server/extract/data', file);
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${formatIssues(parsed.error.issues, { root: 'file', max: 1 })}`);
  return parsed.data;
}
