import { measuresSchema, readMeasures } from './measures.js';
import { Router } from 'express';
import { z } from 'zod';
import { labelOfId } from '../../graph/model.js';
import type { Executor } from '../../graph/executor.js';
import { elementsSchema } from '../elements.js';
import { nodeIdsIn, ResponseCache } from '../../cache/responses.js';
import type { ImportedChanges } from '../../cache/touched.js';
import { HttpError } from '../errors.js';
import { body, isoDateParam, labelsParam, nodeIdParam, query, typesParam } from '../params.js';
import { readElements, readNeighbors, readNode } from './repository.js';
import type { Curator } from '../../curation/service.js';
import { CORRECTIONS_WARNING_HEADER, correctionNotes, headerSafe, hiddenBy, noteLine } from '../../curation/provenance.js';

export const nodeDetailSchema = z.object({
  node: z.object({ id: z.string(), label: z.string(), labels: z.array(z.string()), properties: z.record(z.string(), z.unknown()) }),
  degree: z.array(z.object({ type: z.string(), direction: z.enum(['in', 'out']), count: z.number().int() })),
  briefs: z
    .object({ total: z.number().int(), shown: z.number().int() })
    .meta({ description: 'Briefs naming the node, and how many of the newest are in provenance' }),
  truncated: z.record(z.string(), z.number().int()).meta({ description: 'List properties shortened to their first entries, with their full length' }),
  corrections: z
    .array(
      z.object({
        id: z.string(),
        kind: z.string(),
        at: z.string(),
        author: z.string().optional(),
        reason: z.string().optional(),
        text: z.string(),
        line: z.string(),
      }),
    )
    .meta({ description: 'Analysts\' corrections of this node, oldest first; line reads "corrected: merged from … by … on …: reason"' }),
  correctionsWarning: z.string().optional().meta({
    description: 'The corrections file has a bad line, skipped (named, with `npm run curate -- check` to fix it); also the X-Corrections-Warning header',
  }),
  provenance: z.array(
    z.object({
      brief: z.string(),
      title: z.string().nullable(),
      date: z.string().nullable(),
      source: z.string().nullable(),
      total: z.number().int(),
      evidence: z.array(
        z.object({
          type: z.string(),
          direction: z.enum(['in', 'out']),
          other: z.string().nullable(),
          otherName: z.string().nullable(),
          evidence: z.string().nullable(),
          line: z.number().nullable(),
          page: z.number().nullable().optional(),
        }),
      ),
    }),
  ),
});

export const neighborsQuery = z.object({
  types: typesParam,
  labels: labelsParam,
  from: isoDateParam.transform((v) => v ?? null),
  to: isoDateParam.transform((v) => (v ? lastDayOf(v) : null)),
  limit: z.coerce.number().int().min(1).max(2000).default(200),
});

/** "2024" → "2024-12-31", "2024-02" → "2024-02-29": the last day a partial date covers (a real day, for Cypher's date()). */
export function lastDayOf(v: string): string {
  if (v.length === 4) return `${v}-12-31`;
  if (v.length !== 7) return v;
  const [y, m] = v.split('-').map(Number) as [number, number];
  return `${v}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export const neighborsSchema = z.object({ id: z.string(), elements: elementsSchema, truncated: z.boolean(), limit: z.number().int() });

function nodeId(raw: string) {
  const r = nodeIdParam.safeParse(raw);
  if (!r.success) throw new HttpError(400, `id: ${r.error.issues[0]!.message}`);
  return { id: r.data, label: labelOfId(r.data)! };
}

export const elementsBody = z.object({ ids: z.array(nodeIdParam).max(2000) });

export function nodesRouter(executor: Executor, curator?: Curator, changes?: ImportedChanges): Router {
  const router = Router();
  // Expanding a hub reads every one of its relationships; the same hubs are expanded again and again.
  const cache = new ResponseCache(executor, undefined, () => curator?.log.version() ?? '', changes);
  const gone = (id: string) => new HttpError(404, (curator && hiddenBy(curator.state(), id)) ?? `No node with id "${id}".`);

  // Declared before /:id routes; POST so a large view fits in the body.
  router.post('/elements', async (req, res) => {
    const { ids } = body(req, elementsBody);
    const elements = await executor.read((tx) => readElements(tx, ids), { timeoutMs: 10_000, metadata: { feature: 'elements' } });
    res.json(z.object({ elements: elementsSchema }).parse({ elements }));
  });

  router.post('/measures', async (req, res) => {
    const { ids } = body(req, elementsBody);
    const measures = await executor.read((tx) => readMeasures(tx, ids), { timeoutMs: 10_000, metadata: { feature: 'measures' } });
    res.json(measuresSchema.parse({ measures }));
  });

  router.get('/:id', async (req, res) => {
    const { id, label } = nodeId(req.params.id);
    const state = curator?.state();
    const detail = await executor.read(
      async (tx) => {
        const node = await readNode(tx, label, id);
        return node && { ...node, corrections: state ? (await correctionNotes(tx, state, id)).map((n) => ({ ...n, line: noteLine(n) })) : [] };
      },
      { timeoutMs: 10_000, metadata: { feature: 'node' } },
    );
    if (!detail) throw gone(id);
    const warning = curator?.log.warning();
    if (warning) res.set(CORRECTIONS_WARNING_HEADER, headerSafe(warning));
    res.json(nodeDetailSchema.parse({ ...detail, ...(warning ? { correctionsWarning: warning } : {}) }));
  });

  router.get('/:id/neighbors', async (req, res) => {
    const { id, label } = nodeId(req.params.id);
    const f = query(req, neighborsQuery);
    const out = await cache.get(`neighbors|${id}|${JSON.stringify(f)}`, async () => {
      const found = await executor.read((tx) => readNeighbors(tx, label, id, f), { timeoutMs: 10_000, metadata: { feature: 'neighbors' } });
      if (!found.found) throw gone(id);
      return {
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify(neighborsSchema.parse({ id, elements: found.elements, truncated: found.truncated, limit: f.limit })),
        dependsOn: nodeIdsIn(found.elements).add(id),
      };
    });
    res.type(out.contentType).send(out.body);
  });

  return router;
}
