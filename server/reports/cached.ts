import type { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { nodeIdsIn, ResponseCache } from '../cache/responses.js';
import type { ImportedChanges } from '../cache/touched.js';
import type { Curator } from '../curation/service.js';
import type { NoteStore } from '../notes/store.js';
import { itemsToCsv, readReportItems, reportItemsSchema, type reportItemsQuery } from './items.js';
import { KeptReports } from './kept.js';
import type { Report } from './model.js';
import type { EntityKind } from './resolve.js';
import { assembleReport, renderAs, type ReportFormat } from './service.js';

/** What reports are built from besides the graph; each unset one is left out. */
export interface ReportSources {
  /** Analysts' corrections: said in the report, and a new one rebuilds every report. */
  curator?: Curator;
  /** Analysts' notes: in the report, and a new one rebuilds every report. */
  notes?: NoteStore;
  /** The import history, so an import rebuilds only the reports naming a node it touched. */
  changes?: ImportedChanges;
  /** Where reports are kept across restarts (kept.ts, STATE_DIR/reports under npm start). */
  keptDir?: string;
}

/**
 * Reports as the app serves them, one build for every reader: the API's route in each format and
 * its list pages, and MCP's relationship_report. A hub's report is seconds of queries, and an
 * assistant asks for the same ministries as analysts do, so a report built for one is served to
 * the other; both are rebuilt by the same changes (an import touching a node the report names, a
 * correction, a note). In memory until then (ResponseCache), and on disk across restarts when
 * `keptDir` is set.
 */
export class CachedReports {
  readonly #cache: ResponseCache;
  readonly #kept: KeptReports | undefined;

  constructor(
    private readonly executor: Executor,
    private readonly from: ReportSources = {},
  ) {
    // A new correction or note is in the next report at once.
    const also = () => `${from.curator?.log.version() ?? ''}|${from.notes?.version() ?? ''}`;
    this.#cache = new ResponseCache(executor, undefined, also, from.changes);
    this.#kept = from.keptDir ? new KeptReports(from.keptDir, executor, also, from.changes) : undefined;
  }

  /**
   * The report on a resolved node id. One build serves every format and reader: the warm-up's HTML
   * of a hub and an assistant's Markdown of it asked meanwhile share the build under way, and a
   * format asked later renders this report instead of querying again.
   */
  async report(kind: EntityKind, id: string): Promise<Report> {
    const kept = await this.#cache.get(`${kind}|${id}|report`, async () => {
      const { curator, notes } = this.from;
      const build = () => assembleReport(this.executor, kind, id, curator?.state(), notes && ((t) => notes.of(t)));
      const report = this.#kept ? await this.#kept.get(kind, id, build) : await build();
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(report), value: report, dependsOn: nodeIdsIn(report).add(id) };
    });
    return kept.value as Report;
  }

  /** The report as a document in one format, rendered once. */
  async rendered(kind: EntityKind, id: string, format: ReportFormat): Promise<{ contentType: string; body: string }> {
    return this.#cache.get(`${kind}|${id}|${format}`, async () => {
      const report = await this.report(kind, id);
      return { ...renderAs(report, format), dependsOn: nodeIdsIn(report).add(id) };
    });
  }

  /** One page of a report list (items.ts), as JSON or CSV. */
  async items(kind: EntityKind, id: string, q: z.infer<typeof reportItemsQuery>): Promise<{ contentType: string; body: string }> {
    return this.#cache.get(`items|${kind}|${id}|${q.section}|${q.offset}|${q.limit}|${q.format}`, async () => {
      const page = reportItemsSchema.parse(await readReportItems(this.executor, kind, id, q.section, q.offset, q.limit));
      const dependsOn = nodeIdsIn(page).add(id);
      if (q.format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(page), dependsOn };
      return { contentType: 'text/csv; charset=utf-8', body: itemsToCsv(page.items), dependsOn };
    });
  }
}
