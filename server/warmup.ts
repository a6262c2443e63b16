import neo4j from 'neo4j-driver';
import { z } from 'zod';
import type { Executor } from './graph/executor.js';

/**
 * Issue 28: right after a start, at 10,000 briefs, MIIT's report took 14.5 s and BASF's 5.0 s
 * (18 ms once cached): Neo4j's page cache was cold and the report's queries unplanned. After the
 * server listens, the reports of the biggest hubs are asked for once, one at a time, through the
 * app itself: that reads their relationships into the page cache, plans the report queries and
 * fills the response cache, and an analyst who asks meanwhile shares the build under way.
 * Readiness does not wait for it; /api/health says how far it is.
 */
export const warmupSchema = z.object({
  state: z.enum(['warming', 'done', 'failed']),
  /** Requests answered so far, of how many. */
  done: z.number().int(),
  of: z.number().int(),
  error: z.string().optional(),
});
export type Warmup = z.infer<typeof warmupSchema>;

/** The process's warm-up, for /api/health; undefined until one started (tests, tools). */
let current: Warmup | undefined;
export const warmupStatus = (): Warmup | undefined => (current ? { ...current } : undefined);

/** Hubs by degree (the degree is stored per node: no relationship is read to rank them). */
const HUBS = `
CALL () {
  MATCH (a:Agency) WITH a ORDER BY COUNT { (a)--() } DESC LIMIT $n RETURN 'agency' AS kind, a.id AS id
  UNION ALL
  MATCH (c:Company) WITH c ORDER BY COUNT { (c)--() } DESC LIMIT $n RETURN 'company' AS kind, c.id AS id
}
RETURN kind, id`;

export interface WarmupOptions {
  /** Hubs of each kind (agencies, companies). */
  hubs?: number;
  /** Report formats asked for: the explorer links html, the API's clients read json. */
  formats?: readonly string[];
  /** Stop asking once this much time went by (bounded at any archive size). */
  budgetMs?: number;
  now?: () => number;
}

/**
 * Asks `get` for each hub's report in each format, one after another. Never throws: a failure
 * ends the warm-up and is kept in its status (the requests it made are ordinary ones).
 */
export async function warmUp(executor: Executor, get: (path: string) => Promise<void>, opts: WarmupOptions = {}): Promise<Warmup> {
  const { hubs = 3, formats = ['html', 'json'], budgetMs = 120_000, now = Date.now } = opts;
  const started = now();
  current = { state: 'warming', done: 0, of: 0 };
  try {
    const rows = await executor.read((tx) => tx.run(HUBS, { n: neo4j.int(hubs) }), { metadata: { feature: 'warmup' } });
    const paths = rows.records.flatMap((r) => formats.map((f) => `/api/reports/${r.get('kind')}/${encodeURIComponent(r.get('id') as string)}?format=${f}`));
    current.of = paths.length;
    for (const p of paths) {
      if (now() - started > budgetMs) break;
      await get(p);
      current.done++;
    }
    current.state = 'done';
  } catch (err) {
    current.state = 'failed';
    current.error = (err as Error).message;
  }
  return { ...current };
}
