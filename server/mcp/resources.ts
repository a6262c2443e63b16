import fs from 'node:fs';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { fromRoot } from '../paths.js';
import { loadSavedQueries, type SavedQuery } from '../api/queries/catalog.js';

// Read once: the HTTP endpoint builds a server per request.
let saved: SavedQuery[] | undefined;

/** The graph model's description and the saved queries, for a model to read before it writes Cypher. */
export function registerResources(server: McpServer): void {
  const modelUri = 'policy-graph://docs/graph-model';
  server.registerResource(
    'graph-model',
    modelUri,
    {
      title: 'Graph model',
      description: 'Labels, ids, properties and relationships of the Policy Graph, with provenance (docs/graph-model.md)',
      mimeType: 'text/markdown',
    },
    async () => ({ contents: [{ uri: modelUri, mimeType: 'text/markdown', text: fs.readFileSync(fromRoot('docs/graph-model.md'), 'utf8') }] }),
  );
  for (const q of (saved ??= loadSavedQueries())) {
    const uri = `policy-graph://queries/${q.name}`;
    const params = q.params.map(
      (p) => `// param: ${p.name}: ${p.type}${p.label ? `(${p.label})` : ''}${p.default !== undefined ? ` = ${String(p.default)}` : ''} — ${p.description}`,
    );
    server.registerResource(
      `query-${q.name}`,
      uri,
      { title: `Saved query: ${q.title}`, description: `${q.description} Run its Cypher with run_cypher, giving the parameters.`, mimeType: 'text/plain' },
      async () => ({ contents: [{ uri, mimeType: 'text/plain', text: [`// ${q.title}`, `// ${q.description}`, ...params, q.cypher, ''].join('\n') }] }),
    );
  }
}
