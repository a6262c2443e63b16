import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Saved explorer views: what a shared link reopens exactly (nodes with positions, zoom and pan,
 * selection, date filter, highlighted path, open panel, console query). Stored as small JSON
 * files under `.data/views/` (never in Neo4j: the graph holds only what the briefs say), so a
 * link stays `#v=<12 characters>` at any size.
 */

export const MAX_VIEW_NODES = 1500;
export const MAX_VIEWS = 10_000;

const nodeId = z.string().min(3).max(300);
const coord = z.number().finite().min(-1e7).max(1e7);
const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

export const viewSchema = z
  .object({
    name: z.string().trim().max(120).optional(),
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
      .object({ name: z.string().regex(/^[a-z0-9-]{1,80}$/), params: z.record(z.string().max(60), z.string().max(300)) })
      .strict()
      .optional(),
    layout: z.string().max(40).optional(),
  })
  .strict();
export type View = z.infer<typeof viewSchema>;

export const viewIdSchema = z.string().regex(/^[A-Za-z0-9_-]{12}$/);
export const savedViewSchema = z.object({ id: viewIdSchema, created: z.string(), view: viewSchema });
export const viewSummarySchema = z.object({ id: viewIdSchema, name: z.string().optional(), created: z.string(), nodes: z.number().int() });

export class ViewStore {
  constructor(readonly dir: string) {}

  save(view: View): z.infer<typeof savedViewSchema> {
    fs.mkdirSync(this.dir, { recursive: true });
    if (fs.readdirSync(this.dir).length >= MAX_VIEWS) throw new Error(`The view store is full (${MAX_VIEWS} views); remove old files from ${this.dir}.`);
    const saved = { id: randomBytes(9).toString('base64url'), created: new Date().toISOString(), view };
    const file = this.#file(saved.id);
    // Written whole then renamed, so a reader never sees half a view.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(saved));
    fs.renameSync(`${file}.tmp`, file);
    return saved;
  }

  get(id: string): z.infer<typeof savedViewSchema> | undefined {
    if (!viewIdSchema.safeParse(id).success) return undefined;
    try {
      return savedViewSchema.parse(JSON.parse(fs.readFileSync(this.#file(id), 'utf8')));
    } catch {
      return undefined;
    }
  }

  /** Newest first; named views only unless `all`. */
  list(limit = 200, all = false): z.infer<typeof viewSummarySchema>[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => this.get(f.slice(0, -5)))
      .filter((v): v is z.infer<typeof savedViewSchema> => !!v && (all || !!v.view.name))
      .sort((a, b) => b.created.localeCompare(a.created))
      .slice(0, limit)
      .map((v) => ({ id: v.id, ...(v.view.name ? { name: v.view.name } : {}), created: v.created, nodes: v.view.nodes.length }));
  }

  #file(id: string) {
    return path.join(this.dir, `${id}.json`);
  }
}
