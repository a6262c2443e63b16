import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createApp, defaultAppOptions } from '../../server/api/app.js';
import { CorrectionLog } from '../../server/curation/log.js';
import { fromRoot } from '../../server/paths.js';
import { MCP_LIMITS } from '../../server/mcp/budget.js';
import { countGraph, seedGraph, testDriver } from '../helpers/db.js';
import { CountingExecutor } from '../helpers/reportReads.js';

// The MCP server driven by the SDK's own client: once over stdio (`server/mcp/stdio.ts` as an
// assistant starts it) and over Streamable HTTP on the app. One stdio process for the file.
let driver: Driver;
let stdio: Client;
let http: Server;
let httpUrl: URL;
let locked: Server;
let lockedUrl: URL;
let serverLog = '';
const TOKEN = 'mcp-test-token-0123456789';
/** The stdio server's STATE_DIR and corrections: its kept reports land here, not in the checkout. */
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-mcp-'));
const correctionsFile = path.join(stateDir, 'corrections.jsonl');

const listen = (app: ReturnType<typeof createApp>) =>
  new Promise<{ server: Server; url: URL }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`) }));
  });

async function connectHttp(url: URL, token?: string): Promise<Client> {
  const client = new Client({ name: 'mcp-int-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {}));
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const text = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
const data = <T = Record<string, unknown>>(r: CallToolResult) => r.structuredContent as T;

beforeAll(async () => {
  driver = testDriver();
  const executor = await seedGraph(driver);
  // A console time limit short enough that the heap-filling query below is stopped, not answered,
  // on a fast machine too (60 million list entries take Neo4j seconds and gigabytes); the app's
  // own queries (search, reports) are not bound by it.
  ({ server: http, url: httpUrl } = await listen(createApp({ executor, options: { ...defaultAppOptions, cypher: { timeoutMs: 1000 } } })));
  ({ server: locked, url: lockedUrl } = await listen(createApp({ executor, options: { ...defaultAppOptions, apiToken: TOKEN } })));
  stdio = new Client({ name: 'mcp-int-test', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', fromRoot('server/mcp/stdio.ts')],
    cwd: fromRoot('.'),
    env: {
      PATH: process.env.PATH ?? '',
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_USER: inject('neo4jUser'),
      NEO4J_PASSWORD: inject('neo4jPassword'),
      // Generous: the heap-filling query runs against the HTTP app's 1 s limit, and here a
      // 5,000-row query overran 1 s at load average 38.
      CYPHER_TIMEOUT_MS: '60000',
      STATE_DIR: stateDir,
      CORRECTIONS_FILE: correctionsFile,
    },
    stderr: 'pipe',
  });
  // Read, so a chatty server never blocks on a full pipe; shown when a test fails.
  transport.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  await stdio.connect(transport);
});
afterAll(async () => {
  await stdio?.close();
  http?.close();
  locked?.close();
  await driver?.close();
  fs.rmSync(stateDir, { recursive: true, force: true });
});

describe('MCP over stdio', () => {
  it('lists the read-only tools, each with an input and an output schema, and the resources and prompts', async () => {
    const { tools } = await stdio.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'changes_since',
        'describe_entity',
        'explain_paths',
        'find_policies',
        'find_related',
        'graph_model',
        'relationship_report',
        'run_cypher',
        'search_entities',
      ].sort(),
    );
    for (const t of tools) {
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
      expect(t.annotations?.readOnlyHint).toBe(true);
      expect(t.description!.length).toBeGreaterThan(80);
    }
    // No curation: nothing that changes the graph is offered.
    expect(tools.some((t) => /correct|merge|reject|curat/i.test(t.name))).toBe(false);
    const { resources } = await stdio.listResources();
    expect(resources.map((r) => r.uri)).toContain('policy-graph://docs/graph-model');
    expect(resources.map((r) => r.uri)).toContain('policy-graph://queries/co-issuing-agencies');
    const model = await stdio.readResource({ uri: 'policy-graph://docs/graph-model' });
    expect((model.contents[0] as { text: string }).text).toMatch(/ISSUED_BY/);
    const { prompts } = await stdio.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['relationship_report', 'what_changed_since']);
    const prompt = await stdio.getPrompt({ name: 'what_changed_since', arguments: { entity: 'MIIT', since: '2023' } });
    expect((prompt.messages[0]!.content as { text: string }).text).toMatch(/find_policies[\s\S]*from="2023"/);
  });

  it('a report built over stdio is kept in STATE_DIR/reports, and the app on that folder serves it without a report query', async () => {
    const res = await call(stdio, 'relationship_report', { kind: 'agency', entity: 'MIIT' });
    expect(res.isError, `${text(res)}\n${serverLog}`).toBeFalsy();
    const files = fs.readdirSync(path.join(stateDir, 'reports'));
    expect(files).toEqual([expect.stringMatching(/^agency-[0-9a-f]{32}\.json$/)]);
    const kept = JSON.parse(fs.readFileSync(path.join(stateDir, 'reports', files[0]!), 'utf8')) as { report: { generatedAt: string } };
    // npm start on the same state folder and graph: the report MCP built is read, not built again.
    const executor = new CountingExecutor(driver);
    const app = createApp({
      executor,
      options: { ...defaultAppOptions, stateDir, correctionLog: new CorrectionLog(correctionsFile), reportsDir: path.join(stateDir, 'reports') },
    });
    const json = (await request(app).get('/api/reports/agency/agency%3AMIIT').query({ format: 'json' }).expect(200)).body as { generatedAt: string };
    expect(executor.reportReads).toBe(0);
    expect(json.generatedAt).toBe(kept.report.generatedAt);
  });

  it('search "工信部" finds MIIT, with where it is named', async () => {
    const res = await call(stdio, 'search_entities', { query: '工信部' });
    expect(res.isError, text(res)).toBeFalsy();
    const results = data<{ results: { id: string; citation: { file: string; line: number; sentence: string } | null }[] }>(res).results;
    expect(results[0]!.id).toBe('agency:MIIT');
    expect(results[0]!.citation).toMatchObject({
      file: expect.stringMatching(/\.txt$/),
      line: expect.any(Number),
      sentence: expect.stringMatching(/MIIT|工业和信息化部/),
    });
    expect(text(res)).toMatch(/agency:MIIT/);
  });

  it('describing MIIT returns facts with their brief, file, line and sentence', async () => {
    const res = await call(stdio, 'describe_entity', { entity: 'MIIT' });
    expect(res.isError, text(res)).toBeFalsy();
    const d = data<{ id: string; facts: { statement: string; citation: Record<string, unknown> | null }[] }>(res);
    expect(d.id).toBe('agency:MIIT');
    expect(d.facts.length).toBeGreaterThan(5);
    for (const f of d.facts.filter((x) => x.citation))
      expect(f.citation).toMatchObject({
        brief: expect.any(String),
        title: expect.stringMatching(/MERICS/),
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        file: expect.stringMatching(/\.txt$/),
        line: expect.any(Number),
        sentence: expect.any(String),
      });
    expect(d.facts.every((f) => f.citation)).toBe(true);
    // The text a model reads quotes the sentence with brief, file and line.
    expect(text(res)).toMatch(/“[^”]+” \(MERICS China Industries[^)]*; \d{3}_[0-9a-f]+\.txt line \d+\)/);
  });

  it("a company's related policies match the API's, each cited", async () => {
    const res = await call(stdio, 'find_related', { entity: 'Tesla' });
    expect(res.isError, text(res)).toBeFalsy();
    const items = data<{ id: string; items: { id: string; label: string; citations: unknown[] }[] }>(res);
    expect(items.id).toBe('company:tesla');
    const api = await request(http).get('/api/related/company%3Atesla');
    const policies = (xs: { id: string; label: string }[]) => xs.filter((i) => i.label === 'Policy').map((i) => i.id);
    const shown = policies(items.items);
    expect(shown.length).toBeGreaterThan(0);
    // The same policies in the same order, as far as the answer's budget reaches.
    expect(shown).toEqual(policies(api.body.items).slice(0, shown.length));
    expect(items.items.every((i) => i.citations.length > 0)).toBe(true);
  });

  it('refuses a write query as a tool error that says why', async () => {
    const res = await call(stdio, 'run_cypher', { query: "CREATE (n:Agency {id: 'agency:EVIL'}) RETURN n" });
    expect(res.isError).toBe(true);
    expect(text(res)).toMatch(/read-only|writes are refused/i);
    expect(text(res)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    const check = await driver.executeQuery("MATCH (n:Agency {id: 'agency:EVIL'}) RETURN count(n) AS c");
    expect(Number(check.records[0]!.get('c'))).toBe(0);
  });

  it('cuts an oversized result to its budget and says so, with a hint', async () => {
    const res = await call(stdio, 'run_cypher', {
      query: 'UNWIND range(1, 5000) AS i RETURN i, "a row long enough to fill a context window quickly" AS filler',
    });
    expect(res.isError, text(res)).toBeFalsy();
    const d = data<{ rows: unknown[][]; truncated: boolean; truncatedBy: string; hint: string }>(res);
    expect(d.truncated).toBe(true);
    expect(d.truncatedBy).toBe('budget');
    expect(d.rows.length).toBeLessThan(5000);
    expect(JSON.stringify(d.rows).length).toBeLessThanOrEqual(MCP_LIMITS.maxChars + 100);
    expect(d.hint).toMatch(/LIMIT|aggregate/i);
    expect(text(res)).toMatch(/\[truncated: \d+ more rows not shown/);
  });

  it('answers a bad input or an unknown entity with a tool error, not a crash', async () => {
    const unknown = await call(stdio, 'describe_entity', { entity: 'agency:NOBODY' });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/search_entities/);
    const syntax = await call(stdio, 'run_cypher', { query: 'MATCH (n RETURN n' });
    expect(syntax.isError).toBe(true);
    expect(text(syntax)).toMatch(/syntax/i);
    const policies = await call(stdio, 'find_policies', { agency: 'MIIT', from: '2023', to: '2023' });
    expect(policies.isError, text(policies)).toBeFalsy();
    const p = data<{ policies: { date: string; issuers: { id: string }[]; citations: { line: number }[] }[] }>(policies).policies;
    expect(p.length).toBeGreaterThan(0);
    for (const x of p) {
      expect(x.date.startsWith('2023')).toBe(true);
      expect(x.issuers.map((i) => i.id)).toContain('agency:MIIT');
      expect(x.citations.length).toBeGreaterThan(0);
    }
  });
});

describe('MCP over HTTP (POST /mcp on the app)', () => {
  it('serves the same tools and answers', async () => {
    const client = await connectHttp(httpUrl);
    try {
      expect((await client.listTools()).tools.length).toBe(9);
      const res = await call(client, 'search_entities', { query: '工信部', limit: 3 });
      expect(data<{ results: { id: string }[] }>(res).results[0]!.id).toBe('agency:MIIT');
      const report = await call(client, 'relationship_report', { kind: 'agency', entity: 'MIIT' });
      expect(report.isError, text(report)).toBeFalsy();
      expect(text(report).length).toBeLessThanOrEqual(MCP_LIMITS.maxText + 200);
      expect(data<{ id: string; counts: { policies: number } }>(report)).toMatchObject({ id: 'agency:MIIT', counts: { policies: expect.any(Number) } });
    } finally {
      await client.close();
    }
  });

  it('a heap-filling query is a tool error with what to do next, and the server and Neo4j stay up', async () => {
    const client = await connectHttp(httpUrl);
    const res = await call(client, 'run_cypher', { query: 'RETURN size([x IN range(1,60000000) | x]) AS n' });
    // Stopped by the time limit or the transaction memory cap, whichever comes first.
    expect(res.isError, `${text(res)}\n${serverLog}`).toBe(true);
    expect(text(res)).toMatch(/time limit|memory/);
    expect(text(res)).toMatch(/LIMIT|narrow|Aggregate/i);
    let alive = false;
    for (let i = 0; i < 120 && !alive; i++) {
      const again = await call(client, 'run_cypher', { query: 'RETURN 1 AS one' });
      alive = !again.isError && JSON.stringify(data(again).rows) === '[[1]]';
      if (!alive) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(alive).toBe(true);
    expect((await call(client, 'search_entities', { query: 'MIIT' })).isError).toBeFalsy();
    expect(
      (await call(stdio, 'run_cypher', { query: 'MATCH (a:Agency {id: $id}) RETURN a.acronym', params: { id: 'agency:MIIT' } })).structuredContent,
    ).toMatchObject({
      rows: [['MIIT']],
    });
    await client.close();
    expect((await countGraph(driver)).nodes).toBeGreaterThan(100);
  });

  it('with API_TOKEN set: no token is 401, the token gets in; a foreign Host is 403', async () => {
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    };
    const bare = await request(locked).post('/mcp').set('Accept', 'application/json, text/event-stream').send(init);
    expect(bare.status).toBe(401);
    await expect(connectHttp(lockedUrl)).rejects.toThrow();
    const client = await connectHttp(lockedUrl, TOKEN);
    expect((await client.listTools()).tools.length).toBe(9);
    await client.close();
    const rebound = await request(http).post('/mcp').set('Host', 'evil.example').set('Accept', 'application/json, text/event-stream').send(init);
    expect(rebound.status).toBe(403);
  });
});
