import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { DatabaseUnavailableError, QueryRejectedError } from '../graph/executor.js';
import { formatIssues } from '../issues.js';

/** An error with an HTTP status; the one error middleware turns it into JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const errorBodySchema = z.object({ error: z.object({ status: z.number(), message: z.string(), details: z.unknown().optional() }) });

export const notFound: RequestHandler = (req, _res, next) => next(new HttpError(404, `No route for ${req.method} ${req.path}`));

const QUERY_STATUS = { 'write-refused': 403, syntax: 400, timeout: 408, memory: 422, client: 400, busy: 503 } as const;

/** Body parser, router and other middleware errors carry the status they mean (415, 400 …). */
function clientStatus(err: unknown): number | undefined {
  const e = err as { status?: unknown; statusCode?: unknown } | null;
  const status = Number(e?.status ?? e?.statusCode);
  return Number.isInteger(status) && status >= 400 && status < 500 ? status : undefined;
}

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  let status = 500;
  let message = 'Internal error; the server log has the details.';
  let details: unknown;
  if (err instanceof HttpError) {
    ({ status, message, details } = err);
    if (status === 429) res.set('Retry-After', '2');
  } else if (err instanceof z.ZodError) {
    status = 400;
    message = formatIssues(err.issues, { root: 'request' });
    details = err.issues;
  } else if (err instanceof DatabaseUnavailableError) {
    status = 503;
    message = err.restarting ? 'The graph database is restarting; retry in a few seconds.' : 'The graph database is unavailable; retry shortly.';
    res.set('Retry-After', err.restarting ? '5' : '2');
  } else if (err instanceof QueryRejectedError) {
    status = QUERY_STATUS[err.kind];
    message =
      err.kind === 'timeout'
        ? `The query ran longer than the time limit and was stopped. Narrow it (a LIMIT, a label, a shorter path) and run it again.`
        : err.kind === 'memory'
          ? `The query needs more memory than one query may use, and was stopped. Aggregate less at once, add a LIMIT, or narrow the match. (${err.message})`
          : err.kind === 'busy'
            ? 'Every connection to the graph database is in use; retry in a few seconds.'
            : err.message;
    if (err.kind === 'busy') res.set('Retry-After', '2');
    // Neo4j reports syntax errors as "… (line 2, column 5 (offset: 17))".
    const pos = /line (\d+), column (\d+) \(offset: (\d+)\)/.exec(err.message);
    details = { code: err.code, ...(pos ? { position: { line: Number(pos[1]), column: Number(pos[2]), offset: Number(pos[3]) } } : {}) };
  } else if ((err as { type?: string }).type === 'entity.too.large') {
    status = 413;
    message = 'Request body too large: at most 100 kB. Send less (a saved view: fewer nodes).';
  } else if ((err as { type?: string }).type === 'entity.parse.failed') {
    status = 400;
    message = 'Malformed JSON body.';
  } else if (err instanceof URIError) {
    status = 400;
    message = 'Malformed percent-encoding in the URL.';
  } else if (clientStatus(err)) {
    status = clientStatus(err)!;
    message = err instanceof Error && (err as { expose?: boolean }).expose !== false ? err.message : 'Bad request.';
  } else {
    console.error(err);
  }
  res.status(status).json({ error: { status, message, ...(details !== undefined ? { details } : {}) } });
};
