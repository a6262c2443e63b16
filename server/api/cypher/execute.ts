import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { z } from 'zod';
import { typedNumber } from '../../graph/typed.js';
import { mapDriverError, QueryRejectedError, type Executor } from '../../graph/executor.js';
import { toJson } from '../../graph/values.js';
import { ElementCollector, elementsSchema } from '../elements.js';
import { HttpError } from '../errors.js';
import { checkPlan } from './guard.js';
import { domainRel } from '../../graph/visible.js';

export const cypherResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  truncated: z.boolean(),
  /** Which budget stopped the result, when one did. */
  truncatedBy: z.enum(['rows', 'bytes']).optional(),
  rowLimit: z.number().int(),
  byteLimit: z.number().int(),
  elements: elementsSchema.optional(),
  /** Relationships among the returned nodes were fetched up to this many and more exist. */
  linksCapped: z.number().int().optional(),
  ms: z.number(),
});
export type CypherResult = z.infer<typeof cypherResultSchema>;

/** One console query as the runner hands it to whoever executes it (in process or a worker). */
export interface ConsoleRequest {
  query: string;
  /** JSON parameters; whole numbers become Neo4j integers on the way in. */
  params: Record<string, unknown>;
  /** Tags the transaction, so the runner can find and terminate it. */
  feature: string;
  runId: string;
  timeoutMs: number;
  maxRows: number;
  maxBytes: number;
}

/**
 * A result that returns nodes gets the relationships among them too (`RETURN p, a` draws its
 * ISSUED_BY edges): one extra query in the same read transaction, capped here.
 */
export const MAX_LINKS_AMONG_NODES = 2000;
const LINKS_AMONG = `MATCH (a)-${domainRel('r')}->(b) WHERE elementId(a) IN $ids AND elementId(b) IN $ids RETURN r LIMIT $cap`;

/**
 * Runs one analyst query read-only within its row and byte budgets and returns the response
 * body, serialised: the JSON is built where the records are decoded, so the thread that answers
 * HTTP only passes a string on. Two guards against writes, each enough alone: the plan
 * (checkPlan: read-only, allowed procedures, no administration) and READ access mode.
 */
export async function executeConsoleQuery(executor: Executor, req: ConsoleRequest): Promise<string> {
  const started = Date.now();
  const { query, maxRows, maxBytes } = req;
  const params = withIntegers(req.params) as Record<string, unknown>;
  const result = await executor.read(
    async (tx): Promise<CypherResult> => {
      if (/^\s*(EXPLAIN|PROFILE)\b/i.test(query)) throw new HttpError(400, 'EXPLAIN and PROFILE are not supported in the console; run the query itself.');
      const plan = await tx
        .run(`EXPLAIN\n${query}`, params)
        .summary()
        .catch((err: unknown) => {
          throw withoutExplainPrefix(mapDriverError(err));
        });
      checkPlan(plan);

      const stream = tx.run(query, params);
      const rows: unknown[][] = [];
      const records: Neo4jRecord[] = [];
      let bytes = 0;
      let truncatedBy: 'rows' | 'bytes' | undefined;
      for await (const rec of stream) {
        if (rows.length >= maxRows) {
          truncatedBy = 'rows';
          break; // the driver discards the rest on the server; memory stays bounded
        }
        const row = [...rec.values()].map(toJson);
        // The row's JSON, and about as much again when it holds graph values drawn as elements.
        const size = Buffer.byteLength(JSON.stringify(row)) * (row.some(isGraphJson) ? 2 : 1);
        if (bytes + size > maxBytes) {
          truncatedBy = 'bytes';
          break;
        }
        bytes += size;
        rows.push(row);
        records.push(rec);
      }
      const columns = records[0]?.keys.map(String) ?? ((await stream.keys()) as string[]).map(String);
      const collector = new ElementCollector();
      for (const r of records) for (const v of r.values()) collector.add(v);
      const missing = collector.missingEnds();
      if (missing.length) {
        const ends = await tx.run('MATCH (n) WHERE elementId(n) IN $ids RETURN n', { ids: missing });
        for (const r of ends.records) collector.add(r.get('n'));
      }
      const ids = collector.nodeElementIds();
      let linksCapped: number | undefined;
      if (ids.length > 1) {
        const links = await tx.run(LINKS_AMONG, { ids, cap: neo4j.int(MAX_LINKS_AMONG_NODES + 1) });
        links.records.slice(0, MAX_LINKS_AMONG_NODES).forEach((r) => collector.add(r.get('r')));
        if (links.records.length > MAX_LINKS_AMONG_NODES) linksCapped = MAX_LINKS_AMONG_NODES;
      }
      return {
        columns,
        rows,
        truncated: truncatedBy !== undefined,
        ...(truncatedBy ? { truncatedBy } : {}),
        rowLimit: maxRows,
        byteLimit: maxBytes,
        ...(collector.hasGraph ? { elements: collector.elements() } : {}),
        ...(linksCapped ? { linksCapped } : {}),
        ms: 0,
      };
    },
    { timeoutMs: req.timeoutMs, metadata: { app: 'policy-graph', feature: req.feature, run: req.runId } },
  );
  return JSON.stringify(cypherResultSchema.parse({ ...result, ms: Date.now() - started }));
}

const isGraphJson = (v: unknown) => !!v && typeof v === 'object' && ('labels' in v || 'type' in v || 'relationships' in v);

/** JSON has one number type; whole numbers go to Neo4j as integers so `LIMIT $n` and `{year: $y}` work. */
function withIntegers(v: unknown): unknown {
  if (typeof v === 'number') return typedNumber(v);
  if (Array.isArray(v)) return v.map(withIntegers);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withIntegers(x)]));
  return v;
}

/** Syntax errors from the EXPLAIN check point into the analyst's own text, not ours. */
function withoutExplainPrefix(err: unknown): unknown {
  if (!(err instanceof QueryRejectedError)) return err;
  const message = err.message
    .replace(
      /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/,
      (_m, l: string, c: string, o: string) => `(line ${Number(l) - 1}, column ${c} (offset: ${Number(o) - 8}))`,
    )
    .replace(/"EXPLAIN\n/, '"');
  return new QueryRejectedError(message, err.code, err.kind);
}
