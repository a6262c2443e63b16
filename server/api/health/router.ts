import { Router } from 'express';
import { z } from 'zod';
import { graphCounts } from '../../graph/counts.js';
import { DatabaseUnavailableError, type Executor } from '../../graph/executor.js';
import { appVersion } from '../../version.js';

export const healthSchema = z.object({
  /** restarting: the app is starting the bundled Neo4j again after it died. */
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
});
export type Health = z.infer<typeof healthSchema>;

export async function readHealth(executor: Executor): Promise<Health> {
  try {
    const db = await executor.read(
      async (tx) => {
        const comp = await tx.run('CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition');
        return {
          version: String(comp.records[0]?.get('version')),
          edition: String(comp.records[0]?.get('edition')),
          ...(await graphCounts(tx)),
        };
      },
      { timeoutMs: 5000, metadata: { app: 'policy-graph', feature: 'health' } },
    );
    return { status: 'ok', version: appVersion, database: { reachable: true, ...db, checkedAt: new Date().toISOString() } };
  } catch (err) {
    const restarting = err instanceof DatabaseUnavailableError && err.restarting;
    return { status: restarting ? 'restarting' : 'degraded', version: appVersion, database: { reachable: false, error: (err as Error).message } };
  }
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
        snapshot = health.database.reachable ? { health, at: Date.now() } : undefined;
        return health;
      })
      .finally(() => (inFlight = undefined)));

  router.get('/', async (_req, res) => {
    const fresh = check();
    const usable = snapshot && Date.now() - snapshot.at < SNAPSHOT_MS && (executor.availability?.state ?? 'up') === 'up' ? snapshot.health : undefined;
    const health = healthSchema.parse(
      usable ? await Promise.race([fresh, new Promise<Health>((r) => setTimeout(() => r(usable), FRESH_WAIT_MS))]) : await fresh,
    );
    res.status(health.database.reachable ? 200 : 503).json(health);
  });
  return router;
}
