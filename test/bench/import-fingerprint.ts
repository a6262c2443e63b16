/**
 * npx tsx test/bench/import-fingerprint.ts DIR [AGAIN_DIR] --wipe [--reverse]
 *
 * What an import writes, as hashes to compare across two versions of the importer (issue 28: a
 * faster importer must write the same graph and the same history). Empties the database, imports
 * DIR, prints a hash of the whole graph (every node's labels and properties, every relationship's
 * type, ends and properties; `importedAt`, the commit time, left out) and of the import's history
 * record (server/changes/record.ts, its id and time left out); then, with AGAIN_DIR (briefs of the
 * same names and other content, e.g. `npm run bench:corpus -- --briefs 50 --seed 7`), imports it
 * over the first and prints both hashes again: the replaced briefs' removals and diffs.
 * Needs NEO4J_URI and --wipe; --dump DIR writes each record as JSON there. --reverse imports each
 * DIR's files in reverse order (lineage links carry the brief that made them: another order of
 * arrival, another graph; compare two importers on the same order).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { importRecord } from '../../server/changes/record.js';
import { loadConfigOrExit } from '../../server/config.js';
import { connectDatabase } from '../../server/db/connect.js';
import { Executor } from '../../server/graph/executor.js';
import { applySchema } from '../../server/graph/schema.js';
import { wipeGraph } from '../../server/graph/wipe.js';
import { importFiles, type BriefOutcome } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { wipe: { type: 'boolean' }, dump: { type: 'string' }, reverse: { type: 'boolean' } },
});
if (!positionals.length || !process.env.NEO4J_URI || !values.wipe) {
  console.error('usage: NEO4J_URI=bolt://… npx tsx test/bench/import-fingerprint.ts DIR [AGAIN_DIR] --wipe   (empties that database)');
  process.exit(2);
}
const config = loadConfigOrExit();
const db = await connectDatabase(config);
const executor = new Executor(db.driver, db.database);

/** JSON with keys sorted and driver integers as numbers: the same value prints the same. */
const canonical = (v: unknown): string => {
  if (neo4j.isInt(v)) return String(v.toNumber());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object' && v.constructor === Object)
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v === undefined ? null : typeof v === 'object' ? String(v) : v);
};
const hash = (lines: string[]) => crypto.createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 16);

async function graphHash(): Promise<string> {
  const rows = await executor.read(async (tx) => {
    const nodes = await tx.run('MATCH (n) RETURN labels(n) AS l, properties(n) AS p');
    const rels = await tx.run('MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p');
    return [
      ...nodes.records.map((r) => {
        const { importedAt: _importedAt, ...p } = r.get('p') as Record<string, unknown>;
        return `N ${canonical([...(r.get('l') as string[])].sort())} ${canonical(p)}`;
      }),
      ...rels.records.map((r) => `R ${r.get('t')} ${r.get('a')} ${r.get('b')} ${canonical(r.get('p'))}`),
    ];
  });
  return `${hash(rows)} (${rows.filter((l) => l.startsWith('N')).length} nodes, ${rows.filter((l) => l.startsWith('R')).length} relationships)`;
}

const recordHash = (outcomes: BriefOutcome[], step: number) => {
  const { id: _id, at: _at, ...record } = importRecord(outcomes, 'cli');
  // --dump DIR: the record as JSON, to diff two importers' records when their hashes differ.
  if (values.dump) fs.writeFileSync(path.join(values.dump, `record-${step}.json`), JSON.stringify(record, null, 1));
  // The order of the removed relationships follows their ids in the index, which differ from run
  // to run of the same importer: compared as sets.
  for (const side of [record.added, record.removed]) side.rels.sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
  const statuses = record.briefs.reduce<Record<string, number>>((m, b) => ({ ...m, [b.status]: (m[b.status] ?? 0) + 1 }), {});
  return `${hash([canonical(record)])} (${canonical(statuses)}; added ${record.added.rels.length} relationships, removed ${record.removed.rels.length})`;
};

try {
  await wipeGraph(executor);
  await applySchema(executor);
  for (const [i, dir] of positionals.entries()) {
    const files = listBriefFiles([dir]);
    const outcomes = await importFiles(executor, values.reverse ? files.reverse() : files);
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length) console.log(`${failed.length} failed: ${failed[0]!.error}`);
    console.log(`${i ? 'then ' : ''}${dir}: graph ${await graphHash()}; history record ${recordHash(outcomes, i)}`);
  }
} finally {
  await db.close();
}
