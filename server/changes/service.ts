import { z } from 'zod';
import type { Executor } from '../graph/executor.js';
import { nodeLabel, type NodeLabel } from '../graph/model.js';
import { namesOf } from './names.js';
import { importsSince, netChanges } from './since.js';
import type { ChangeLog } from './store.js';

export const MAX_CHANGES_PAGE = 200;

const named = z.object({ id: z.string(), name: z.string(), date: z.string().optional() });
const page = z.object({ total: z.number().int(), items: z.array(named) });
export const changesSchema = z.object({
  /** What `since` was resolved to: the imports covered, oldest first. */
  imports: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      origin: z.string(),
      files: z.number().int(),
      briefs: z.record(z.string(), z.number().int()),
    }),
  ),
  /** Per label with any change: nodes new to the graph and nodes gone from it, `limit` from `offset`. */
  types: z.array(z.object({ label: nodeLabel, added: page, removed: page })),
  relationships: z.object({ added: z.number().int(), removed: z.number().int() }),
  /** The newest import kept, for `since` next time. */
  latest: z.string().optional(),
});
export type Changes = z.infer<typeof changesSchema>;

export class UnknownSinceError extends Error {}

/** Net changes since an import or a date (see importsSince), by label, one page per list. */
export async function changesSince(
  executor: Executor,
  log: ChangeLog,
  opts: { since?: string; type?: NodeLabel; limit?: number; offset?: number } = {},
): Promise<Changes> {
  const all = await log.all();
  const imports = importsSince(all, opts.since);
  if (!imports)
    throw new UnknownSinceError(
      `since: "${opts.since}" is neither an import id nor a date (YYYY-MM-DD or an ISO date-time); GET /api/changes lists the imports kept.`,
    );
  const net = netChanges(imports);
  const limit = Math.min(opts.limit ?? 20, MAX_CHANGES_PAGE);
  const offset = opts.offset ?? 0;
  const labels = nodeLabel.options.filter((l) => (!opts.type || l === opts.type) && (net.added.has(l) || net.removed.has(l)));
  const shown = labels.map((label) => ({
    label,
    added: net.added.get(label) ?? [],
    removed: net.removed.get(label) ?? [],
  }));
  const wanted = shown.flatMap((s) => s.added.slice(offset, offset + limit).map((id) => ({ id, label: s.label })));
  const names = await namesOf(executor, wanted);
  return {
    imports: imports.map((r) => ({
      id: r.id,
      at: r.at,
      origin: r.origin,
      files: r.files.length,
      briefs: r.briefs.reduce<Record<string, number>>((n, b) => ({ ...n, [b.status]: (n[b.status] ?? 0) + 1 }), {}),
    })),
    types: shown.map((s) => ({
      label: s.label,
      added: { total: s.added.length, items: s.added.slice(offset, offset + limit).map((id) => names.get(id) ?? { id, name: id }) },
      removed: { total: s.removed.length, items: s.removed.slice(offset, offset + limit).map((id) => ({ id, name: id })) },
    })),
    relationships: { added: net.addedRels.length, removed: net.removedRels.length },
    ...(all.length ? { latest: all.at(-1)!.id } : {}),
  };
}

export type { NodeLabel };
