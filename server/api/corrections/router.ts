import { Router } from 'express';
import { z } from 'zod';
import { CorrectionLogError } from '../../curation/log.js';
import { correctionId, correctionRequest, correctionSchema, correctionText, type Correction } from '../../curation/schema.js';
import { CORRECTION_STATUS, CorrectionError, type CorrectionStatus, type Curator } from '../../curation/service.js';
import { HttpError } from '../errors.js';
import { body } from '../params.js';
import { formatIssues } from '../../issues.js';
import { authorOf } from '../accounts/signIn.js';

export const listedCorrectionSchema = z.object({
  correction: correctionSchema,
  status: z.enum(Object.keys(CORRECTION_STATUS) as [CorrectionStatus, ...CorrectionStatus[]]).meta({
    description: Object.entries(CORRECTION_STATUS)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; '),
  }),
  detail: z.string().optional().meta({ description: 'For a pending or stale correction: what is missing' }),
  undoneBy: z.string().optional(),
});
export const correctionListSchema = z.object({
  corrections: z.array(listedCorrectionSchema),
  torn: z
    .object({ line: z.number().int(), text: z.string() })
    .optional()
    .meta({ description: 'An unfinished last line of the file (a crash while writing), ignored' }),
  problems: z
    .array(z.object({ line: z.number().int(), text: z.string(), problem: z.string(), fix: z.string() }))
    .meta({ description: 'Lines of the file that are not corrections (a hand edit, a merge conflict): skipped; no correction is added until they are fixed' }),
  names: z.record(z.string(), z.string()).meta({ description: 'Display name of each node id the corrections mention (merged and rejected nodes included)' }),
});
export const correctionMadeSchema = z.object({ correction: correctionSchema, status: z.literal('applied') });
export const undoQuery = z.object({ reason: correctionText(1000).optional(), author: correctionText(120).optional() });

/** The node ids a correction names (an undo names a correction, not a node). */
const nodeIdsOf = (c: Correction): string[] =>
  c.kind === 'merge'
    ? [c.keep, c.drop]
    : c.kind === 'reject-rel' || c.kind === 'link'
      ? [c.from, c.to]
      : c.kind === 'distinct'
        ? [c.a, c.b]
        : c.kind === 'undo'
          ? []
          : [c.node];

/** Curation errors carry their HTTP meaning; a bad line in the log (named) refuses every new one until fixed. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CorrectionError) throw new HttpError(err.status, err.message);
    if (err instanceof CorrectionLogError) throw new HttpError(409, `The corrections file has a bad line: ${err.message}`);
    throw err;
  }
}

export function correctionsRouter(curator: Curator): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const corrections = await guarded(() => curator.list());
    const { torn, problems } = curator.log.read();
    const names = await curator.names(corrections.flatMap(({ correction: c }) => nodeIdsOf(c)));
    res.json(correctionListSchema.parse({ corrections, names, problems, ...(torn ? { torn } : {}) }));
  });

  router.post('/', async (req, res) => {
    const request = body(req, correctionRequest);
    // With accounts, the author is who signed in, whatever the body claims.
    const author = authorOf(req, request.author);
    const made = await guarded(() => curator.add({ ...request, ...(author ? { author } : {}) }));
    res.locals.auditDetail = `${made.correction.kind} ${made.correction.id}`;
    res.status(201).json(correctionMadeSchema.parse({ correction: made.correction, status: made.outcome.status }));
  });

  router.delete('/:id', async (req, res) => {
    const id = correctionId.safeParse(req.params.id);
    if (!id.success) throw new HttpError(400, formatIssues(id.error.issues, { root: 'id' }));
    const extra = undoQuery.safeParse(req.query);
    if (!extra.success) throw new HttpError(400, formatIssues(extra.error.issues, { root: 'query' }));
    const author = authorOf(req, extra.data.author);
    const made = await guarded(() => curator.undo(id.data, { ...extra.data, ...(author ? { author } : {}) }));
    res.locals.auditDetail = `undo ${id.data}`;
    res.json(correctionMadeSchema.parse({ correction: made.correction, status: 'applied' }));
  });

  return router;
}
