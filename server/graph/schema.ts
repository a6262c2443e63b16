import fs from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import { fromRoot } from '../paths.js';
import type { Executor } from './executor.js';
import { backfillTitleKeys } from '../lineage/backfill.js';
import { labelsInIndex, SEARCH_INDEXES, type SearchIndex } from './model.js';

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

/** The model's full-text indexes that the database holds with other labels or properties (an earlier version's). */
export async function changedSearchIndexes(tx: ManagedTransaction): Promise<SearchIndex[]> {
  const existing = (await tx.run('SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties')).records.map((r) => ({
    name: String(r.get('name')),
    labels: (r.get('labelsOrTypes') as string[]).slice().sort(),
    properties: r.get('properties') as string[],
  }));
  return existing
    .filter((ix) => ix.name in SEARCH_INDEXES)
    .filter((ix) => {
      const name = ix.name as SearchIndex;
      return ix.labels.join('|') !== labelsInIndex(name).slice().sort().join('|') || ix.properties.join('|') !== SEARCH_INDEXES[name];
    })
    .map((ix) => ix.name as SearchIndex);
}

/**
 * Drops each full-text index whose labels or property differ from the model, so the CREATE … IF
 * NOT EXISTS below builds it anew: an index of an earlier version would otherwise stay as it was.
 */
async function dropChangedSearchIndexes(executor: Executor): Promise<string[]> {
  const changed = await executor.read(changedSearchIndexes);
  // Each name is one of the model's index names (changedSearchIndexes), never input.
  for (const name of changed) await executor.autoCommit(`DROP INDEX ${name} IF EXISTS`);
  return changed;
}

/** Applies cypher/schema.cypher. Idempotent; safe on every start. */
const NAMED = /^CREATE\s+(?:\w+\s+)?(?:INDEX|CONSTRAINT)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b/i;

async function existingSchemaNames(executor: Executor): Promise<Set<string>> {
  return executor.read(async (tx) => {
    const indexes = await tx.run('SHOW INDEXES YIELD name RETURN collect(name) AS names');
    const constraints = await tx.run('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
    return new Set([...(indexes.records[0]?.get('names') as string[]), ...(constraints.records[0]?.get('names') as string[])]);
  });
}

export async function applySchema(executor: Executor, file = fromRoot('cypher/schema.cypher')): Promise<number> {
  const statements = splitStatements(fs.readFileSync(file, 'utf8'));
  const rebuilt = await dropChangedSearchIndexes(executor);
  if (rebuilt.length)
    console.error(`Rebuilding the search index${rebuilt.length > 1 ? 'es' : ''} ${rebuilt.join(', ')} for this version (a minute on a large graph)…`);
  // Each statement is a round trip of its own (20-30 ms here, a second in all for every import
  // of one brief): those naming an index or constraint the database has are skipped, as IF NOT
  // EXISTS would leave it anyway.
  const have = await existingSchemaNames(executor);
  for (const stmt of statements) {
    const name = NAMED.exec(stmt)?.[1];
    if (!name || !have.has(name)) await executor.autoCommit(stmt);
  }
  // Full-text indexes populate asynchronously; search must not see a half-built index.
  await executor.autoCommit('CALL db.awaitIndexes(300)');
  await backfillTitleKeys(executor);
  return statements.length;
}
