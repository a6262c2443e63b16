/** `npm run mcp`: the MCP server on stdin/stdout, for assistants that start it as a program (docs/mcp.md). */
import './stdoutToStderr.js';
import { parseCli } from '../cliArgs.js';

parseCli({
  usage: 'usage: npm run mcp',
  help: `usage: npm run mcp   (or: npx tsx server/mcp/stdio.ts)

Serves the Policy Graph to an AI assistant over the Model Context Protocol on stdin and stdout:
read-only tools with citations (docs/mcp.md). Connects to Neo4j as npm start does (NEO4J_URI, or
the bundled Neo4j, started if it is not running) but imports nothing. Logs go to stderr; stdout
carries only the protocol. It stops when the assistant closes stdin.

Options:
  -h, --help    Show this help and exit.

Settings come from the environment or .env: see docs/configuration.md (NEO4J_*, CYPHER_*).

Exit codes:
  0  the assistant closed the connection
  1  Neo4j failed
  2  configuration error`,
  options: {},
});
// Loaded after the arguments are read, so --help answers at once.
await import('./serveStdio.js');
