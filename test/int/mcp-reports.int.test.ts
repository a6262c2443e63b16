import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createApp } from '../../server/api/app.js';
import { ChangeLog } from '../../server/changes/store.js';
import { CorrectionLog } from '../../server/curation/log.js';
import { emptyGraph, testDriver } from '../helpers/db.js';
import { CountingExecutor } from '../helpers/reportReads.js';
import { importAndRecord, reportsFromApp, seedsButOne, type OneBriefLater } from '../helpers/oneBrief.js';

// MCP's relationship_report built every report anew (a hub: seconds warm, ~9 s cold at 10,000
// briefs). It now reads the API's report cache and kept reports (server/reports/cached.ts): one
// build for both, rebuilt by the same imports, corrections and notes.

interface McpReport {
  id: string;
  truncated: boolean;
  counts: Record<string, number>;
  sections: Record<string, unknown[]>;
}

/** MCP's text without the hint it adds when lists are shortened. */
const document = (text: string) => text.split('\n[truncated: ')[0];

let driver: Driver;
let tmp: string;
let log: ChangeLog;
let scene: OneBriefLater;
const open: { server: Server; client: Client }[] = [];

/** The app started anew (fresh in-memory caches; the same state folder and kept reports), with an MCP client on its POST /mcp. */
async function start() {
  const executor = new CountingExecutor(driver);
  const app = createApp({
    executor,
    options: {
      cypher: {},
      stateDir: tmp,
      changeLog: log,
      correctionLog: new CorrectionLog(path.join(tmp, 'corrections.jsonl')),
      reportsDir: path.join(tmp, 'reports'),
    },
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const client = new Client({ name: 'mcp-reports-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`)));
  open.push({ server, client });
  const mcp = async (id: string) => {
    const r = (await client.callTool({ name: 'relationship_report', arguments: { kind: 'agency', entity: id } })) as CallToolResult;
    expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    return { text: r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n'), data: r.structuredContent as unknown as McpReport };
  };
  const api = async (id: string, format: 'json' | 'md' = 'json') => {
    const res = await request(app)
      .get(`/api/reports/agency/${encodeURIComponent(id)}`)
      .query({ format })
      .expect(200);
    return format === 'json' ? JSON.stringify(res.body) : res.text;
  };
  /** The report queries run since the last call. */
  const reads = () => {
    const n = executor.reportReads;
    executor.reportReads = 0;
    return n;
  };
  return { app, mcp, api, reads };
}

beforeAll(async () => {
  driver = testDriver();
  await emptyGraph(driver);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-mcp-reports-'));
  log = new ChangeLog(path.join(tmp, 'changes'));
  // The agencies are chosen with reports that are neither cached nor kept.
  scene = await seedsButOne(driver, log, reportsFromApp(driver, log, path.join(tmp, 'plain')));
});
afterAll(async () => {
  for (const { server, client } of open) {
    await client.close();
    server.close();
  }
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("MCP relationship_report through the API's report cache", () => {
  it('after the API built a report, MCP runs no report query for it, in the same app and after a restart (the kept file)', async () => {
    const app = await start();
    const json = await app.api(scene.unrelated);
    expect(app.reads()).toBeGreaterThan(0);

    const served = await app.mcp(scene.unrelated);
    expect(app.reads()).toBe(0);
    expect(served.data.id).toBe(scene.unrelated);
    expect(served.data.counts).toEqual((JSON.parse(json) as { counts: unknown }).counts);

    const restarted = await start();
    const kept = await restarted.mcp(scene.unrelated);
    expect(restarted.reads()).toBe(0);
    expect(kept.text).toBe(served.text);
  });

  it('a second MCP call runs no report query, and the API then serves the report MCP built', async () => {
    const app = await start();
    const first = await app.mcp(scene.touched);
    expect(app.reads()).toBeGreaterThan(0);
    const second = await app.mcp(scene.touched);
    expect(app.reads()).toBe(0);
    expect(second.text).toBe(first.text);

    // The same Markdown: MCP's text is the API's document (short enough here), then the hint.
    expect(document(first.text)).toBe(await app.api(scene.touched, 'md'));
    expect(app.reads()).toBe(0);
  });

  it('an import touching the subject rebuilds its report for MCP and the API alike; the report it did not touch stays', async () => {
    const app = await start();
    const before = await app.mcp(scene.touched);
    await app.mcp(scene.unrelated);
    app.reads();
    expect(JSON.stringify(before.data)).not.toContain(scene.newPolicy);
    await app.mcp(scene.touched);
    expect(app.reads()).toBe(0);

    await importAndRecord(driver, log, [scene.later]);

    const after = await app.mcp(scene.touched);
    expect(app.reads()).toBeGreaterThan(0);
    expect(JSON.stringify(after.data)).toContain(scene.newPolicy);
    expect(after.text).not.toBe(before.text);
    // Built once, for both readers.
    expect(await app.api(scene.touched)).toContain(scene.newPolicy);
    expect(app.reads()).toBe(0);
    // The import named nothing in the other agency's report: still served as built.
    await app.mcp(scene.unrelated);
    expect(app.reads()).toBe(0);
  });

  it("a correction or an analyst's note on the subject is in MCP's next report, then served from the cache again", async () => {
    const app = await start();
    await app.mcp(scene.touched);
    app.reads();

    await request(app.app).post('/api/corrections').send({ kind: 'alias', node: scene.touched, name: 'MCP Cache Test Alias', author: 'mcp-test' }).expect(201);
    const corrected = await app.mcp(scene.touched);
    expect(app.reads()).toBeGreaterThan(0);
    expect(corrected.text).toContain('alias "MCP Cache Test Alias" added');
    await app.mcp(scene.touched);
    expect(app.reads()).toBe(0);

    await request(app.app).post('/api/notes').send({ target: scene.touched, text: 'Checked against the ministry site for the MCP test' }).expect(201);
    const noted = await app.mcp(scene.touched);
    expect(app.reads()).toBeGreaterThan(0);
    expect(noted.text).toContain('Checked against the ministry site for the MCP test');
    expect(await app.api(scene.touched, 'md')).toBe(document(noted.text));
    expect(app.reads()).toBe(0);
  });
});
