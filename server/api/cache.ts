import type { Executor } from '../graph/executor.js';
import { graphVersion } from '../graph/version.js';

export interface CachedResponse {
  contentType: string;
  body: string;
}

/**
 * Rendered responses, kept until an import changes the graph. A report on a hub agency reads
 * thousands of relationships and renders megabytes, expanding a hub reads all of its thousands of
 * relationships to find the newest, and analysts keep returning to the same ministries and
 * sectors; only imports change the answers (the API never writes). Each request still reads the
 * graph's version (one round trip), so an import is visible on the next request. Concurrent
 * requests for the same answer share one build. Bounded by the size of the bodies, oldest out
 * first.
 */
export class ResponseCache {
  readonly #entries = new Map<string, Promise<CachedResponse>>();
  readonly #sizes = new Map<string, number>();
  #bytes = 0;
  #version: string | undefined;

  /** `alsoVersion`: what else changes answers besides imports (the corrections log). */
  constructor(
    private readonly executor: Executor,
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly alsoVersion: () => string = () => '',
  ) {}

  async get(key: string, build: () => Promise<CachedResponse>): Promise<CachedResponse> {
    const version = `${await graphVersion(this.executor)}|${this.alsoVersion()}`;
    if (version !== this.#version) this.#clear(version);
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
      const report = await pending;
      // Not kept if the graph changed while it was built, or if it was evicted meanwhile.
      if (this.#version === version && this.#entries.get(key) === pending) this.#account(key, report.body.length * 2);
      return report;
    } catch (err) {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
      throw err;
    }
  }

  #account(key: string, bytes: number) {
    this.#sizes.set(key, bytes);
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      // Builds still running have no size yet, and the newest answer stays.
      if (oldest === key || !this.#sizes.has(oldest)) continue;
      this.#entries.delete(oldest);
      this.#bytes -= this.#sizes.get(oldest)!;
      this.#sizes.delete(oldest);
    }
  }

  #clear(version: string) {
    this.#version = version;
    this.#entries.clear();
    this.#sizes.clear();
    this.#bytes = 0;
  }
}
