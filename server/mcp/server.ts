import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { appVersion } from '../version.js';
import type { McpDeps } from './deps.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { registerChanges } from './tools/changes.js';
import { registerCypher } from './tools/cypher.js';
import { registerDescribe } from './tools/describe.js';
import { registerModel } from './tools/model.js';
import { registerPaths } from './tools/paths.js';
import { registerPolicies } from './tools/policies.js';
import { registerRelated } from './tools/related.js';
import { registerReport } from './tools/report.js';
import { registerSearch } from './tools/search.js';

const INSTRUCTIONS = `Policy Graph: a knowledge graph of Chinese industrial policy built from MERICS "China Industries" briefs (agencies, policies, companies, sectors, news).
Start with search_entities to turn names (acronyms and Chinese names work) into ids. Every fact a tool returns carries a citation (brief title, date, file, line, sentence): quote them.
Answers are bounded; when one says truncated, narrow the question as its hint says. All tools are read-only.`;

/**
 * The MCP server over the app's services: the same search, details, related, paths, reports and
 * console the HTTP API uses, each tool read-only and bounded. One per connection (stdio) or per
 * request (Streamable HTTP, stateless). No curation tools: MCP never changes the graph.
 */
export function createMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer({ name: 'policy-graph', title: 'Policy Graph', version: appVersion }, { instructions: INSTRUCTIONS });
  for (const register of [
    registerSearch,
    registerDescribe,
    registerRelated,
    registerPolicies,
    registerPaths,
    registerReport,
    registerChanges,
    registerCypher,
    registerModel,
  ]) {
    register(server, deps);
  }
  registerResources(server);
  registerPrompts(server);
  return server;
}
