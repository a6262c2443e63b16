import { Router } from 'express';
import { z } from 'zod';
import { nodeLabel, relType } from '../../extract/schema.js';
import type { Executor } from '../../graph/executor.js';
import { perLabel } from '../../graph/perLabel.js';
import { toJson } from '../elements.js';

export const statsSchema = z.object({
  labels: z.record(z.string(), z.number().int()),
  relationships: z.record(z.string(), z.number().int()),
  briefs: z.number().int(),
  dates: z.object({
    policies: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    news: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  }),
});

// Count-store lookups, one per label and type (both from the enums), so this stays O(1).
const LABEL_COUNT = perLabel((l) => `MATCH (n:${l}) RETURN count(n) AS c`);
const TYPE_COUNT = Object.fromEntries(relType.options.map((t) => [t, `MATCH ()-[r:${t}]->() RETURN count(r) AS c`]));
const DATE_RANGE = `
MATCH (p:Policy) WITH min(p.date) AS pFrom, max(p.date) AS pTo
OPTIONAL MATCH (n:NewsItem) RETURN pFrom, pTo, min(n.date) AS nFrom, max(n.date) AS nTo`;

export function statsRouter(executor: Executor): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const stats = await executor.read(
      async (tx) => {
        const count = async (q: string) => Number((await tx.run(q)).records[0]?.get('c'));
        const labels: Record<string, number> = {};
        for (const l of nodeLabel.options) labels[l] = await count(LABEL_COUNT[l]);
        const relationships: Record<string, number> = {};
        for (const t of relType.options) relationships[t] = await count(TYPE_COUNT[t]!);
        const d = (await tx.run(DATE_RANGE)).records[0]!;
        return {
          labels,
          relationships,
          briefs: labels.Brief ?? 0,
          // Neo4j dates → ISO strings, as everywhere in the API.
          dates: toJson({ policies: { from: d.get('pFrom'), to: d.get('pTo') }, news: { from: d.get('nFrom'), to: d.get('nTo') } }),
        };
      },
      { timeoutMs: 10_000, metadata: { feature: 'stats' } },
    );
    res.json(statsSchema.parse(stats));
  });
  return router;
}
