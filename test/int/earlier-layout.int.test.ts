import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { applySchema } from '../../server/graph/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { buildAgencyReport } from '../../server/reports/build.js';
import { generateReport } from '../../server/reports/service.js';
import { clearGraph, testDriver, testExecutor } from '../helpers/db.js';
import { writeEarlierLayout, type EarlierLayoutBrief } from '../helpers/earlierLayout.js';

// A seed brief rewritten in the 2020–21 layout at test time, imported into the real Neo4j.
let driver: Driver;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-earlier-int-'));
const seed = listBriefFiles([fromRoot('seeds')])[1]!;
let file: string;
let brief: EarlierLayoutBrief;
const briefId = () => path.basename(file, '.txt');

beforeAll(async () => {
  driver = testDriver();
  await clearGraph(driver);
  await applySchema(testExecutor(driver));
  ({ file, brief } = writeEarlierLayout(seed, tmp));
  const outcomes = await importFiles(testExecutor(driver), [file]);
  expect(outcomes.filter((o) => !o.ok)).toEqual([]);
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());

describe('an earlier-layout brief in Neo4j', () => {
  it('writes its policies marked extraction "prose", with issuers, dates as dates and the month where no day was stated', async () => {
    const rows = await q(
      // The write-ups' policies; the brief's news lines announce others (extraction 'news').
      `MATCH (:Brief)-[:COVERS]->(p:Policy) OPTIONAL MATCH (p)-[i:ISSUED_BY]->(a:Agency)
       WITH p, collect(a.id) AS issuers, collect(DISTINCT i.extraction) AS how, collect(i.evidence)[0] AS evidence
       RETURN p.titleZh AS zh, p.extraction AS extraction, toString(p.date) AS date, valueType(p.date) AS type, p.datePrecision AS precision, issuers, how, evidence, p.evidence AS policyEvidence`,
    );
    expect(rows).toHaveLength(brief.expected.length);
    for (const e of brief.expected) {
      const r = rows.find((x) => x.zh === e.titleZh)!;
      expect(r).toMatchObject({ extraction: 'prose', type: 'DATE NOT NULL', precision: e.datePrecision, how: ['prose'] });
      expect(r.date).toBe(e.datePrecision === 'month' ? `${e.date}-01` : e.date);
      expect([...(r.issuers as string[])].sort()).toEqual([...e.issuers].sort());
      expect(r.evidence).toBe(r.policyEvidence);
      expect(String(r.evidence)).toContain(e.titleZh!);
    }
    const b = await q('MATCH (b:Brief {id: $id}) RETURN b.layout AS layout, toString(b.date) AS date, b.datePrecision AS precision', {
      id: `brief:${briefId()}`,
    });
    expect(b).toEqual([{ layout: 'prose', date: `${brief.month}-01`, precision: 'month' }]);
  });

  it('imports the news of "In other news" with their dates and a kind read from the subject', async () => {
    const news = await q(
      'MATCH (:Brief {id: $id})-[:REPORTS]->(n:NewsItem) RETURN toString(n.date) AS date, n.kind AS kind, n.kindInferred AS inferred ORDER BY n.line',
      { id: `brief:${briefId()}` },
    );
    expect(news.map((n) => n.date)).toEqual(brief.news.map((n) => n.date));
    expect(news.every((n) => n.inferred === true && ['policy', 'corporate'].includes(String(n.kind)))).toBe(true);
  });

  it('reports mark its policies as derived from prose and say why once', async () => {
    const r = await buildAgencyReport(testExecutor(driver), 'agency:MOF');
    expect(r.policies.length).toBeGreaterThan(0);
    expect(r.policies.every((p) => p.extraction === 'prose')).toBe(true);
    expect(r.notes.join(' ')).toMatch(/derived from prose/);
    const month = await buildAgencyReport(testExecutor(driver), 'agency:CASS');
    // The write-up stated no day: the report shows its month, not the 1st.
    expect(month.policies.map((p) => p.date)).toEqual([brief.month]);
    const md = await generateReport(testExecutor(driver), 'agency', 'MOF', 'md');
    // Markdown escapes the brackets.
    expect(md.body).toContain(
      'Interim Measures for the Administration of Cooperative Innovative Procurement Methods in Government Procurement \\[derived from prose\\]',
    );
  });

  it('a policy that a template brief also states is no longer marked prose', async () => {
    // The seed itself states the MOF policy in labelled lines, under the same title and date.
    await importFiles(testExecutor(driver), [seed]);
    const mof = await q(
      "MATCH (p:Policy)-[:ISSUED_BY]->(:Agency {id: 'agency:MOF'}) WHERE p.date = date('2024-04-26') RETURN DISTINCT p.extraction AS extraction, COUNT { (p)-[:IN_BRIEF]->() } AS briefs",
    );
    expect(mof).toEqual([{ extraction: null, briefs: 2 }]);
    const edges = await q(
      "MATCH (p:Policy)-[i:ISSUED_BY]->(:Agency {id: 'agency:MOF'}) WHERE p.date = date('2024-04-26') RETURN i.brief AS brief, i.extraction AS extraction ORDER BY brief",
    );
    expect(edges).toEqual([
      { brief: path.basename(seed, '.txt'), extraction: null },
      { brief: briefId(), extraction: 'prose' },
    ]);
    // Importing the earlier-layout brief again does not mark it back.
    await importFiles(testExecutor(driver), [file]);
    expect(
      await q("MATCH (p:Policy)-[:ISSUED_BY]->(:Agency {id: 'agency:MOF'}) WHERE p.date = date('2024-04-26') RETURN DISTINCT p.extraction AS extraction"),
    ).toEqual([{ extraction: null }]);
  });
});
