import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { DatabaseUnavailableError, QueryRejectedError } from '../graph/executor.js';
import { HttpError } from '../api/errors.js';
import { UnknownEntityError } from '../reports/resolve.js';
import { formatIssues } from '../issues.js';

/** A tool's answer to a question it cannot answer: what went wrong and what to do next. */
export class ToolError extends Error {
  override name = 'ToolError';
}

const QUERY_ADVICE: Record<QueryRejectedError['kind'], string> = {
  timeout: 'The query ran longer than the time limit and was stopped. Narrow it (a LIMIT, a label, a shorter path) and run it again.',
  memory: 'The query needs more memory than one query may use and was stopped. Aggregate less at once, add a LIMIT, or narrow the match.',
  busy: 'Every connection to the graph database is in use; retry in a few seconds.',
  syntax: 'Cypher syntax error; fix the query (graph_model lists labels, relationship types and properties).',
  'write-refused': 'Read-only: this server never writes to the graph.',
  client: 'Neo4j refused the query.',
};

/** Any failure as an MCP tool error (isError): a message for the model, never a stack trace. */
export function toolError(err: unknown, tool: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: messageOf(err, tool) }] };
}

function messageOf(err: unknown, tool: string): string {
  if (err instanceof ToolError) return err.message;
  if (err instanceof UnknownEntityError) return `${err.message} Call search_entities to find the entity's id, then ask again with it.`;
  if (err instanceof HttpError) {
    if (err.status === 429) return `${err.message} Wait a few seconds and call ${tool} again.`;
    return err.message;
  }
  if (err instanceof QueryRejectedError) {
    // Only run_cypher's query is the model's own; elsewhere the question, not the Cypher, is what it can change.
    if (tool !== 'run_cypher' && (err.kind === 'timeout' || err.kind === 'memory'))
      return `The graph took too long to answer ${tool}; retry in a moment, or narrow the question (a period, an agency, fewer results).`;
    const advice = QUERY_ADVICE[err.kind];
    return err.kind === 'syntax' || err.kind === 'client' ? `${advice} ${err.message}` : advice;
  }
  if (err instanceof DatabaseUnavailableError) {
    return err.restarting ? 'The graph database is restarting; retry in a few seconds.' : 'The graph database is unavailable; retry shortly.';
  }
  if (err instanceof z.ZodError) return `Invalid arguments: ${formatIssues(err.issues)}`;
  // A bug, not the question: the details go to the server's log (stderr), not to the model.
  console.error(`MCP tool ${tool} failed:`, err);
  return `Internal error in ${tool}; the server log has the details. Try again, or ask the question another way.`;
}

/** The tool's handler with every failure turned into a tool error. */
export function guarded<A>(tool: string, handler: (args: A) => Promise<CallToolResult>): (args: A) => Promise<CallToolResult> {
  return async (args) => {
    try {
      return await handler(args);
    } catch (err) {
      return toolError(err, tool);
    }
  };
}
