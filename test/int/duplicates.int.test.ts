import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Driver } from 'neo4j-driver';
import type { Express } from 'express';
import { createApp } from '../../server/api/app.js';
import { CorrectionLog } from '../../server/curation/log.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import type { Executor } from '../../server/graph/executor.js';
import { seedGraph, testDriver } from '../helpers/db.js';

// Likely duplicates on the seeds (issue 30): the queue, "not the same" remembered, a merge from it
// counting each news item once.

let driver: Driver;
let executor: Executor;
let app: Express;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-duplicates-'));
const log = new CorrectionLog(path.join(tmp, 'corrections.jsonl'));
const BMW = 'company:bmw';
const BBA = 'company:bmw-brilliance';
const BRILLIANCE = 'company:brilliance-auto';

beforeAll(async () => {
  driver = testDriver();
  executor = await seedGraph(driver);
  app = createApp({ executor, options: { cypher: {}, correctionLog: log } });
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Candidate = {
  label: string;
  score: number;
  reasons: string[];
  sharedNews: number;
  a: { id: string; examples: unknown[] };
  b: { id: string; examples: unknown[] };
};
const queue = async (q = '') => (await request(app).get(`/api/duplicates?limit=100${q}`).expect(200)).body as { total: number; candidates: Candidate[] };
const pairs = (cs: Candidate[]) => cs.map((c) => [c.a.id, c.b.id].sort().join(' + '));

describe('likely duplicates', () => {
  it('lists BMW / BMW Brilliance and BMW Brilliance / Brilliance Auto, companies first, with evidence for both', async () => {
    const { candidates, total } = await queue();
    console.log(`duplicates: ${total} candidate pair(s) on the seeds: ${pairs(candidates).slice(0, 8).join('; ')}`);
    expect(pairs(candidates)).toEqual(expect.arrayContaining([`${BMW} + ${BBA}`, `${BBA} + ${BRILLIANCE}`]));
    const labels = candidates.map((c) => c.label);
    expect(labels.indexOf('Company')).toBe(0);
    expect(labels.lastIndexOf('Company')).toBeLessThan(Math.max(labels.indexOf('Agency'), labels.indexOf('Policy'), labels.length));
    const bba = candidates.find((c) => [c.a.id, c.b.id].includes(BRILLIANCE))!;
    expect(bba.reasons.length).toBeGreaterThan(0);
    expect(bba.a.examples.length + bba.b.examples.length).toBeGreaterThan(0);
    const only = await queue('&label=Agency');
    expect(only.candidates.every((c) => c.label === 'Agency')).toBe(true);
  });

  it('"not the same" removes the pair for good: after a re-import too, and back only when undone', async () => {
    const made = await request(app)
      .post('/api/corrections')
      .send({ kind: 'distinct', a: BMW, b: BBA, reason: 'BMW is the parent, BBA the joint venture' })
      .expect(201);
    expect(made.body.correction.kind).toBe('distinct');
    expect(pairs((await queue()).candidates)).not.toContain(`${BMW} + ${BBA}`);
    await importFiles(executor, listBriefFiles([fromRoot('seeds')]));
    expect(pairs((await queue()).candidates)).not.toContain(`${BMW} + ${BBA}`);
    expect(log.read().corrections.map((c) => c.kind)).toEqual(['distinct']);
    // The node says so in its details.
    const detail = (
      await request(app)
        .get(`/api/nodes/${encodeURIComponent(BMW)}`)
        .expect(200)
    ).body;
    expect(detail.corrections[0].line).toMatch(/^corrected: not the same as BMW Brilliance \(company:bmw-brilliance\)/);
    await request(app).post('/api/corrections').send({ kind: 'distinct', a: BMW, b: 'agency:MIIT' }).expect(400);
    await request(app).post('/api/corrections').send({ kind: 'distinct', a: BMW, b: BMW }).expect(400);
    await request(app).delete(`/api/corrections/${made.body.correction.id}`).expect(200);
    expect(pairs((await queue()).candidates)).toContain(`${BMW} + ${BBA}`);
  });

  it('a merge of two companies named in the same items keeps one mention per item, in the details and the report', async () => {
    const shared = Number(
      (
        await executor.read((tx) =>
          tx.run('MATCH (:Company {id: $a})-[:MENTIONED_IN]->(x)<-[:MENTIONED_IN]-(:Company {id: $b}) RETURN count(DISTINCT x) AS n', {
            a: BBA,
            b: BRILLIANCE,
          }),
        )
      ).records[0]!.get('n'),
    );
    expect(shared).toBeGreaterThan(0);
    await request(app).post('/api/corrections').send({ kind: 'merge', keep: BRILLIANCE, drop: BBA }).expect(201);
    const items = Number(
      (
        await executor.read((tx) => tx.run('MATCH (:Company {id: $id})-[m:MENTIONED_IN]->(x) RETURN count(DISTINCT [x, m.brief]) AS n', { id: BRILLIANCE }))
      ).records[0]!.get('n'),
    );
    const detail = (
      await request(app)
        .get(`/api/nodes/${encodeURIComponent(BRILLIANCE)}`)
        .expect(200)
    ).body as {
      degree: { type: string; count: number }[];
      provenance: { evidence: { type: string; other: string; line: number }[] }[];
    };
    const mentionedIn = detail.degree.find((d) => d.type === 'MENTIONED_IN')!.count;
    expect(mentionedIn).toBe(items);
    for (const b of detail.provenance) {
      const keys = b.evidence.filter((e) => e.type === 'MENTIONED_IN').map((e) => `${e.other}@${e.line}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    const report = (
      await request(app)
        .get(`/api/reports/company/${encodeURIComponent(BRILLIANCE)}?format=json`)
        .expect(200)
    ).body;
    const r = report as { counts: { mentions: number }; mentions: { id: string; citation: { brief: string } }[]; byYear: { mentions: number }[] };
    expect(r.counts.mentions).toBe(items);
    expect(r.byYear.reduce((s, y) => s + y.mentions, 0)).toBe(items);
    const listed = r.mentions.map((m) => `${m.id}@${m.citation.brief}`);
    expect(new Set(listed).size).toBe(listed.length);
    console.log(`duplicates: merged ${BBA} into ${BRILLIANCE}: ${shared} shared item(s); ${items} mention(s) counted once each`);
  });
});
