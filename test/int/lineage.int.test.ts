import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { Executor } from '../../server/graph/executor.js';
import { importFiles } from '../../server/import/importer.js';
import { fromRoot } from '../../server/paths.js';
import { applySchema } from '../../server/graph/schema.js';
import { removeDuplicateLineage } from '../../server/lineage/backfill.js';
import { lineageKey } from '../../server/lineage/keys.js';
import { applyCorrection } from '../../server/curation/apply.js';
import { seedGraph, testDriver } from '../helpers/db.js';

/**
 * Issue 27, lineage across briefs: a draft in one brief and its final version in a later one are
 * joined at import; the same document named in a second brief is one node with both briefs.
 */
const TALENT = '工业和信息化部关于开展增值电信业务扩大对外开放试点工作的通告';
const brief = (date: string, topics: string, writeUps: string, news: string) => `MERICS China Industries
${date}

${topics}

MERICS Top 5

${writeUps}
Noteworthy

Policy news

${news}

Corporate news

  • ${date.split(',')[0]!.replace(/^(\w)(\w+)/, (_, a: string, b: string) => a + b.toLowerCase())}: Zhiyuan Dynamics opened a robot factory in Shanghai (Yicai article)
`;

const DRAFT = brief(
  'APRIL 20, 2023',
  'Generative AI + Chips + Batteries',
  `1. Rules for chatbots: Regulator drafts measures for generative AI

At a glance: The Cyberspace Administration of China (CAC) released draft measures for generative artificial intelligence services for public comment.

MERICS comment: The draft sets a high bar for training data.

Article: Measures for the Administration of Generative Artificial Intelligence Services (Draft for Comments) (生成式人工智能服务管理办法（征求意见稿）) (Link)
Issuing body: CAC
Date: April 11, 2023
`,
  '  • April 12: The MIIT held a meeting on chip supply chains with industry associations (MIIT notice)',
);

const FINAL = brief(
  'AUGUST 10, 2023',
  'Generative AI + Telecoms + Ports',
  `1. Rules for chatbots, final: Seven bodies adopt measures for generative AI

At a glance: The Cyberspace Administration of China (CAC) and six other agencies released the final version of the measures for generative artificial intelligence services.

MERICS comment: The final version is softer than the draft.

Article: Measures for the Administration of Generative Artificial Intelligence Services
Issuing bodies: CAC, NDRC, MIIT
Date: July 10, 2023

2. Telecoms again: The pilot on foreign ownership is extended

At a glance: The MIIT extended its pilot program to open up value-added telecommunications services.

Article: Notice on Launching a Pilot Program to Expand the Opening Up of Value-Added Telecommunications Services (${TALENT}) (Link)
Issuing body: MIIT
Date: April 10, 2024

3. Following through: Rules for the telecoms pilot

At a glance: The MIIT issued rules for foreign-invested telecoms firms to implement the “Notice on Launching a Pilot Program to Expand the Opening Up of Value-Added Telecommunications Services” in four cities.

Article: Rules for Foreign-Invested Value-Added Telecommunications Pilot Enterprises
Issuing body: MIIT
Date: June 1, 2024
`,
  `  • July 28: The MIIT held a meeting on port automation with provincial officials (MIIT notice)
  • July 30: Officials of the CAC met chatbot providers in Beijing to discuss the “Measures for the Administration of Generative Artificial Intelligence Services” (CAC notice)`,
);

let driver: Driver;
let executor: Executor;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-lineage-'));
const draftFile = path.join(tmp, '900_lineage_draft.txt');
const finalFile = path.join(tmp, '901_lineage_final.txt');
const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());
const importOk = async (files: string[]) => {
  const outcomes = await importFiles(executor, files);
  expect(outcomes.filter((o) => !o.ok)).toEqual([]);
};

beforeAll(async () => {
  driver = testDriver();
  executor = await seedGraph(driver);
  fs.writeFileSync(draftFile, DRAFT);
  fs.writeFileSync(finalFile, FINAL);
});
afterAll(async () => {
  await driver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const LINKS = `MATCH (f:Policy)-[r:FINAL_VERSION_OF]->(d:Policy) RETURN f.title AS final, d.title AS draft, d.status AS status, r.rule AS rule, r.brief AS brief, r.evidence AS evidence`;

describe('lineage across briefs', () => {
  it('joins a draft in one brief to its final version in a later one, with the rule and both titles as evidence', async () => {
    await importOk([draftFile]);
    expect(await q(LINKS)).toEqual([]);
    await importOk([finalFile]);
    const links = await q(LINKS);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      final: 'Measures for the Administration of Generative Artificial Intelligence Services',
      draft: 'Measures for the Administration of Generative Artificial Intelligence Services (Draft for Comments)',
      status: 'draft',
      rule: 'same-title-draft-and-final',
      brief: '901_lineage_final',
    });
    expect(String(links[0]!.evidence)).toContain('2023-04-11');
  });

  it('keeps one link through a re-import of either brief', async () => {
    await importOk([finalFile]);
    await importOk([draftFile]);
    expect(await q(LINKS)).toHaveLength(1);
  });

  it('does not join the seeds among themselves by accident', async () => {
    expect(await q(`MATCH (a:Policy)-[r:FINAL_VERSION_OF|REVISES|IMPLEMENTS]->(b:Policy) WHERE NOT r.brief STARTS WITH '90' RETURN a.title, b.title`)).toEqual(
      [],
    );
  });

  it('joins a policy issued to implement a plan, and a news line that cites a policy without announcing one, each with its sentence', async () => {
    const implementing = await q(
      `MATCH (p:Policy)-[r:IMPLEMENTS]->(plan:Policy) RETURN p.title AS policy, plan.titleZh AS plan, r.rule AS rule, r.evidence AS evidence, r.brief AS brief`,
    );
    expect(implementing).toEqual([
      expect.objectContaining({
        policy: 'Rules for Foreign-Invested Value-Added Telecommunications Pilot Enterprises',
        plan: TALENT,
        rule: 'sentence-implements',
        brief: '901_lineage_final',
      }),
    ]);
    expect(String(implementing[0]!.evidence)).toContain('to implement the “Notice on Launching');
    const cites = await q(`MATCH (n:NewsItem)-[r:CITES_POLICY]->(p:Policy) RETURN n.text AS text, p.title AS policy, p.status AS status, r.rule AS rule`);
    expect(cites).toEqual([
      expect.objectContaining({
        policy: 'Measures for the Administration of Generative Artificial Intelligence Services',
        status: 'final',
        rule: 'quoted-title',
      }),
    ]);
    // The meeting makes no policy of its own.
    expect(await q(`MATCH (n:NewsItem)-[:ANNOUNCES]->(p) WHERE n.text CONTAINS 'met chatbot providers' RETURN p.id`)).toEqual([]);
  });

  it('the saved query policy-lineage lists a draft and its final version in date order', async () => {
    const cypher = fs.readFileSync(fromRoot('cypher/queries/policy-lineage.cypher'), 'utf8');
    const [draft] = await q(`MATCH (d:Policy {status: 'draft'}) WHERE d.title STARTS WITH 'Measures for the Administration of Generative' RETURN d.id AS id`);
    const rows = await q(cypher, { policy: draft!.id });
    expect(rows.map((r) => [r.status, r.link, r.rule])).toEqual([
      ['draft', null, null],
      ['final', 'FINAL_VERSION_OF', 'same-title-draft-and-final'],
    ]);
  });

  it('the same plan named in a second brief is one node with both briefs as provenance', async () => {
    const rows = await q(
      `MATCH (p:Policy) WHERE p.titleZh CONTAINS $zh OPTIONAL MATCH (b:Brief)-[:COVERS]->(p) RETURN p.id AS id, COLLECT { MATCH (p)-[:IN_BRIEF]->(x) RETURN substring(x.id, 6) } AS briefs, collect(b.id) AS covered`,
      { zh: TALENT },
    );
    expect(rows).toHaveLength(1);
    expect([...(rows[0]!.briefs as string[])].sort()).toEqual(['001_1d74fb64a44c94fe', '901_lineage_final']);
    expect([...(rows[0]!.covered as string[])].sort()).toEqual(['brief:001_1d74fb64a44c94fe', 'brief:901_lineage_final']);
  });

  it('keys at start-up the policies imported before policies had a lineage key, so a later final version still finds its draft', async () => {
    // As a graph of an earlier version: no policy keyed, no link made.
    await q(`MATCH (p:Policy) REMOVE p.titleKey, p.editionMark`);
    await q(`MATCH ()-[r:FINAL_VERSION_OF]->() DELETE r`);
    await applySchema(executor);
    const policies = await q(`MATCH (p:Policy) RETURN p.title AS title, p.titleKey AS key`);
    expect(policies.length).toBeGreaterThan(5);
    expect(policies.filter((p) => p.key !== lineageKey(String(p.title)))).toEqual([]);
    // Only the final brief is imported again: the draft is found by the key set at start-up.
    await importOk([finalFile]);
    expect(await q(LINKS)).toEqual([expect.objectContaining({ status: 'draft', rule: 'same-title-draft-and-final', brief: '901_lineage_final' })]);
  });
});

/** A brief with one write-up: `title`, issued by `bodies` (the first leads), dated `date`. */
const oneDoc = (briefDate: string, title: string, bodies: string, date: string, topic = 'Robots') =>
  brief(
    briefDate,
    `${topic} + Chips + Ports`,
    `1. ${topic}: A document on ${topic.toLowerCase()}

At a glance: The government issued a document on ${topic.toLowerCase()}.

Article: ${title}
Issuing bod${bodies.includes(',') ? 'ies' : 'y'}: ${bodies}
Date: ${date}
`,
    `  • ${briefDate.split(' ')[0]!.charAt(0) + briefDate.split(' ')[0]!.slice(1).toLowerCase()} 2: The MIIT held a meeting on chip supply chains with industry associations (MIIT notice)`,
  );

describe('lineage when issuers or links change after both policies are in the graph (issue 28)', () => {
  const file = (name: string, text: string) => {
    const f = path.join(tmp, `${name}.txt`);
    fs.writeFileSync(f, text);
    return f;
  };
  const linksOf = (key: string) =>
    q(
      `MATCH (l:Policy {titleKey: $key})-[r:FINAL_VERSION_OF|REVISES]->(e:Policy) RETURN l.status AS later, e.status AS earlier, type(r) AS type, r.brief AS brief ORDER BY brief`,
      { key },
    );

  it('links a draft and a final version whose issuers overlap only once a later brief adds an issuer to one of them', async () => {
    const key = lineageKey('Measures on Industrial Robot Safety');
    await importOk([
      file('910_robots_draft', oneDoc('JANUARY 10, 2024', 'Measures on Industrial Robot Safety (Draft for Comments)', 'MIIT', 'January 5, 2024')),
    ]);
    await importOk([file('911_robots_final', oneDoc('MARCH 10, 2024', 'Measures on Industrial Robot Safety', 'NDRC', 'March 5, 2024'))]);
    // Other issuers: no link.
    expect(await linksOf(key)).toEqual([]);
    // The final version again, now issued by NDRC and MIIT: the same policy, with an issuer it lacked.
    await importOk([file('912_robots_final_again', oneDoc('MAY 10, 2024', 'Measures on Industrial Robot Safety', 'NDRC, MIIT', 'March 5, 2024'))]);
    expect(await linksOf(key)).toEqual([{ later: 'final', earlier: 'draft', type: 'FINAL_VERSION_OF', brief: '912_robots_final_again' }]);
  });

  it('links them the same way when the draft is the one that gains the issuer', async () => {
    const key = lineageKey('Guidelines on Smart Port Construction');
    const title = 'Guidelines on Smart Port Construction';
    await importOk([file('913_ports_final', oneDoc('JANUARY 12, 2024', title, 'NDRC', 'January 8, 2024', 'Ports'))]);
    await importOk([file('914_ports_draft', oneDoc('MARCH 12, 2024', `${title} (Draft for Comments)`, 'MIIT', 'March 8, 2024', 'Ports'))]);
    expect(await linksOf(key)).toEqual([]);
    await importOk([file('915_ports_draft_again', oneDoc('MAY 12, 2024', `${title} (Draft for Comments)`, 'MIIT, NDRC', 'March 8, 2024', 'Ports'))]);
    expect(await linksOf(key)).toEqual([{ later: 'final', earlier: 'draft', type: 'FINAL_VERSION_OF', brief: '915_ports_draft_again' }]);
  });

  it('a pair whose link a re-import took away is linked again by the next brief that states either policy, as before', async () => {
    const title = 'Regulations on Hydrogen Vehicle Subsidies';
    const key = lineageKey(title);
    await importOk([file('920_hydrogen_draft', oneDoc('JANUARY 20, 2024', `${title} (Draft for Comments)`, 'MIIT', 'January 11, 2024', 'Hydrogen'))]);
    const carrier = file('921_hydrogen_final', oneDoc('MARCH 20, 2024', title, 'MIIT', 'March 11, 2024', 'Hydrogen'));
    await importOk([carrier]);
    await importOk([file('922_hydrogen_final_again', oneDoc('APRIL 20, 2024', title, 'MIIT', 'March 11, 2024', 'Hydrogen'))]);
    expect(await linksOf(key)).toEqual([{ later: 'final', earlier: 'draft', type: 'FINAL_VERSION_OF', brief: '921_hydrogen_final' }]);
    // The brief that made the link, corrected: it no longer names the final version. The link
    // goes with it; both policies stay (other briefs state them).
    fs.writeFileSync(carrier, oneDoc('MARCH 20, 2024', 'Plan for Offshore Wind Power', 'NDRC', 'March 11, 2024', 'Hydrogen'));
    await importOk([carrier]);
    expect(await linksOf(key)).toEqual([]);
    // The draft stated again, unchanged: its pair is looked at again, and linked as before.
    await importOk([file('923_hydrogen_draft_again', oneDoc('MAY 20, 2024', `${title} (Draft for Comments)`, 'MIIT', 'January 11, 2024', 'Hydrogen'))]);
    expect(await linksOf(key)).toEqual([{ later: 'final', earlier: 'draft', type: 'FINAL_VERSION_OF', brief: '923_hydrogen_draft_again' }]);
  });

  it('a correction that gives a policy an issuer its pair shares: the next brief stating either of them links them, as before', async () => {
    const title = 'Opinions on Industrial Internet Platforms';
    const key = lineageKey(title);
    await importOk([file('930_platforms_draft', oneDoc('JANUARY 25, 2024', `${title} (Draft for Comments)`, 'MIIT', 'January 14, 2024', 'Platforms'))]);
    await importOk([file('931_platforms_final', oneDoc('MARCH 25, 2024', title, 'NDRC', 'March 14, 2024', 'Platforms'))]);
    expect(await linksOf(key)).toEqual([]);
    const [ids] = await q(
      `MATCH (d:Policy {titleKey: $key, status: 'draft'})-[:ISSUED_BY]->(a:Agency), (f:Policy {titleKey: $key, status: 'final'}) RETURN f.id AS final, a.id AS agency`,
      { key },
    );
    // The analyst adds the draft's issuer to the final version. No import runs lineage here.
    await executor.write((tx) =>
      applyCorrection(tx, {
        id: 'c-lineage2-a1b2c3',
        at: '2026-12-06T12:00:00.000Z',
        kind: 'link',
        from: String(ids!.final),
        type: 'ISSUED_BY',
        to: String(ids!.agency),
        note: 'co-issued',
      }),
    );
    expect(await linksOf(key)).toEqual([]);
    // The draft stated again, unchanged: its pair with the corrected final version is looked at.
    await importOk([file('932_platforms_draft_again', oneDoc('MAY 25, 2024', `${title} (Draft for Comments)`, 'MIIT', 'January 14, 2024', 'Platforms'))]);
    expect(await linksOf(key)).toEqual([{ later: 'final', earlier: 'draft', type: 'FINAL_VERSION_OF', brief: '932_platforms_draft_again' }]);
  });
  it('makes one link for a pair that one import transaction states both policies of', async () => {
    const synthesis = (date: string, title: string, issuers: string, issued: string) =>
      brief(
        date,
        'Deep synthesis + Chips',
        `1. Deep synthesis: Rules for synthetic media

At a glance: The Cyberspace Administration of China (CAC) released rules for deep synthesis services.

Article: ${title} (Link)
${issuers}
Date: ${issued}
`,
        `  • ${issued.split(',')[0]}: The MIIT held a meeting on chip design tools (MIIT notice)`,
      );
    const files = [path.join(tmp, '910_synthesis_draft.txt'), path.join(tmp, '911_synthesis_final.txt')];
    fs.writeFileSync(
      files[0]!,
      synthesis('FEBRUARY 2, 2022', 'Provisions on Deep Synthesis Internet Information Services (Draft for Comments)', 'Issuing body: CAC', 'January 28, 2022'),
    );
    fs.writeFileSync(
      files[1]!,
      synthesis('DECEMBER 15, 2022', 'Provisions on Deep Synthesis Internet Information Services', 'Issuing bodies: CAC, MIIT', 'November 25, 2022'),
    );
    // One call, one transaction: each policy's row meets the other.
    await importOk(files);
    const links = await q(
      `MATCH (f:Policy)-[r:FINAL_VERSION_OF]->(d:Policy) WHERE f.title CONTAINS 'Deep Synthesis' RETURN d.title AS draft, r.brief AS brief`,
    );
    expect(links).toEqual([{ draft: 'Provisions on Deep Synthesis Internet Information Services (Draft for Comments)', brief: '910_synthesis_draft' }]);

    // A graph imported before: the pair linked once per row. The server's next start keeps the first brief's.
    await q(
      `MATCH (f:Policy)-[r:FINAL_VERSION_OF]->(d:Policy) WHERE f.title CONTAINS 'Deep Synthesis' CREATE (f)-[x:FINAL_VERSION_OF]->(d) SET x = properties(r), x.brief = '911_synthesis_final'`,
    );
    await removeDuplicateLineage(executor);
    expect(
      await q(
        `MATCH (f:Policy)-[r:FINAL_VERSION_OF|REVISES]->(d:Policy) WITH f, d, type(r) AS t, collect(r.brief) AS briefs WHERE size(briefs) > 1 RETURN briefs`,
      ),
    ).toEqual([]);
    expect(await q(`MATCH (f:Policy)-[r:FINAL_VERSION_OF]->(d:Policy) WHERE f.title CONTAINS 'Deep Synthesis' RETURN r.brief AS brief`)).toEqual([
      { brief: '910_synthesis_draft' },
    ]);
  });

  it('re-keys at start-up the policies whose lineage key the importer before issue 28 cut at 70 characters, and drops the links the cut made', async () => {
    const office = 'Notice of the General Office of the Ministry of Industry and Information Technology on';
    const pilot = `${office} Carrying out the Pilot Program for Smart Factories`;
    const hydrogen = `${office} Issuing the Guidelines for Hydrogen Standards`;
    await importOk([
      file('930_pilot_draft', oneDoc('JANUARY 25, 2024', `${pilot} (Draft for Comments)`, 'MIIT', 'January 15, 2024', 'Factories')),
      file('931_pilot_final', oneDoc('MARCH 25, 2024', pilot, 'MIIT', 'March 15, 2024', 'Factories')),
      file('932_hydrogen_final', oneDoc('APRIL 25, 2024', hydrogen, 'MIIT', 'April 15, 2024', 'Hydrogen')),
    ]);
    const pairs = `MATCH (l:Policy)-[r:FINAL_VERSION_OF|REVISES]->(e:Policy) WHERE l.title STARTS WITH $office RETURN l.title AS later, e.title AS earlier ORDER BY later`;
    const linked = [{ later: pilot, earlier: `${pilot} (Draft for Comments)` }];
    expect(await q(pairs, { office })).toEqual(linked);

    // As the earlier importer left it: all three keyed by their first 70 characters, and the
    // hydrogen notice linked as the pilot draft's final version.
    const cut = lineageKey(pilot).slice(0, 70);
    expect(lineageKey(hydrogen).slice(0, 70)).toBe(cut);
    await q(`MATCH (p:Policy) WHERE p.title STARTS WITH $office SET p.titleKey = $cut`, { office, cut });
    await q(
      `MATCH (h:Policy {title: $hydrogen}), (d:Policy {title: $draft}) CREATE (h)-[:FINAL_VERSION_OF {rule: 'same-title-draft-and-final', brief: '932_hydrogen_final', line: 1}]->(d)`,
      { hydrogen, draft: `${pilot} (Draft for Comments)` },
    );
    expect(await q(pairs, { office })).toHaveLength(2);

    await applySchema(executor);
    const keys = await q(`MATCH (p:Policy) WHERE p.title STARTS WITH $office RETURN p.title AS title, p.titleKey AS key`, { office });
    expect(keys.filter((p) => p.key !== lineageKey(String(p.title)))).toEqual([]);
    expect(await q(pairs, { office })).toEqual(linked);
  });
});
