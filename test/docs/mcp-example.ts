/**
 * The worked example of docs/mcp.md, run rather than written: starts `server/mcp/stdio.ts` as an
 * assistant would (NEO4J_URI etc. from the environment, a graph with the seed briefs), makes the
 * tool calls an assistant makes for "Which agencies co-issued policies with MIIT in 2023, and on
 * what?", and prints each call with the server's text answer as Markdown on stdout.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7687 npx tsx test/docs/mcp-example.ts > /tmp/example.md
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { fromRoot } from '../../server/paths.js';

const CALLS: { why: string; name: string; arguments: Record<string, unknown>; structured?: true }[] = [
  { why: 'Find MIIT by the name the user wrote, to get its id.', name: 'search_entities', arguments: { query: 'MIIT', labels: ['Agency'], limit: 3 } },
  {
    why: "MIIT's policies of 2023, each with all its issuers and sectors.",
    name: 'find_policies',
    arguments: { agency: 'agency:MIIT', from: '2023', to: '2023' },
    structured: true,
  },
  { why: 'Who co-issued with MIIT at all (every year), to put 2023 in context.', name: 'find_related', arguments: { entity: 'agency:MIIT' } },
];

const client = new Client({ name: 'mcp-example', version: '1.0.0' });
const transport = new StdioClientTransport({
  command: process.execPath,
  args: ['--import', 'tsx', fromRoot('server/mcp/stdio.ts')],
  cwd: fromRoot('.'),
  env: { ...process.env } as Record<string, string>,
  stderr: 'ignore',
});
await client.connect(transport);
const out: string[] = [];
for (const call of CALLS) {
  const res = await client.callTool({ name: call.name, arguments: call.arguments });
  const text = (res.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
  out.push(`**${call.why}**`, '', '```json', JSON.stringify({ name: call.name, arguments: call.arguments }), '```', '', '```text', text, '```', '');
  if (call.structured) out.push('Its `structuredContent`:', '', '```json', JSON.stringify(res.structuredContent, null, 2), '```', '');
}
await client.close();
process.stdout.write(out.join('\n'));
