import fs from 'node:fs';
import { fromRoot } from '../paths.js';
import type { Executor } from './executor.js';

/** Splits a .cypher file into statements: `;` at the end of a line ends one; `//` lines are comments. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (/^\s*\/\//.test(line)) continue;
    current.push(line);
    if (line.endsWith(';')) {
      const stmt = current.join('\n').trim().replace(/;$/, '').trim();
      if (stmt) out.push(stmt);
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) out.push(rest);
  return out;
}

/** Applies cypher/schema.cypher. Idempotent; safe on every start. */
export async function applySchema(executor: Executor, file = fromRoot('cypher/schema.cypher')): Promise<number> {
  const statements = splitStatements(fs.readFileSync(file, 'utf8'));
  for (const stmt of statements) await executor.autoCommit(stmt);
  // Full-text indexes populate asynchronously; search must not see a half-built index.
  await executor.autoCommit('CALL db.awaitIndexes(300)');
  return statements.length;
}
