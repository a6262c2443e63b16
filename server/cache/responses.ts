import type { Executor } from '../graph/executor.js';
import { labelOfId } from '../graph/model.js';
import { graphVersion } from '../graph/version.js';
import type { ImportRecord } from '../changes/schema.js';
import type { ImportedChanges, Touched } from './touched.js';

export interface CachedResponse {
  contentType: string;
  body: string;
  /**
   * The nodes the answer is about (its subject and every node it names): it is dropped when an
   * import touches one of them. Unset: any import drops it (overview figures, lists of the whole
   * graph).
   */
  dependsOn?: Iterable<string>;
  /** The answer before it was serialised, for a caller that renders it again (a report's formats). */
  value?: unknown;
}

/** Every node id in a JSON-like value: the nodes an answer names. */
export function nodeIdsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (labelOfId(value)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) nodeIdsIn(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) nodeIdsIn(v, out);
  }
  return out;
}

/**
 * Rendered responses, kept until an import changes them. A report on a hub agency reads thousands
 * of relationships and renders megabytes, expanding a hub reads all of its thousands of
 * relationships to find the newest, and analysts keep returning to the same ministries and
 * sectors; only imports change the answers (the API never writes). Each request still reads the
 * graph's version and the import history's size (one round trip, one stat), so an import is
 * visible on the next request.
 *
 * An import drops only the answers that name a node it touched, as its record in the import
 * history says (see touched.ts): importing one brief into a 10,000-brief graph leaves the reports
 * of the agencies it does not mention cached. A change of the graph no record accounts for (an
 * import still running, a restored dump, another writer) and a change of `alsoVersion` drop
 * everything. So does every change when the cache has no history to read.
 *
 * Concurrent requests for the same answer share one build. Bounded by the size of the bodies,
 * oldest out first.
 */
export class ResponseCache {
  readonly #entries = new Map<string, Promise<CachedResponse>>();
  readonly #sizes = new Map<string, number>();
  /** The nodes each kept answer names; undefined: any change drops it. */
  readonly #deps = new Map<string, ReadonlySet<string> | undefined>();
  #bytes = 0;
  /** What the kept answers were built from: the graph's version, alsoVersion, the newest import record. */
  #graph: string | undefined;
  #also = '';
  #seen: string | undefined;
  /** Requests number their reads of the version; an older read settling late is ignored. */
  #asked = 0;
  #settled = 0;
  #settling: Promise<void> = Promise.resolve();

  /**
   * `alsoVersion`: what else changes answers besides imports (the corrections log).
   * `changes`: the import history, to drop only what an import touched.
   */
  constructor(
    private readonly executor: Executor,
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly alsoVersion: () => string = () => '',
    private readonly changes?: ImportedChanges,
  ) {}

  async get(key: string, build: () => Promise<CachedResponse>): Promise<CachedResponse> {
    const ticket = ++this.#asked;
    const [graph, records] = await Promise.all([graphVersion(this.executor), this.changes?.log.all()]);
    const also = this.alsoVersion();
    // One settling at a time, in the order the reads completed.
    this.#settling = this.#settling.then(() => (ticket > this.#settled ? this.#settle(ticket, graph, also, records) : undefined));
    await this.#settling;
    const hit = this.#entries.get(key);
    if (hit) {
      // Refresh its place in the eviction order.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const pending = build();
    this.#entries.set(key, pending);
    try {
      const answer = await pending;
      // Not kept if an import dropped it while it was built (a build in flight is dropped by any
      // import: what it names is not known yet), or if it was evicted meanwhile.
      if (this.#entries.get(key) === pending) this.#account(key, answer);
      return answer;
    } catch (err) {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
      throw err;
    }
  }

  /** How many answers are kept (finished builds): for tests and benchmarks. */
  get size(): number {
    return this.#sizes.size;
  }

  /** Whether the answer under `key` is kept. */
  has(key: string): boolean {
    return this.#sizes.has(key);
  }

  async #settle(ticket: number, graph: string, also: string, records: readonly ImportRecord[] | undefined): Promise<void> {
    this.#settled = ticket;
    const newest = records?.at(-1)?.id;
    if (this.#graph !== undefined) {
      if (also !== this.#also) this.#drop('all');
      else if (graph !== this.#graph || newest !== this.#seen) this.#drop(await this.#touched(graph !== this.#graph, records));
    }
    this.#graph = graph;
    this.#also = also;
    this.#seen = newest;
  }

  async #touched(graphChanged: boolean, records: readonly ImportRecord[] | undefined): Promise<Touched> {
    if (!this.changes || !records) return 'all';
    return this.changes.since(this.#seen, graphChanged, records);
  }

  #drop(touched: Touched) {
    for (const key of [...this.#entries.keys()]) {
      // A build in flight: what it names is not known yet.
      const built = this.#sizes.has(key);
      const deps = this.#deps.get(key);
      if (built && deps && touched !== 'all' && ![...deps].some((id) => touched.has(id))) continue;
      this.#entries.delete(key);
      if (built) this.#bytes -= this.#sizes.get(key)!;
      this.#sizes.delete(key);
      this.#deps.delete(key);
    }
  }

  #account(key: string, answer: CachedResponse) {
    const bytes = answer.body.length * 2;
    this.#sizes.set(key, bytes);
    this.#deps.set(key, answer.dependsOn && new Set(answer.dependsOn));
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      // Builds still running have no size yet, and the newest answer stays.
      if (oldest === key || !this.#sizes.has(oldest)) continue;
      this.#entries.delete(oldest);
      this.#bytes -= this.#sizes.get(oldest)!;
      this.#sizes.delete(oldest);
      this.#deps.delete(oldest);
    }
  }
}
