import { randomUUID } from 'node:crypto';
import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { z } from 'zod';
import { typedNumber } from '../../graph/typed.js';
import { mapDriverError, QueryRejectedError, type Executor } from '../../graph/executor.js';
import { toJson } from '../../graph/values.js';
import { ElementCollector, elementsSchema } from '../elements.js';
import { HttpError } from '../errors.js';
import { checkPlan } from './guard.js';

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

/** The budgets of one console query; each is a setting (see server/config.ts). */
export interface RunLimits {
  timeoutMs: number;
  maxRows: number;
  maxBytes: number;
  maxConcurrent: number;
}

export const defaultRunLimits: Readonly<RunLimits> = Object.freeze({
  timeoutMs: 10_000,
  maxRows: 1000,
  maxBytes: 10 * 1024 * 1024,
  maxConcurrent: 4,
});

/**
 * After the server-side timeout, how long the app still waits before it answers 408 itself and
 * terminates the transaction: Neo4j checks its timeout between rows, not inside one expression.
 */
const GRACE_MS = 2000;

/**
 * A result that returns nodes gets the relationships among them too (`RETURN p, a` draws its
 * ISSUED_BY edges): one extra query in the same read transaction, capped here.
 */
export const MAX_LINKS_AMONG_NODES = 2000;
const LINKS_AMONG = `MATCH (a)-[r]->(b) WHERE elementId(a) IN $ids AND elementId(b) IN $ids RETURN r LIMIT $cap`;

/**
 * Runs analyst Cypher read-only, within budgets. Two guards against writes, each enough alone:
 * the plan (checkPlan: read-only, allowed procedures, no administration) and READ access mode.
 * Budgets: rows and bytes stop the stream; time is enforced by Neo4j and, for what it cannot
 * interrupt, by the app answering 408 and terminating the transaction; concurrency answers 429.
 * The console has its own driver pool (`console`), so search, details and health never queue
 * behind it; `admin` (the app's pool) terminates overrunning console transactions.
 */
export class ConsoleRunner {
  #running = 0;

  constructor(
    private readonly console: Executor,
    private readonly admin: Executor,
    readonly limits: RunLimits,
  ) {}

  async run(query: string, params: Record<string, unknown>, feature = 'cypher'): Promise<CypherResult> {
    if (this.#running >= this.limits.maxConcurrent) {
      throw new HttpError(429, `${this.limits.maxConcurrent} console queries are already running; try again in a moment.`, { retryAfterSeconds: 2 });
    }
    this.#running++;
    const runId = randomUUID();
    const work = this.#execute(query, withIntegers(params) as Record<string, unknown>, feature, runId);
    // The slot is held until the database has really let go of the query, even after a 408.
    void work.then(
      () => this.#running--,
      () => this.#running--,
    );
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void this.#terminate(runId);
        reject(new QueryRejectedError('The query ran longer than the time limit.', 'PolicyGraph.Console.TimeLimit', 'timeout'));
      }, this.limits.timeoutMs + GRACE_MS);
    });
    try {
      return await Promise.race([work, overrun]);
    } finally {
      clearTimeout(timer);
    }
  }

  #execute(query: string, params: Record<string, unknown>, feature: string, runId: string): Promise<CypherResult> {
    const started = Date.now();
    const { maxRows, maxBytes } = this.limits;
    return this.console.read(
      async (tx) => {
        if (/^\s*(EXPLAIN|PROFILE)\b/i.test(query)) throw new HttpError(400, 'EXPLAIN and PROFILE are not supported in the console; run the query itself.');
        const plan = await tx
          .run(`EXPLAIN\n${query}`, params)
          .summary()
          .catch((err: unknown) => {
            throw withoutExplainPrefix(mapDriverError(err));
          });
        checkPlan(plan);

        const result = tx.run(query, params);
        const rows: unknown[][] = [];
        const records: Neo4jRecord[] = [];
        let bytes = 0;
        let truncatedBy: 'rows' | 'bytes' | undefined;
        for await (const rec of result) {
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
        const columns = records[0]?.keys.map(String) ?? ((await result.keys()) as string[]).map(String);
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
          ms: Date.now() - started,
        };
      },
      { timeoutMs: this.limits.timeoutMs, metadata: { app: 'policy-graph', feature, run: runId } },
    );
  }

  /** Stops the console transaction tagged `runId` on the server; best effort, never throws. */
  async #terminate(runId: string): Promise<void> {
    try {
      await this.admin.read(
        (tx) =>
          tx.run(
            `SHOW TRANSACTIONS YIELD transactionId, metaData
             WHERE metaData.run = $runId
             TERMINATE TRANSACTIONS transactionId YIELD message
             RETURN count(*) AS n`,
            { runId },
          ),
        { timeoutMs: 5000, metadata: { app: 'policy-graph', feature: 'console-terminate' } },
      );
    } catch (err) {
      console.error(`Could not terminate console query ${runId}: ${(err as Error).message}`);
    }
  }
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
    .replace(/\(line (\d+), column (\d+) \(offset: (\d+)\)\)/, (_m, l: string, c: string, o: string) => `(line ${Number(l) - 1}, column ${c} (offset: ${Number(o) - 8}))`)
    .replace(/"EXPLAIN\n/, '"');
  return new QueryRejectedError(message, err.code, err.kind);
}
