import neo4j from 'neo4j-driver';
import { z } from 'zod';
import type { Executor } from './graph/executor.js';
import { domainRel } from './graph/visible.js';

/**
 * Warms a fresh server, right after it listens, in two stages one after the other:
 * - The first view: the first overview, search and details after a start took 2-7 s (query
 *   plans compiled, Neo4j's page cache cold, issue 30); warm they take 10-60 ms. So the app asks
 *   itself what an analyst asks first.
 * - The hub reports: at 10,000 briefs MIIT's report took 14.5 s and BASF's 5.0 s (18 ms once
 *   cached, issue 28). The reports of the biggest hubs are asked for once, one at a time.
 * Both go through the app's own HTTP API, so the very same queries and response caches warm, and
 * an analyst who asks meanwhile shares the build under way. Readiness does not wait for it;
 * /api/health shows its progress. A first-view request that fails is only recorded (a cold answer
 * is slow, not wrong); a hub report that fails ends the warm-up, and the status says why.
 */
export const warmupSchema = z.object({
  state: z.enum(['warming', 'done', 'failed']),
  /** Requests made so far, of how many planned (the plan grows as each stage learns its hubs). */
  done: z.number().int(),
  of: z.number().int(),
  error: z.string().optional(),
});
export type Warmup = z.infer<typeof warmupSchema>;

/** One request of the warm-up: its status (0: no answer) and how long it took. */
export interface Warmed {
  path: string;
  status: number;
  ms: number;
}

/** Asks the app for a path: its status (0 when nothing answered) and body. */
export type Ask = (path: string) => Promise<{ status: number; body: string }>;

/** The process's warm-up, for /api/health; undefined until one started (tests, tools). */
let current: Warmup | undefined;
export const warmupStatus = (): Warmup | undefined => (current ? { ...current } : undefined);

/**
 * Hubs by degree over the domain types (the degree is stored per node and type: no relationship
 * is read to rank them). Not `(a)--()`: that would count each node's IN_BRIEF links too.
 */
const HUBS = `
CALL () {
  MATCH (a:Agency) WITH a ORDER BY COUNT { (a)-${domainRel()}-() } DESC LIMIT $n RETURN 'agency' AS kind, a.id AS id
  UNION ALL
  MATCH (c:Company) WITH c ORDER BY COUNT { (c)-${domainRel()}-() } DESC LIMIT $n RETURN 'company' AS kind, c.id AS id
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

class OutOfTime extends Error {}

type Top = Record<string, { id: string; name: string; acronym?: string | null }[]>;

/** Runs both stages through `ask`. Never throws: a failure ends it and is kept in its status. */
export async function warmUp(executor: Executor, ask: Ask, opts: WarmupOptions = {}): Promise<{ status: Warmup; warmed: Warmed[] }> {
  const { hubs = 3, formats = ['html', 'json'], budgetMs = 120_000, now = Date.now } = opts;
  const started = now();
  const state: Warmup = { state: 'warming', done: 0, of: 1 };
  current = state;
  const warmed: Warmed[] = [];
  const get = async (path: string): Promise<Warmed & { body: string }> => {
    if (now() - started > budgetMs) throw new OutOfTime();
    const t = performance.now();
    // A cold query can outlast the read timeout (408) on a loaded machine; by then its plan is
    // compiled and the pages are read, so the second try is the warm one.
    let res = await ask(path).catch(() => ({ status: 0, body: '' }));
    if (res.status === 408 || res.status === 503) res = await ask(path).catch(() => ({ status: 0, body: '' }));
    const w = { path, status: res.status, ms: Math.round(performance.now() - t) };
    warmed.push(w);
    state.done++;
    return { ...w, body: res.body };
  };
  try {
    // The first view.
    const overview = await get('/api/stats/overview');
    const top = overview.status === 200 ? (JSON.parse(overview.body) as { top: Top }).top : {};
    const starts = [
      ['agency', top.Agency?.[0]],
      ['company', top.Company?.[0]],
    ] as const;
    state.of += 3 + 3 * starts.filter(([, n]) => n).length;
    await get('/api/stats');
    await get('/api/stats/timeline');
    // Search by the first starting point's name, as an analyst would (the full-text index warms).
    const agency = top.Agency?.[0];
    await get(`/api/search?q=${encodeURIComponent(agency?.acronym ?? agency?.name ?? 'policy')}`);
    for (const [kind, node] of starts) {
      if (!node) continue;
      await get(`/api/nodes/${encodeURIComponent(node.id)}`);
      await get(`/api/nodes/${encodeURIComponent(node.id)}/neighbors?limit=150`);
      await get(`/api/reports/${kind}/${encodeURIComponent(node.id)}?format=html`);
    }
    // The hub reports.
    const rows = await executor.read((tx) => tx.run(HUBS, { n: neo4j.int(hubs) }), { metadata: { feature: 'warmup' } });
    const paths = rows.records.flatMap((r) => formats.map((f) => `/api/reports/${r.get('kind')}/${encodeURIComponent(r.get('id') as string)}?format=${f}`));
    state.of += paths.length;
    for (const p of paths) {
      const { status } = await get(p);
      if (status !== 200) throw new Error(`GET ${p} answered ${status || 'nothing'}`);
    }
    state.state = 'done';
  } catch (err) {
    if (err instanceof OutOfTime) state.state = 'done';
    else {
      state.state = 'failed';
      state.error = (err as Error).message;
    }
  }
  return { status: { ...state }, warmed };
}

/** Asks the app over HTTP at `base`, with the API token when one is set. */
export function askOverHttp(base: string, token?: string): Ask {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return async (path) => {
    const res = await fetch(base + path, { headers });
    return { status: res.status, body: await res.text() };
  };
}

/** The address the app reaches itself at: loopback when it listens on every interface. */
export function selfBase(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}
