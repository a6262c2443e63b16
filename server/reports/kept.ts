import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { graphVersion, importedGraph } from '../graph/version.js';
import { nodeIdsIn } from '../cache/responses.js';
import type { ImportedChanges } from '../cache/touched.js';
import type { ImportRecord } from '../changes/schema.js';
import { fromRoot } from '../paths.js';
import { appVersion } from '../version.js';
import { agencyReport, companyReport, type Report } from './model.js';

/** What a report was built from; it is true of the graph while none of these changed what it names. */
const stampSchema = z.object({
  /** The graph's version (server/graph/version.ts). */
  graph: z.string(),
  /** The corrections' and notes' versions. */
  also: z.string(),
  /** The newest import record then; absent: the history was empty. */
  seen: z.string().optional(),
  /** The code that builds reports (see CODE). */
  code: z.string(),
});
type Stamp = z.infer<typeof stampSchema>;

const keptSchema = z.object({ stamp: stampSchema, kind: z.enum(['agency', 'company']), id: z.string(), report: z.unknown() });

/**
 * The report code's identity: the app's version, the report and trend queries and the modules
 * that assemble them (as they run: sources under tsx, compiled files when built). A report kept
 * by other code is built again.
 */
const CODE = (() => {
  const hash = crypto.createHash('sha256').update(appVersion);
  const server = path.join(import.meta.dirname, '..');
  for (const dir of [fromRoot('cypher/reports'), fromRoot('cypher/trends'), path.join(server, 'reports'), path.join(server, 'trends')]) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
    for (const f of files) {
      const file = path.join(dir, f);
      if (fs.statSync(file).isFile()) hash.update(f).update(fs.readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
})();

/**
 * Reports kept on disk (STATE_DIR/reports) across restarts. At 10,000 briefs a hub agency's report
 * is seconds of queries, and most of them the first time after Neo4j starts: MIIT's took 11 s
 * right after a start, when an analyst's first question of the day is often the same ministry
 * (issue 28). A kept report is served while it is still true of the graph: built from the same
 * graph version, corrections and notes, or with every import since touching nothing it names (as
 * the response caches decide, server/cache/responses.ts). Otherwise it is built and kept again.
 *
 * Only a graph the importer wrote is kept for (its briefs carry an import stamp): a graph written
 * by hand has no version that tells two graphs of the same size apart. Bounded by a number of
 * files, the least recently used out first. Deleting the folder is always safe.
 */
export class KeptReports {
  #warned = false;

  constructor(
    private readonly dir: string,
    private readonly executor: Executor,
    /** What else changes reports besides imports: corrections and notes. */
    private readonly alsoVersion: () => string,
    private readonly changes?: ImportedChanges,
    private readonly maxFiles = 200,
  ) {}

  /** The report on `id`: the kept one while it is still true, else `build`'s, kept. */
  async get(kind: Report['kind'], id: string, build: () => Promise<Report>): Promise<Report> {
    // Read before building: a report built while an import commits carries the older stamp, and
    // is built again on the next look.
    const [graph, records] = await Promise.all([graphVersion(this.executor), this.changes?.log.all()]);
    const now: Stamp = { graph, also: this.alsoVersion(), code: CODE, ...(records?.length ? { seen: records.at(-1)!.id } : {}) };
    const file = this.#file(kind, id);
    const kept = this.#read(file, kind, id);
    if (kept && (await this.#holds(kept.stamp, kept.report, id, now, records))) {
      // Stamped anew, so the next look is a plain comparison even once the history is trimmed.
      if (kept.stamp.graph !== now.graph || kept.stamp.seen !== now.seen) this.#write(file, kind, id, now, kept.report);
      else this.#touch(file);
      return kept.report;
    }
    const report = await build();
    if (importedGraph(graph)) this.#write(file, kind, id, now, report);
    return report;
  }

  async #holds(was: Stamp, report: Report, id: string, now: Stamp, records: readonly ImportRecord[] | undefined): Promise<boolean> {
    if (was.code !== now.code || was.also !== now.also) return false;
    if (was.graph === now.graph && was.seen === now.seen) return true;
    if (!this.changes || !records) return false;
    const touched = await this.changes.since(was.seen, was.graph !== now.graph, records);
    if (touched === 'all') return false;
    return ![...nodeIdsIn(report).add(id)].some((n) => touched.has(n));
  }

  #file(kind: string, id: string): string {
    return path.join(this.dir, `${kind}-${crypto.createHash('sha256').update(id).digest('hex').slice(0, 32)}.json`);
  }

  /** The kept report, or undefined when there is none or it cannot be read (then it is rebuilt). */
  #read(file: string, kind: Report['kind'], id: string): { stamp: Stamp; report: Report } | undefined {
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const kept = keptSchema.parse(JSON.parse(raw));
      if (kept.kind !== kind || kept.id !== id) return undefined;
      const report = (kind === 'agency' ? agencyReport : companyReport).parse(kept.report);
      return { stamp: kept.stamp, report };
    } catch {
      // Cut short, edited by hand, or written by an older app: built again and overwritten.
      return undefined;
    }
  }

  #write(file: string, kind: string, id: string, stamp: Stamp, report: Report) {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ stamp, kind, id, report }));
      fs.renameSync(tmp, file);
      this.#evict();
    } catch (err) {
      // Reports are still served, only not kept: say once what to do.
      if (!this.#warned)
        console.error(`warning: reports are not kept across restarts: cannot write ${this.dir} (${(err as Error).message}); check that STATE_DIR is writable.`);
      this.#warned = true;
    }
  }

  #touch(file: string) {
    const now = new Date();
    try {
      fs.utimesSync(file, now, now);
    } catch {
      // Removed meanwhile: it is written again next time.
    }
  }

  #evict() {
    const files = fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ f, at: fs.statSync(path.join(this.dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 }));
    if (files.length <= this.maxFiles) return;
    files.sort((a, b) => a.at - b.at);
    for (const { f } of files.slice(0, files.length - this.maxFiles)) fs.rmSync(path.join(this.dir, f), { force: true });
  }
}
