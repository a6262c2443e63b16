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
  }),
});
export type Health = z.infer<typeof healthSchema>;

export async function readHealth(executor: Executor): Promise<Health> {
  try {
    const db = await executor.read(async (tx) => {
      const comp = await tx.run('CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition');
      return {
        version: String(comp.records[0]?.get('version')),
        edition: String(comp.records[0]?.get('edition')),
        ...(await graphCounts(tx)),
      };
    }, { timeoutMs: 5000, metadata: { app: 'policy-graph', feature: 'health' } });
    return { status: 'ok', version: appVersion, database: { reachable: true, ...db } };
  } catch (err) {
    const restarting = err instanceof DatabaseUnavailableError && err.restarting;
    return { status: restarting ? 'restarting' : 'degraded', version: appVersion, database: { reachable: false, error: (err as Error).message } };
  }
}

export function healthRouter(executor: Executor): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const health = healthSchema.parse(await readHealth(executor));
    res.status(health.database.reachable ? 200 : 503).json(health);
  });
  return router;
}
