import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { z } from 'zod';
import { mapDriverError, QueryRejectedError, type Executor } from '../../graph/executor.js';
import { ElementCollector, elementsSchema, toJson } from '../elements.js';
import { HttpError } from '../errors.js';

export const cypherResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  truncated: z.boolean(),
  rowLimit: z.number().int(),
  elements: elementsSchema.optional(),
  ms: z.number(),
});
export type CypherResult = z.infer<typeof cypherResultSchema>;

export interface RunLimits {
  timeoutMs: number;
  maxRows: number;
}

/** Operators that read outside the graph; refused even though the database calls them reads. */
const REFUSED_OPERATORS = /^(LoadCSV)/i;

/**
 * Runs analyst Cypher read-only. Two guards, each enough alone against writes: the query's
 * planned type must be read-only (checked with EXPLAIN, which executes nothing), and the
 * transaction runs in READ access mode. A server-side timeout stops runaway reads; rows stream
 * and stop at the cap.
 */
export async function runReadOnly(executor: Executor, query: string, params: Record<string, unknown>, limits: RunLimits, feature = 'cypher'): Promise<CypherResult> {
  if (/^\s*(EXPLAIN|PROFILE)\b/i.test(query)) throw new HttpError(400, 'EXPLAIN and PROFILE are not supported in the console; run the query itself.');
  if (/^\s*USE\s/im.test(query)) throw new HttpError(403, 'Queries run against the application database only; USE is not allowed.');
  const started = Date.now();
  params = withIntegers(params) as Record<string, unknown>;
  return executor.read(
    async (tx) => {
      const plan = await tx
        .run(`EXPLAIN\n${query}`, params)
        .summary()
        .catch((err: unknown) => {
          throw withoutExplainPrefix(mapDriverError(err));
        });
      if (plan.queryType !== 'r') {
        throw new HttpError(403, `Read-only console: this query would ${plan.queryType === 's' ? 'change the schema' : 'write to the graph'}, and writes are refused.`, { queryType: plan.queryType });
      }
      const refused = operators(plan.plan).find((op) => REFUSED_OPERATORS.test(op));
      if (refused) throw new HttpError(403, `Read-only console: ${refused.replace(/@.*$/, '')} is not allowed.`);

      const result = tx.run(query, params);
      const records: Neo4jRecord[] = [];
      let truncated = false;
      for await (const rec of result) {
        if (records.length >= limits.maxRows) {
          truncated = true;
          break; // the driver discards the rest on the server; memory stays bounded
        }
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
      return {
        columns,
        rows: records.map((r) => [...r.values()].map(toJson)),
        truncated,
        rowLimit: limits.maxRows,
        ...(collector.hasGraph ? { elements: collector.elements() } : {}),
        ms: Date.now() - started,
      };
    },
    { timeoutMs: limits.timeoutMs, metadata: { app: 'policy-graph', feature } },
  );
}

/** JSON has one number type; whole numbers go to Neo4j as integers so `LIMIT $n` and `{year: $y}` work. */
function withIntegers(v: unknown): unknown {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return neo4j.int(v);
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

function operators(plan: unknown): string[] {
  if (!plan || typeof plan !== 'object') return [];
  const p = plan as { operatorType?: string; children?: unknown[] };
  return [p.operatorType ?? '', ...(p.children ?? []).flatMap(operators)];
}
