import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserStore } from '../../server/accounts/users.js';
import { createApp } from '../../server/api/app.js';
import type { Executor } from '../../server/graph/executor.js';
import { seedGraph, testDriver } from '../helpers/db.js';

// Issue 33: an analyst's note on a node is carried in its relationship report, with author and
// date, in every format; a new note is in the next report (not a cached one).
let driver: Driver;
let executor: Executor;
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-report-notes-'));

beforeAll(async () => {
  driver = testDriver();
  executor = await seedGraph(driver);
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(stateDir, { recursive: true, force: true });
});

describe("analysts' notes in reports", () => {
  it("shows a node's notes with author and date in its HTML, Markdown and JSON report, and nothing of another node's", async () => {
    const ana = { authorization: `Bearer ${new UserStore(path.join(stateDir, 'users.json')).add('ana', 'analyst').token}` };
    const app = createApp({ executor, options: { cypher: {}, stateDir } });
    const report = (format: string) => request(app).get('/api/reports/agency/agency%3AMIIT').query({ format }).set(ana).expect(200);

    // Before any note: no section (and the report is now cached).
    expect((await report('json')).body.analystNotes).toEqual([]);
    expect((await report('md')).text).not.toContain("Analysts' notes");

    const note = await request(app)
      .post('/api/notes')
      .set(ana)
      .send({ target: 'agency:MIIT', text: 'Checked against the gov.cn text <b>twice</b>' })
      .expect(201);
    await request(app).post('/api/notes').set(ana).send({ target: 'company:tesla', text: 'not about MIIT' }).expect(201);
    const day = (note.body.at as string).slice(0, 10);

    const json = (await report('json')).body;
    expect(json.analystNotes).toEqual([{ text: 'Checked against the gov.cn text <b>twice</b>', author: 'ana', at: note.body.at }]);

    const md = (await report('md')).text;
    expect(md).toContain("## Analysts' notes");
    const mdRow = md.split('\n').find((l) => l.includes('Checked against the gov.cn text'));
    expect(mdRow).toMatch(new RegExp(`\\| ana \\| ${day} \\|\\s*$`));
    expect(md).not.toContain('not about MIIT');

    const html = (await report('html')).text;
    expect(html).toMatch(/<h2[^>]*>Analysts(&#39;|&#x27;|')? notes<\/h2>/);
    expect(html).toContain('Checked against the gov.cn text &lt;b&gt;twice&lt;/b&gt;');
    expect(html).toMatch(new RegExp(`<td>ana</td>\\s*<td>${day}</td>`));
    expect(html).not.toContain('not about MIIT');
  });
});
