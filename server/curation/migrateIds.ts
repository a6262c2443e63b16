import fs from 'node:fs';
import path from 'node:path';
import type { ManagedTransaction } from 'neo4j-driver';
import { newsNodeId, policyNodeId, uncutPolicyId } from '../graph/ids.js';
import type { Executor } from '../graph/executor.js';
import { HIDDEN, IN_BRIEF, nodeId } from '../graph/model.js';
import { correctionSchema, type Correction } from './schema.js';
import type { CorrectionLog } from './log.js';

/**
 * Ids of the scheme before issue 27 (positions and dates) rewritten to the ids of what each fact is
 * (graph/ids.ts), in the graph, the corrections file and the saved views. Each node's new id is
 * computed from its own properties with the importer's functions, so a re-import afterwards lands
 * on the same nodes. Run by hand (`npm run curate -- migrate-ids`): it rewrites the analysts'
 * source of truth, so it keeps a backup and says what it changed; start-up and import only warn.
 */

/** `policy:2023-01-13:guiding-opinions-…`, `target:<that>:1`, `news:<brief id>:p3`. */
export const OLD_ID = {
  Policy: /^policy:(?:\d{4}(?:-\d{2}){0,2})?:[^:]*$/,
  Target: /^target:(policy:(?:\d{4}(?:-\d{2}){0,2})?:[^:]*):(\d+)$/,
  NewsItem: /^news:[^:]+:([pc])(\d+)$/,
} as const;

export const isOldId = (id: string) => Object.values(OLD_ID).some((re) => re.test(id));

/**
 * Ids of the second scheme (issue 27) that may hold a title cut at 70 characters: two documents
 * sharing their first 70 characters were one node (issue 28). Whether one was cut is told by the
 * node's own title (uncutPolicyId), not by the id alone.
 */
const CUT_ID = {
  Policy: /^policy:[^:]{69,70}:[^:]+$/,
  Target: /^target:(policy:[^:]{69,70}:[^:]+):(\d+)$/,
} as const;

const LABELS = ['Policy', 'Target', 'NewsItem'] as const;
export const HOLDERS = [...LABELS, HIDDEN.rejectedNode, HIDDEN.mergedNode] as const;

// One-off: a scan of each label (and the hidden ones) is fine here, never on a request path.
const OLD_NODES = `
MATCH (n) WHERE (n:Policy OR n:Target OR n:NewsItem OR n:${HIDDEN.rejectedNode} OR n:${HIDDEN.mergedNode})
  AND n.id STARTS WITH $prefix AND n.id =~ $pattern
OPTIONAL MATCH (n)-[r]->(a:Agency) WHERE coalesce(r.rejectedType, type(r)) = 'ISSUED_BY' AND r.lead
WITH n, min(a.id) AS lead
RETURN n.id AS id, [l IN labels(n) WHERE l IN $holders][0] AS label, n.title AS title, n.titleZh AS titleZh,
       n.date AS date, n.text AS text, lead`;

// One run of pairs (no id in two of them, see runs()) at a time: each old node whose new id no node
// of the label has is renamed; the others come back with `taken`, for FOLD. DISTINCT: the hidden
// labels have no uniqueness constraint, and a pair is counted once per label, as before.
const RENAME = (label: string) => `UNWIND $pairs AS p
MATCH (o:${label} {id: p[0]})
WITH p, o, EXISTS { MATCH (:${label} {id: p[1]}) } AS taken
CALL (o, p, taken) { WITH * WHERE NOT taken SET o.id = p[1] }
RETURN DISTINCT p[0] AS old, p[1] AS new, taken`;
// Two old nodes that are one fact now (the same news line in two briefs): the old one's
// relationships move to the node already there, with their properties and provenance.
export const FOLD = (label: string) => `MATCH (o:${label} {id: $old}) MATCH (n:${label} {id: $new})
CALL (o, n) { MATCH (o)-[r]->(b) WHERE b <> o AND NOT r:${IN_BRIEF} CREATE (n)-[x:$(type(r))]->(b) SET x = properties(r) DELETE r }
CALL (o, n) { MATCH (a)-[r]->(o) WHERE a <> o CREATE (a)-[x:$(type(r))]->(n) SET x = properties(r) DELETE r }
CALL (o, n) { MATCH (o)-[:${IN_BRIEF}]->(b) MERGE (n)-[:${IN_BRIEF}]->(b) }
DETACH DELETE o
RETURN 1 AS c`;
export const MERGED_INTO = `UNWIND $pairs AS p MATCH (m:${HIDDEN.mergedNode} {mergedInto: p[0]}) SET m.mergedInto = p[1]`;

interface OldNode {
  id: string;
  label: (typeof HOLDERS)[number];
  title?: string;
  titleZh?: string;
  date?: string;
  text?: string;
  lead?: string;
}

const nodesLike = async (tx: ManagedTransaction, prefix: string, re: RegExp) =>
  (await tx.run(OLD_NODES, { prefix, pattern: re.source.slice(1, -1), holders: HOLDERS })).records.map((r) => r.toObject() as OldNode);

// The start-up and import check: visible policies only, their ids through the id index.
const CUT_POLICIES = `MATCH (n:Policy) WHERE n.id STARTS WITH 'policy:' AND n.id =~ $pattern RETURN n.id AS id, n.title AS title`;

/** Cut id → whole id for each policy (of `rows`) whose title the second scheme cut. */
function planCut(rows: Pick<OldNode, 'id' | 'title'>[], map: Map<string, string>): void {
  for (const p of rows) {
    const whole = p.title ? uncutPolicyId(p.id, p.title) : undefined;
    if (whole) map.set(p.id, whole);
  }
}

/**
 * Old id → new id for every node of an earlier scheme in the graph (dates and positions; titles cut
 * at 70 characters), from the node's own properties.
 */
export async function planFromGraph(tx: ManagedTransaction): Promise<Map<string, string>> {
  const rows = (prefix: string, re: RegExp) => nodesLike(tx, prefix, re);
  const map = new Map<string, string>();
  // Cut ids first: a title of 69-70 characters is its own whole id, and may be the cut id of a
  // longer title (a final and its "(Draft for Comments)"). Renamed in the other order, the
  // older scheme's node would fold into the cut node before it moved: two documents as one.
  planCut(await rows('policy:', CUT_ID.Policy), map);
  for (const t of await rows('target:', CUT_ID.Target)) {
    const [, policy, n] = CUT_ID.Target.exec(t.id)!;
    const to = map.get(policy!);
    if (to) map.set(t.id, nodeId('Target', `${to}:${n}`));
  }
  for (const p of await rows('policy:', OLD_ID.Policy)) {
    if (!p.title) continue;
    map.set(p.id, policyNodeId({ title: p.title, titleZh: p.titleZh ?? undefined, leadIssuer: p.lead ?? undefined }));
  }
  for (const t of await rows('target:', OLD_ID.Target)) {
    const [, policy, n] = OLD_ID.Target.exec(t.id)!;
    const to = map.get(policy!);
    if (to) map.set(t.id, nodeId('Target', `${to}:${n}`));
  }
  // As the extractor does: lines of one day that start alike but differ get ~2, ~3 in brief order.
  const news = (await rows('news:', OLD_ID.NewsItem)).filter((n) => n.date && n.text);
  const order = (id: string) => {
    const [, kind, i] = OLD_ID.NewsItem.exec(id)!;
    return (kind === 'p' ? 0 : 1e6) + Number(i);
  };
  news.sort((a, b) => order(a.id) - order(b.id));
  const texts = new Map<string, string[]>();
  for (const n of news) {
    const base = newsNodeId({ date: n.date!, text: n.text! });
    const seen = texts.get(base) ?? [];
    let k = seen.indexOf(n.text!);
    if (k < 0) k = seen.push(n.text!) - 1;
    texts.set(base, seen);
    map.set(n.id, k ? `${base}~${k + 1}` : base);
  }
  return map;
}

/**
 * The pairs to rewrite in the map's order, cut into runs of at most `size` in which no id occurs
 * twice. Within a run every pair's rename or fold touches ids no other pair of it names, so their
 * order does not matter and one query renames them all; across runs the order is the map's. Two old
 * ids of one new id (the second folds into the first) and a chain (one's new id is another's old id)
 * so fall into successive runs, and the result is the one of rewriting pair by pair.
 */
export function runs(map: Map<string, string>, size: number): [string, string][][] {
  const out: [string, string][][] = [];
  let run: [string, string][] = [];
  let ids = new Set<string>();
  for (const [old, to] of map) {
    if (old === to) continue;
    if (run.length >= size || ids.has(old) || ids.has(to)) {
      out.push(run);
      run = [];
      ids = new Set();
    }
    run.push([old, to]);
    ids.add(old).add(to);
  }
  if (run.length) out.push(run);
  return out;
}

export interface RewriteOptions {
  /** Pairs per rename query. */
  batch?: number;
  /** Called before the first run and after each with the pairs done and the pairs to do. */
  progress?: (done: number, total: number) => void;
}

/**
 * Rewrites the graph's old ids in one transaction (all or nothing: a failure leaves the graph, the
 * corrections and the views on the old ids together); returns [renamed, folded], counted per pair
 * and label.
 */
export async function rewriteGraph(tx: ManagedTransaction, map: Map<string, string>, opts: RewriteOptions = {}): Promise<{ renamed: number; folded: number }> {
  const out = { renamed: 0, folded: 0 };
  const todo = runs(map, opts.batch ?? 500);
  const total = todo.reduce((n, r) => n + r.length, 0);
  let done = 0;
  opts.progress?.(done, total);
  for (const run of todo) {
    for (const label of HOLDERS) {
      const rows = (await tx.run(RENAME(label), { pairs: run })).records.map((r) => r.toObject() as { old: string; new: string; taken: boolean });
      out.renamed += rows.filter((r) => !r.taken).length;
      for (const r of rows.filter((x) => x.taken)) if ((await tx.run(FOLD(label), { old: r.old, new: r.new })).records.length) out.folded++;
    }
    done += run.length;
    opts.progress?.(done, total);
  }
  await tx.run(MERGED_INTO, { pairs: [...map] });
  return out;
}

const mapIds = (c: Correction, map: Map<string, string>): Correction => {
  const m = (id: string) => map.get(id) ?? id;
  switch (c.kind) {
    case 'merge':
      return { ...c, keep: m(c.keep), drop: m(c.drop) };
    case 'rename':
    case 'alias':
    case 'reject':
      return { ...c, node: m(c.node) };
    case 'reject-rel':
    case 'link':
      return { ...c, from: m(c.from), to: m(c.to) };
    case 'distinct':
      return { ...c, a: m(c.a), b: m(c.b) };
    case 'undo':
      return c;
  }
};

/**
 * Rewrites the corrections file's node ids, line by line (bad lines are kept as they are), under
 * the log's lock, after copying it to `<file>.<stamp>.bak`. Returns the lines changed and the backup.
 */
export async function rewriteCorrections(log: CorrectionLog, map: Map<string, string>, stamp: string): Promise<{ changed: number; backup?: string }> {
  return log.exclusive(async () => {
    if (!fs.existsSync(log.file)) return { changed: 0 };
    const text = fs.readFileSync(log.file, 'utf8');
    let changed = 0;
    const lines = text.split('\n').map((raw) => {
      let parsed;
      try {
        parsed = correctionSchema.safeParse(JSON.parse(raw));
      } catch {
        return raw;
      }
      if (!parsed.success) return raw;
      const next = mapIds(parsed.data, map);
      if (JSON.stringify(next) === JSON.stringify(parsed.data)) return raw;
      changed++;
      return JSON.stringify(next);
    });
    if (!changed) return { changed };
    const backup = `${log.file}.${stamp}.bak`;
    fs.copyFileSync(log.file, backup);
    const tmp = `${log.file}.migrating`;
    fs.writeFileSync(tmp, lines.join('\n'));
    fs.renameSync(tmp, log.file);
    return { changed, backup };
  });
}

/** Every string in a JSON value that is an old id, replaced. */
const swapIds = (v: unknown, map: Map<string, string>): unknown =>
  typeof v === 'string'
    ? (map.get(v) ?? v)
    : Array.isArray(v)
      ? v.map((x) => swapIds(x, map))
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swapIds(x, map)]))
        : v;

/** A JSON file with its old ids replaced, written then renamed; false when it names none. */
function rewriteJson(file: string, map: Map<string, string>, backup: () => string): boolean {
  const before = fs.readFileSync(file, 'utf8');
  const parsed: unknown = JSON.parse(before);
  const after = JSON.stringify(swapIds(parsed, map));
  if (after === JSON.stringify(parsed)) return false;
  fs.copyFileSync(file, backup());
  fs.writeFileSync(`${file}.migrating`, after);
  fs.renameSync(`${file}.migrating`, file);
  return true;
}

/**
 * Every string of the JSON files in `dir` (saved views, watch-lists) that is an old id, replaced;
 * the files are rewritten in place after a copy to `<dir>.<stamp>.bak/`.
 */
export function rewriteJsonFiles(dir: string, map: Map<string, string>, stamp: string): { changed: number; backup?: string } {
  if (!fs.existsSync(dir)) return { changed: 0 };
  let changed = 0;
  const backup = `${dir}.${stamp}.bak`;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const copy = () => (fs.mkdirSync(backup, { recursive: true }), path.join(backup, f));
    if (rewriteJson(path.join(dir, f), map, copy)) changed++;
  }
  return changed ? { changed, backup } : { changed };
}

/** The analysts' notes file likewise, after a copy to `<file>.<stamp>.bak`. */
function rewriteNotes(file: string, map: Map<string, string>, stamp: string): { changed: number; backup?: string } {
  if (!fs.existsSync(file)) return { changed: 0 };
  const backup = `${file}.${stamp}.bak`;
  return rewriteJson(file, map, () => backup) ? { changed: 1, backup } : { changed: 0 };
}

/** The mapping of every run, kept beside the corrections: a second run (or a restored old file) reuses it. */
function savedMap(file: string): Map<string, string> {
  if (!fs.existsSync(file)) return new Map();
  return new Map(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>));
}

export interface MigrationReport {
  mapped: number;
  renamed: number;
  folded: number;
  corrections: { changed: number; backup?: string };
  views: { changed: number; backup?: string };
  watchlists: { changed: number; backup?: string };
  notes: { changed: number; backup?: string };
  /** Corrections still naming an old id no node had: they stay, listed stale. */
  unmapped: string[];
  mapFile: string;
}

// A saved cut id that a node holds now is that node's own: a shorter title's whole id can be the
// cut id of a longer one ("… Parks" and "… Parks and Enterprises").
const HELD = `UNWIND $ids AS id WITH id WHERE EXISTS { MATCH (n:Policy {id: id}) } OR EXISTS { MATCH (n:Target {id: id}) } RETURN id`;

/** The saved mapping without the cut ids a node of the graph holds (read after the graph's rewrite). */
async function withoutHeld(executor: Executor, saved: Map<string, string>): Promise<Map<string, string>> {
  const cut = [...saved.keys()].filter((id) => CUT_ID.Policy.test(id) || CUT_ID.Target.test(id));
  if (!cut.length) return saved;
  const held = new Set(await executor.read(async (tx) => (await tx.run(HELD, { ids: cut })).records.map((r) => String(r.get('id')))));
  return new Map([...saved].filter(([id]) => !held.has(id)));
}

/** Where the analysts' files that name node ids are (STATE_DIR's views/, watchlists/, notes.json under npm start). */
export interface StateFiles {
  views: string;
  watchlists: string;
  notes: string;
}

/** The whole migration: graph, corrections, views, watch-lists, notes. Idempotent: a second run finds nothing to do. */
export async function migrateIds(
  executor: Executor,
  log: CorrectionLog,
  state: StateFiles,
  now = new Date(),
  progress?: RewriteOptions['progress'],
): Promise<MigrationReport> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const mapFile = path.join(path.dirname(log.file), 'id-migration.json');
  const fromGraph = await executor.read((tx) => planFromGraph(tx));
  const graph = fromGraph.size ? await executor.write((tx) => rewriteGraph(tx, fromGraph, { progress })) : { renamed: 0, folded: 0 };
  const map = new Map([...(await withoutHeld(executor, savedMap(mapFile))), ...fromGraph]);
  if (map.size) {
    fs.mkdirSync(path.dirname(mapFile), { recursive: true });
    fs.writeFileSync(mapFile, `${JSON.stringify(Object.fromEntries(map), null, 1)}\n`);
  }
  const corrections = await rewriteCorrections(log, map, stamp);
  const views = rewriteJsonFiles(state.views, map, stamp);
  const watchlists = rewriteJsonFiles(state.watchlists, map, stamp);
  const notes = rewriteNotes(state.notes, map, stamp);
  const unmapped = oldIdsInLog(log);
  return { mapped: fromGraph.size, ...graph, corrections, views, watchlists, notes, unmapped, mapFile };
}

/** Old-scheme ids the corrections file still names (start-up and import warn while there are any). */
export function oldIdsInLog(log: CorrectionLog): string[] {
  const ids = new Set<string>();
  for (const c of log.read().corrections) for (const v of Object.values(c)) if (typeof v === 'string' && isOldId(v)) ids.add(v);
  return [...ids];
}

/**
 * The start-up and import warning for policies whose id holds a title cut at 70 characters, or
 * undefined. Before the migration, a re-import of their briefs writes them again under whole ids,
 * and the corrections and views naming the cut ids go stale.
 */
export async function cutIdsWarning(executor: Executor): Promise<string | undefined> {
  const cut = await executor.read(async (tx) => {
    const map = new Map<string, string>();
    planCut(
      (await tx.run(CUT_POLICIES, { pattern: CUT_ID.Policy.source.slice(1, -1) })).records.map((r) => r.toObject() as OldNode),
      map,
    );
    return map;
  });
  if (!cut.size) return undefined;
  const [from, to] = cut.entries().next().value!;
  return `${cut.size} polic${cut.size === 1 ? 'y has an id' : 'ies have ids'} holding a title cut at 70 characters (e.g. ${from}, now ${to}): two documents whose titles start alike were one node. Run \`npm run curate -- migrate-ids\` (once, with the app stopped; it keeps a backup): imports wait for it, so that corrections, notes, watch-lists and saved views follow the new ids. See docs/curation.md "Migrating ids".`;
}

/** The start-up and import warning, or undefined when the corrections file holds no old id. */
export function oldIdsWarning(log: CorrectionLog): string | undefined {
  const ids = oldIdsInLog(log);
  if (!ids.length) return undefined;
  return `${log.file}: ${ids.length} correction target(s) use ids of the old scheme (e.g. ${ids[0]}), which the importer no longer writes; those corrections are stale until you run \`npm run curate -- migrate-ids\` (once, with the app stopped; it keeps a backup). See docs/curation.md "Migrating ids".`;
}
