import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Executor } from '../graph/executor.js';
import { editionMark, lineageKey } from './keys.js';

/** Policies keyed per transaction: a graph of any size is done in bounded steps. */
const BATCH = 1000;

const MISSING = `MATCH (p:Policy) WHERE p.titleKey IS NULL AND p.title IS NOT NULL RETURN p.id AS id, p.title AS title LIMIT $limit`;
const SET_KEYS = `UNWIND $rows AS row MATCH (p:Policy {id: row.id}) SET p.titleKey = row.key, p.editionMark = row.mark`;

/**
 * The lineage key of every policy imported before policies had one (issue 27): without it a later
 * draft, final version, edition or citation of the same document cannot find it by the index the
 * import looks it up with (cypher/import/lineage.cypher, cited.cypher). Computed here, in batches,
 * by the same function as at import (lineage/keys.ts): the key is TypeScript, not Cypher. A title
 * that has no key (nothing but markers) gets '' so that it is not read again; no import looks ''
 * up. Runs with the schema at every start; a graph with every key set costs one scan of policies.
 */
export async function backfillTitleKeys(executor: Executor, batch = BATCH): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await executor.read(async (tx) =>
      (await tx.run(MISSING, { limit: neo4j.int(batch) })).records.map((r) => {
        const title = String(r.get('title'));
        return { id: String(r.get('id')), key: lineageKey(title), mark: editionMark(title) };
      }),
    );
    if (!rows.length) return done + (await rekeyCutTitles(executor, batch));
    await executor.write((tx) => tx.run(SET_KEYS, { rows }));
    done += rows.length;
  }
}

// Keys of 69 or 70 characters: the length of a title cut by the importer before issue 28.
const MAYBE_CUT = `MATCH (p:Policy) WHERE size(p.titleKey) IN [69, 70] AND p.title IS NOT NULL RETURN p.id AS id, p.title AS title, p.titleKey AS key`;
// A same-title link whose two policies no longer share a key: two documents that only began alike.
const UNRELATED = `
MATCH (a:Policy)-[r:FINAL_VERSION_OF|REVISES]->(b:Policy)
WHERE r.rule IN ['same-title-draft-and-final', 'same-title-new-edition'] AND a.titleKey <> b.titleKey
DELETE r
RETURN count(r) AS removed`;

/** The policies whose lineage key is a title cut at 70 characters, with the key they should have. */
export async function cutTitleKeys(tx: ManagedTransaction): Promise<{ id: string; key: string; mark: string }[]> {
  return (await tx.run(MAYBE_CUT)).records.flatMap((r) => {
    const title = String(r.get('title'));
    const key = lineageKey(title);
    return key === r.get('key') ? [] : [{ id: String(r.get('id')), key, mark: editionMark(title) }];
  });
}

/**
 * The lineage key of every policy keyed by the importer before issue 28, which cut titles at 70
 * characters: re-keyed from its whole title, and the same-title links that the cut made between
 * documents that only began alike removed. A later draft, final version or citation of a long
 * title finds the policy again. Costs one read of the few policies with a key of that length when
 * nothing is cut.
 */
async function rekeyCutTitles(executor: Executor, batch: number): Promise<number> {
  const rows = await executor.read(cutTitleKeys);
  for (let i = 0; i < rows.length; i += batch) await executor.write((tx) => tx.run(SET_KEYS, { rows: rows.slice(i, i + batch) }));
  if (rows.length) await executor.write((tx) => tx.run(UNRELATED));
  return rows.length;
}

// Before the import made one link per pair and type (issue 28), a transaction stating both
// policies of a pair linked them once per row; the first brief by id keeps it, as the import now does.
const HELD_TWICE = `
MATCH (a:Policy)-[r:FINAL_VERSION_OF|REVISES]->(b:Policy)
WITH a, b, type(r) AS type, r ORDER BY r.brief, r.line
WITH a, b, type, collect(r) AS links WHERE size(links) > 1
UNWIND tail(links) AS extra`;
const DUPLICATES = `${HELD_TWICE}
DELETE extra
RETURN count(extra) AS removed`;

/** Lineage links a pair holds twice or more, beyond the first (what removeDuplicateLineage removes). */
export async function duplicateLineageLinks(tx: ManagedTransaction): Promise<number> {
  return Number((await tx.run(`${HELD_TWICE} RETURN count(extra) AS extra`)).records[0]?.get('extra') ?? 0);
}

/**
 * Removes the lineage links a pair had twice or more (graphs imported before issue 28's fix). Runs
 * at every server start (server/main.ts): one pass over the lineage links, 65-85 ms for 5,734 at
 * 10,000 briefs; deletes nothing when there are none.
 */
export async function removeDuplicateLineage(executor: Executor): Promise<number> {
  return executor.write(async (tx) => Number((await tx.run(DUPLICATES)).records[0]?.get('removed') ?? 0));
}
