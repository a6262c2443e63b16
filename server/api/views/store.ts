import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromState } from '../../paths.js';
import { wellFormedString } from '../../wellFormed.js';
import { styleRulesSchema } from './style.js';

/**
 * Saved explorer views: what a shared link reopens exactly (nodes with positions, zoom and pan,
 * selection, date filter, highlighted path, open panel, console query). Stored as small JSON
 * files under `.data/views/` (never in Neo4j: the graph holds only what the briefs say), so a
 * link stays `#v=<12 characters>` at any size.
 *
 * Beside them, `index.jsonl` holds one summary line per view. Listing and the limits read only
 * the summaries, kept in memory: 10,000 views once made every listing read 665 MB of files.
 */

export const MAX_VIEW_NODES = 1500;

/** The store's limits; one view's bytes are its file's, the total is the sum over the folder. */
export interface ViewLimits {
  maxViewBytes: number;
  maxViews: number;
  maxTotalBytes: number;
}

export const defaultViewLimits: Readonly<ViewLimits> = Object.freeze({
  /** One view file: 1,500 nodes with long ids and positions take about 90 kB. */
  maxViewBytes: 100 * 1024,
  /** Views in the store, named or not (a shared link saves one). */
  maxViews: 10_000,
  /** Bytes of all view files together: a few hundred full-size views, thousands of usual ones. */
  maxTotalBytes: 64 * 1024 * 1024,
});

/** Listing pages: at most this many summaries per answer. */
export const MAX_PAGE = 200;

/** Saved views' folder in the state folder (STATE_DIR/views). */
export const viewsDir = () => fromState('views');

// Free text is refused with a lone surrogate (server/wellFormed.ts).
const text = wellFormedString;

const nodeId = text().min(3).max(300);
const coord = z.number().finite().min(-1e7).max(1e7);
const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

export const viewSchema = z
  .object({
    name: text().trim().max(120).optional(),
    /** [id, x, y] per node (model coordinates). */
    nodes: z.array(z.tuple([nodeId, coord, coord])).max(MAX_VIEW_NODES),
    zoom: z.number().positive().max(100),
    pan: z.object({ x: coord, y: coord }),
    selected: z.array(nodeId).max(MAX_VIEW_NODES).default([]),
    range: z.object({ from: date.optional(), to: date.optional() }).strict().default({}),
    /** Shortest paths shown between two nodes; `only` is the one isolated. */
    paths: z
      .object({ from: nodeId, to: nodeId, only: z.number().int().min(0).max(50).optional() })
      .strict()
      .optional(),
    /** What the details panel shows (paths are restored from `paths`). */
    panel: z
      .object({ kind: z.enum(['node', 'edge']), id: nodeId })
      .strict()
      .optional(),
    query: z
      .object({ name: z.string().regex(/^[a-z0-9-]{1,80}$/), params: z.record(text().max(60), text().max(300)) })
      .strict()
      .optional(),
    layout: text().max(40).optional(),
    /** Style and filter rules (issue 30); views saved before them have none. */
    style: styleRulesSchema.optional(),
  })
  .strict();
export type View = z.infer<typeof viewSchema>;

export const viewIdSchema = z.string().regex(/^[A-Za-z0-9_-]{12}$/);
export const savedViewSchema = z.object({ id: viewIdSchema, created: z.string(), author: z.string().optional(), view: viewSchema });
export type SavedView = z.infer<typeof savedViewSchema>;
export const viewSummarySchema = z.object({
  id: viewIdSchema,
  name: z.string().optional(),
  created: z.string(),
  author: z.string().optional(),
  nodes: z.number().int(),
});
export type ViewSummary = z.infer<typeof viewSummarySchema>;

/** A line of index.jsonl: the summary and the file's size. */
const indexLine = viewSummarySchema.extend({ bytes: z.number().int().nonnegative() });
type IndexLine = z.infer<typeof indexLine>;

/** A refusal the router answers with its status (413: this view; 507: the store). */
export class ViewStoreError extends Error {
  constructor(
    readonly status: 413 | 507,
    message: string,
  ) {
    super(message);
  }
}

const INDEX = 'index.jsonl';
const kB = (n: number) => `${Math.ceil(n / 1024)} kB`;

/**
 * The view files and their in-memory index. Nothing here reads or writes synchronously: each
 * request costs one small file (get, save) or none (list). The index is loaded on first use and
 * reconciled with the folder (files added or removed by hand, a crash between writing a view and
 * its summary), so the folder stays the truth.
 */
export class ViewStore {
  readonly limits: ViewLimits;
  #loaded: Promise<void> | undefined;
  /** Every view, in the order saved (oldest first). */
  #all: IndexLine[] = [];
  /** Named views only, in the order saved: what the explorer lists. */
  #named: IndexLine[] = [];
  #bytes = 0;
  /** Appends to index.jsonl one after another, so lines never interleave. */
  #appending: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    limits: Partial<ViewLimits> = {},
  ) {
    this.limits = { ...defaultViewLimits, ...limits };
  }

  async save(view: View, author?: string): Promise<SavedView> {
    await this.#load();
    const saved = { id: randomBytes(9).toString('base64url'), created: new Date().toISOString(), ...(author ? { author } : {}), view };
    const body = JSON.stringify(saved);
    const bytes = Buffer.byteLength(body);
    const { maxViewBytes, maxViews, maxTotalBytes } = this.limits;
    if (bytes > maxViewBytes) {
      throw new ViewStoreError(413, `This view takes ${kB(bytes)}; one view may take ${kB(maxViewBytes)}. Save fewer nodes (remove some from the canvas).`);
    }
    if (this.#all.length >= maxViews) {
      throw new ViewStoreError(507, `The view store is full (${maxViews} views). An operator can delete old view files from ${this.dir} and restart the app.`);
    }
    if (this.#bytes + bytes > maxTotalBytes) {
      throw new ViewStoreError(
        507,
        `The view store is full (${kB(this.#bytes)} of ${kB(maxTotalBytes)}). An operator can delete old view files from ${this.dir} and restart the app.`,
      );
    }
    // Counted before the first await, so requests arriving meanwhile see the space as taken.
    const line = { ...summaryOf(saved), bytes };
    this.#add(line);
    try {
      const file = this.#file(saved.id);
      // Written whole then renamed, so a reader never sees half a view.
      await fs.promises.writeFile(`${file}.tmp`, body);
      await fs.promises.rename(`${file}.tmp`, file);
    } catch (err) {
      this.#remove(new Set([saved.id]));
      throw err;
    }
    // After the file: a crash in between leaves a view without a summary, which loading adds.
    // For the same reason a failed append (a full disk) does not fail the save: the view is stored.
    await this.#append(`${JSON.stringify(line)}\n`).catch(() => {});
    return saved;
  }

  async get(id: string): Promise<SavedView | undefined> {
    if (!viewIdSchema.safeParse(id).success) return undefined;
    try {
      return savedViewSchema.parse(JSON.parse(await fs.promises.readFile(this.#file(id), 'utf8')));
    } catch {
      return undefined;
    }
  }

  /**
   * Named views, newest first, `limit` at a time. `cursor` is the `next` of the page before: the
   * position of a view in the order saved, so views saved meanwhile never shift a page.
   */
  async list(limit = 50, cursor?: number): Promise<{ views: ViewSummary[]; total: number; next?: number }> {
    await this.#load();
    const end = Math.min(cursor ?? this.#named.length, this.#named.length);
    const start = Math.max(0, end - Math.min(limit, MAX_PAGE));
    const views = this.#named
      .slice(start, end)
      .reverse()
      .map(({ bytes: _bytes, ...summary }) => summary);
    return { views, total: this.#named.length, ...(start > 0 ? { next: start } : {}) };
  }

  /** Views and bytes held, against the limits (for tests and the health of the store). */
  async usage(): Promise<{ views: number; bytes: number }> {
    await this.#load();
    return { views: this.#all.length, bytes: this.#bytes };
  }

  #load(): Promise<void> {
    this.#loaded ??= this.#reconcile().catch((err: unknown) => {
      this.#loaded = undefined; // a later request tries again
      throw err;
    });
    return this.#loaded;
  }

  /** Reads index.jsonl, then adds views it misses and drops summaries whose file is gone. */
  async #reconcile(): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const files = new Set(
      (await fs.promises.readdir(this.dir)).filter((f) => f.endsWith('.json') && viewIdSchema.safeParse(f.slice(0, -5)).success).map((f) => f.slice(0, -5)),
    );
    const lines = await fs.promises.readFile(path.join(this.dir, INDEX), 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
    const known = new Map<string, IndexLine>();
    let stale = false;
    for (const raw of lines.split('\n')) {
      if (!raw) continue;
      // A line cut short by a crash is dropped; the view's file brings it back below.
      const line = indexLine.safeParse(safeJson(raw));
      if (line.success && files.has(line.data.id)) known.set(line.data.id, line.data);
      else stale = true;
    }
    // Views saved before the index existed, or whose summary was lost: read once, one at a time.
    for (const id of files) {
      if (known.has(id)) continue;
      stale = true;
      const file = this.#file(id);
      const [saved, stat] = await Promise.all([this.get(id), fs.promises.stat(file)]);
      if (saved) known.set(id, { ...summaryOf(saved), bytes: stat.size });
    }
    // Saves wait for this, so nothing else has touched the summaries yet.
    const ordered = [...known.values()].sort((a, b) => a.created.localeCompare(b.created));
    for (const l of ordered) this.#add(l);
    if (stale) await this.#rewriteIndex(ordered);
  }

  async #rewriteIndex(lines: IndexLine[]): Promise<void> {
    const file = path.join(this.dir, INDEX);
    const write = async () => {
      await fs.promises.writeFile(`${file}.tmp`, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
      await fs.promises.rename(`${file}.tmp`, file);
    };
    await (this.#appending = this.#appending.then(write, write));
  }

  #append(line: string): Promise<void> {
    const write = () => fs.promises.appendFile(path.join(this.dir, INDEX), line);
    const done = this.#appending.then(write, write);
    this.#appending = done;
    return done;
  }

  #add(line: IndexLine) {
    this.#all.push(line);
    if (line.name) this.#named.push(line);
    this.#bytes += line.bytes;
  }

  #remove(ids: Set<string>) {
    this.#all = this.#all.filter((l) => !ids.has(l.id));
    this.#named = this.#named.filter((l) => !ids.has(l.id));
    this.#bytes = this.#all.reduce((n, l) => n + l.bytes, 0);
  }

  #file(id: string) {
    return path.join(this.dir, `${id}.json`);
  }
}

function summaryOf(saved: SavedView): ViewSummary {
  return {
    id: saved.id,
    ...(saved.view.name ? { name: saved.view.name } : {}),
    created: saved.created,
    ...(saved.author ? { author: saved.author } : {}),
    nodes: saved.view.nodes.length,
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
