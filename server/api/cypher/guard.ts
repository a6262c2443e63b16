import type { ResultSummary } from 'neo4j-driver';
import { HttpError } from '../errors.js';
import { checkNested, type NestedRefusal } from './nested.js';

/**
 * What the console may run, decided on the query plan (EXPLAIN executes nothing), never on the
 * query text: comments, backticks, Unicode escapes and odd spacing are resolved by Neo4j's own
 * parser before the plan is made, so they cannot hide a procedure or a command. Subquery
 * expressions that Neo4j plans as nested plans show only as text in an operator's Details; they
 * are read by checkNested (nested.ts), which refuses whatever it cannot show to be read-only.
 */

/** Procedures that only read the graph or its schema. Everything else is refused. */
export const ALLOWED_PROCEDURES: ReadonlySet<string> = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
  'db.index.fulltext.listAvailableAnalyzers',
]);

/** SHOW commands about the schema; the rest (transactions, settings, users, …) are refused. */
const ALLOWED_SHOW = new Set(['ShowIndexes', 'ShowConstraints', 'ShowProcedures', 'ShowFunctions']);

interface PlanNode {
  operatorType?: string;
  arguments?: Record<string, unknown>;
  children?: PlanNode[];
}

export interface PlannedOperator {
  operator: string;
  /** The database the operator runs on (after "@" in the operator type). */
  database: string | undefined;
  details: string;
  /** Every text argument of the operator (Details among them): where nested plans show. */
  texts: string[];
}

export function operators(plan: unknown): PlannedOperator[] {
  if (!plan || typeof plan !== 'object') return [];
  const p = plan as PlanNode;
  const [operator = '', database] = (p.operatorType ?? '').split('@');
  const details = typeof p.arguments?.Details === 'string' ? p.arguments.Details : '';
  const texts = Object.values(p.arguments ?? {}).filter((v): v is string => typeof v === 'string');
  return [{ operator, database, details, texts }, ...(p.children ?? []).flatMap(operators)];
}

/** "db.labels() :: (label :: STRING)" → "db.labels" */
export const procedureName = (details: string): string => details.split('(')[0]!.trim();

const refuse = (message: string, details: { reason: string } & Record<string, unknown>) => new HttpError(403, `Read-only console: ${message}`, details);

/** The 403 for a refusal of checkNested's kinds, which a top-level operator shares. */
const refuseFor = (r: NestedRefusal): HttpError => {
  switch (r.reason) {
    case 'load-csv':
      return refuse('LOAD CSV is not allowed, nested in an expression or not.', r);
    case 'procedure':
      return refuse(`the procedure ${r.procedure} is not allowed; the console allows ${[...ALLOWED_PROCEDURES].join(', ')}.`, r);
    case 'nested':
      return refuse(
        `a subquery expression inside another expression uses ${r.word}, which the console cannot check there. Only reading clauses may appear in it: write function names in lower case, or the subquery as a CALL { } clause.`,
        r,
      );
    case 'unreadable':
      return refuse(`the console could not read the plan of a nested subquery expression (near "${r.at}"); write it as a CALL { } clause instead.`, r);
  }
};

/** Throws a 403 naming the reason when the planned query may not run in the console. */
export function checkPlan(summary: Pick<ResultSummary, 'queryType' | 'plan' | 'database'>): void {
  const ops = operators(summary.plan);
  const database = summary.database?.name;
  for (const op of ops) {
    if (op.operator === 'AdministrationCommand' || op.database === 'system') {
      throw refuse('administration commands are not allowed.', { reason: 'administration' });
    }
    if (database && op.database && op.database !== database) {
      throw refuse(`queries run against the application database only (this one reads "${op.database}").`, { reason: 'other-database' });
    }
    if (/^(Show|Terminate)/.test(op.operator) && !ALLOWED_SHOW.has(op.operator)) {
      const command = op.operator.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
      throw refuse(`${command} is an administration or monitoring command, and those are not allowed.`, { reason: 'administration', operator: op.operator });
    }
    if (op.operator === 'ProcedureCall') {
      const name = procedureName(op.details);
      if (!ALLOWED_PROCEDURES.has(name)) {
        throw refuseFor({ reason: 'procedure', procedure: name });
      }
    }
    if (op.operator.startsWith('LoadCSV')) throw refuse('LOAD CSV is not allowed.', { reason: 'load-csv' });
    for (const text of op.texts) {
      const nested = checkNested(text, ALLOWED_PROCEDURES);
      if (nested) throw refuseFor(nested);
    }
  }
  if (summary.queryType !== 'r') {
    throw refuse(`this query would ${summary.queryType === 's' ? 'change the schema' : 'write to the graph'}, and writes are refused.`, {
      reason: 'write',
      queryType: summary.queryType,
    });
  }
}
