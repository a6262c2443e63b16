import { Router, type Request, type Response } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { McpDeps } from './deps.js';
import { createMcpServer } from './server.js';

const rpcError = (res: Response, status: number, message: string) => res.status(status).json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });

/**
 * POST /mcp: MCP over Streamable HTTP, stateless (a server and transport per request, no
 * sessions), so any number of app processes can answer and no session outlives its call; reports
 * come from the app's report cache (`deps.reports`), shared with the API. The app mounts it behind
 * the Host guard and the API token. GET (a server-to-client stream) and DELETE (ending a session)
 * have nothing to do without sessions: 405.
 */
export function mcpRouter(deps: McpDeps): Router {
  const router = Router();
  router.post('/', async (req: Request, res: Response) => {
    const server = createMcpServer(deps);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (err) {
      console.error('MCP request failed:', err);
      if (!res.headersSent) rpcError(res, 500, 'Internal error; the server log has the details.');
    }
  });
  router.all('/', (_req, res) => {
    res.set('Allow', 'POST');
    rpcError(res, 405, 'This MCP endpoint is stateless: send JSON-RPC requests with POST.');
  });
  return router;
}
