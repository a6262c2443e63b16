import { Router } from 'express';
import { z } from 'zod';
import { graphCounts } from '../../graph/counts.js';
import { DatabaseUnavailableError, type Executor } from '../../graph/executor.js';
import { appVersion } from '../../version.js';
import { answersQueries, PROBE_TIMEOUT_MS } from '../../db/responsive.js';
import { warmupSchema, warmupStatus } from '../../warmup.js';

export const healthSchema = z.object({
  /**
   * degraded: Neo4j is unreachable, or reachable but answers no query (a one-node read within
   * 2 s); restarting: the app is starting the bundled Neo4j again after it died or stayed degraded.
   */
  status: z.enum(['ok', 'degraded', 'restarting']),
  version: z.string(),
  database: z.object({
    reachable: z.boolean(),
    version: z.string().optional(),
    edition: z.string().optional(),
    nodes: z.number().int().optional(),
    relationships: z.number().int().optional(),
    error: z.string().optional(),
    /** When the database last answered this check (it may be up to a few seconds old). */
    checkedAt: z.string().optional(),
  }),
  /** The background build of the hub reports after a start (server/warmup.ts). */
  warmup: warmupSchema.optional(),
});
export type Health = z.infer<typeof healthSchema>;

export async function readHealth(executor: Executor): Promise<Health> {
  // Both bounded in the app: a Neo4j that stopped answering never enforces its own timeouts.
  const probe = answersQueries(executor.driver, executor.database).then(
    () => undefined,
    (err: Error) => err,
  );
  try {
    const db = await withinMs(
      executor.read(
        async (tx) => {
          const comp = await tx.run('CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition');
          return {
            version: String(comp.records[0]?.get('version')),
            edition: String(comp.records[0]?.get('edition')),
            ...(await graphCounts(tx)),
          };
        },
        { timeoutMs: 5000, metadata: { app: 'policy-graph', feature: 'health' } },
      ),
      5000 + PROBE_TIMEOUT_MS,
    );
    const stuck = await probe;
    const database = { reachable: true, ...db, checkedAt: new Date().toISOString() };
    if (stuck) return { status: 'degraded', version: appVersion, database: { ...database, error: `Neo4j answers but not queries: ${stuck.message}.` } };
    return { status: 'ok', version: appVersion, database };
  } catch (err) {
    const restarting = err instanceof DatabaseUnavailableError && err.restarting;
    return { status: restarting ? 'restarting' : 'degraded', version: appVersion, database: { reachable: false, error: (err as Error).message } };
  }
}

function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Neo4j did not answer the health check within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * How long a good answer may stand in while a fresh check is slow: a heavy query can make the
 * database pause (garbage collection of a huge expression) for a second, and health should not.
 */
const SNAPSHOT_MS = 5000;
/** How long a request waits for the fresh check before it takes the snapshot. */
const FRESH_WAIT_MS = 100;

export function healthRouter(executor: Executor): Router {
  const router = Router();
  let snapshot: { health: Health; at: number } | undefined;
  let inFlight: Promise<Health> | undefined;
  const check = () =>
    (inFlight ??= readHealth(executor)
      .then((health) => {
        snapshot = health.status === 'ok' ? { health, at: Date.now() } : undefined;
        return health;
      })
      .finally(() => (inFlight = undefined)));

  router.get('/', async (_req, res) => {
    const fresh = check();
    const usable = snapshot && Date.now() - snapshot.at < SNAPSHOT_MS && (executor.availability?.state ?? 'up') === 'up' ? snapshot.health : undefined;
    const read = usable ? await Promise.race([fresh, new Promise<Health>((r) => setTimeout(() => r(usable), FRESH_WAIT_MS))]) : await fresh;
    // Always the warm-up's progress now, even on a snapshot.
    const warmup = warmupStatus();
    const health = healthSchema.parse(warmup ? { ...read, warmup } : read);
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });
  return router;
}
