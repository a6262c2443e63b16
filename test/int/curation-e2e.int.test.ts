import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { Browser, Page } from 'playwright-core';
import { createApp, defaultAppOptions } from '../../server/api/app.js';
import { CorrectionLog } from '../../server/curation/log.js';
import { fromRoot } from '../../server/paths.js';
import { clientDir, listen, openBrowser, prepareExplorer } from '../helpers/browser.js';
import { seedGraph, testDriver } from '../helpers/db.js';
import { SEED_FACTS } from '../helpers/seedFacts.js';

// Correcting the graph from the explorer, in real headless Chromium (as explorer.int.test.ts).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-curation-e2e-'));
const log = new CorrectionLog(path.join(tmp, 'corrections.jsonl'));

let driver: Driver;
let server: Server;
let browser: Browser;
let page: Page;
let base: string;

beforeAll(async () => {
  prepareExplorer();
  driver = testDriver();
  const executor = await seedGraph(driver);
  const app = createApp({ executor, options: { ...defaultAppOptions, clientDir, viewsDir: path.join(tmp, 'views'), correctionLog: log } });
  ({ server, base } = await listen(app));
  await fetch(`${base}/api/search?q=Brilliance`);
  ({ browser, page } = await openBrowser());
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await driver?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Win = { policyGraph: { cy: { nodes(s?: string): { length: number; map<T>(f: (n: { id(): string; data(k: string): unknown }) => T): T[] } } } };
const companiesOnCanvas = () => page.evaluate(() => (window as unknown as Win).policyGraph.cy.nodes('[label = "Company"]').map((n) => n.id()));

async function addFromSearch(q: string, id: string) {
  await page.fill('#search', q);
  await page.waitForSelector(`.search-result[data-id="${id}"]`);
  await page.click(`.search-result[data-id="${id}"]`);
  await page.waitForSelector(`#details h2`);
}

describe('correcting the graph in the explorer', () => {
  it('merges two companies from the details panel: one node with both names, and undo from the Corrections panel', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await addFromSearch('BMW Brilliance', 'company:bmw-brilliance');
    await addFromSearch('Brilliance Auto', 'company:brilliance-auto');
    await page.waitForSelector('#details h2 >> text=Brilliance Auto');
    expect((await companiesOnCanvas()).sort()).toEqual(['company:bmw-brilliance', 'company:brilliance-auto']);

    await page.click('#merge-with');
    await page.fill('#merge-reason', 'the same joint venture');
    await page.fill('#merge-search', 'BMW Bril');
    await page.waitForSelector('.merge-candidate[data-id="company:bmw-brilliance"]');
    // The candidates are other companies only, never the node itself.
    expect(await page.locator('.merge-candidate[data-id="company:brilliance-auto"]').count()).toBe(0);
    await page.click('.merge-candidate[data-id="company:bmw-brilliance"]');
    // A candidate only proposes the merge (issue 30): nothing changes until it is confirmed.
    await page.waitForSelector('#merge-confirm');
    expect((await companiesOnCanvas()).sort()).toEqual(['company:bmw-brilliance', 'company:brilliance-auto']);
    expect(log.read().corrections).toEqual([]);
    await page.click('#merge-confirm');

    await page.waitForSelector('#details .correction-line');
    expect(await page.locator('#details .correction-line').innerText()).toMatch(
      /^corrected: merged from BMW Brilliance \(company:bmw-brilliance\) on \d{4}-\d{2}-\d{2}: the same joint venture$/,
    );
    expect(await companiesOnCanvas()).toEqual(['company:brilliance-auto']);
    const details = await page.locator('#details').innerText();
    expect(details).toContain('Brilliance Auto');
    expect(details).toContain('BMW Brilliance');
    // The merged node's relationships came along: its news item is linked to the kept node now.
    expect(details).toMatch(/MENTIONED_IN → .*SAMR|Mercedes/);
    fs.mkdirSync(fromRoot('test-results'), { recursive: true });
    await page.screenshot({ path: fromRoot('test-results/curation-merge.png') });

    // Search finds the kept node by the merged name.
    await page.fill('#search', 'BMW Brilliance');
    await page.waitForSelector('.search-result');
    expect(await page.locator('.search-result').first().getAttribute('data-id')).toBe('company:brilliance-auto');
    await page.fill('#search', '');

    await page.click('#corrections-open');
    await page.waitForSelector('#corrections-list li[data-status="applied"]');
    // Names, not ids (issue 20).
    expect(await page.locator('#corrections-list li[data-status="applied"]').innerText()).toMatch(/merge BMW Brilliance into Brilliance Auto/);
    await page.screenshot({ path: fromRoot('test-results/curation-panel.png') });
    await page.click('#corrections-list li[data-status="applied"] .undo-correction');
    await page.waitForSelector('#corrections-list li[data-status="undone"]');
    expect(log.read().corrections.map((c) => c.kind)).toEqual(['merge', 'undo']);
    const restored = await (await fetch(`${base}/api/nodes/company%3Abmw-brilliance`)).json();
    expect(restored.node.properties.name).toBe('BMW Brilliance');
    expect(errors).toEqual([]);
  });

  it('"Not a company" and "Wrong sector" hide the fact at once', async () => {
    await addFromSearch('Yahoo', 'company:yahoo');
    await page.waitForSelector('#details h2 >> text=Yahoo');
    await page.click('#reject-node');
    await page.fill('#reject-input', 'a news site');
    await page.click('#reject-confirm');
    await page.waitForSelector('#details >> text=is rejected');
    expect(await companiesOnCanvas()).not.toContain('company:yahoo');
    const hits = await (await fetch(`${base}/api/search?q=Yahoo`)).json();
    expect(hits.results.map((r: { id: string }) => r.id)).not.toContain('company:yahoo');

    // A policy and its sector, then the edge between them.
    const policy = SEED_FACTS.policy;
    await page.evaluate(async (id) => {
      const res = await fetch(`/api/nodes/${encodeURIComponent(id)}/neighbors?types=TARGETS`);
      const out = await res.json();
      (window as unknown as { policyGraph: { canvas: { merge(e: unknown): void } } }).policyGraph.canvas.merge(out.elements);
    }, policy);
    const edge = await page.evaluate(() =>
      (window as unknown as { policyGraph: { cy: { edges(s: string): { id(): string }[] & { length: number } } } }).policyGraph.cy
        .edges('[type = "TARGETS"][target = "sector:science-technology"]')[0]
        ?.id(),
    );
    expect(edge).toBeTruthy();
    await page.evaluate(
      (id) =>
        (window as unknown as { policyGraph: { cy: { getElementById(i: string): { emit(e: string): void } } } }).policyGraph.cy.getElementById(id!).emit('tap'),
      edge,
    );
    await page.waitForSelector('#reject-edge >> text=Wrong sector');
    await page.click('#reject-edge');
    await page.click('#reject-edge-confirm');
    await page.waitForSelector('#details >> text=the relationship is rejected');
    const after = await (await fetch(`${base}/api/nodes/${encodeURIComponent(policy)}/neighbors?types=TARGETS`)).json();
    expect(after.elements.edges.map((e: { data: { target: string } }) => e.data.target)).not.toContain('sector:science-technology');
  });

  it('likely duplicates (issue 30): the queue lists BMW / BMW Brilliance / Brilliance Auto; "not the same" removes a pair for good; a merge counts each news item once', async () => {
    await page.click('#clear');
    await page.click('#duplicates-open');
    await page.waitForSelector('#duplicates-list li.dup');
    const listed = () =>
      page.locator('#duplicates-list li.dup').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-a'), li.getAttribute('data-b')].sort().join(' + ')));
    const first = await listed();
    expect(first).toEqual(expect.arrayContaining(['company:bmw + company:bmw-brilliance', 'company:bmw-brilliance + company:brilliance-auto']));
    expect(await page.locator('#duplicates-list li.dup').first().getAttribute('data-label')).toBe('Company');
    const bmw = page.locator('#duplicates-list li.dup[data-a="company:bmw"][data-b="company:bmw-brilliance"]');
    expect(await bmw.locator('.dup-side').count()).toBe(2);
    expect(await bmw.locator('.dup-reasons li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: fromRoot('test-results/issue30-duplicates.png') });

    // Not the same: gone, and still gone when the queue is opened again (it is a correction).
    await bmw.locator('.dup-distinct').click();
    await page.waitForFunction(() => !document.querySelector('#duplicates-list li.dup[data-a="company:bmw"][data-b="company:bmw-brilliance"]'));
    await page.click('#duplicates-open');
    await page.waitForSelector('#duplicates-list li.dup');
    expect(await listed()).not.toContain('company:bmw + company:bmw-brilliance');
    expect(log.read().corrections.at(-1)).toMatchObject({ kind: 'distinct', a: 'company:bmw', b: 'company:bmw-brilliance' });

    // Merge from the queue: asks first, then folds BMW Brilliance into Brilliance Auto.
    const pair = page.locator('#duplicates-list li.dup[data-a="company:bmw-brilliance"][data-b="company:brilliance-auto"]');
    await pair.locator('.dup-keep-b').click();
    await pair.locator('.dup-merge-confirm').waitFor();
    expect(log.read().corrections.at(-1)!.kind).toBe('distinct');
    await pair.locator('.dup-merge-confirm').click();
    await page.waitForFunction(() => !document.querySelector('#duplicates-list li.dup[data-a="company:bmw-brilliance"]'));
    expect(log.read().corrections.at(-1)).toMatchObject({ kind: 'merge', keep: 'company:brilliance-auto', drop: 'company:bmw-brilliance' });
    // One mention per news item: in the details panel and in the report.
    const detail = await (await fetch(`${base}/api/nodes/company%3Abrilliance-auto`)).json();
    const mentions = detail.degree.find((d: { type: string }) => d.type === 'MENTIONED_IN').count;
    const report = await (await fetch(`${base}/api/reports/company/company%3Abrilliance-auto?format=json`)).json();
    expect(report.counts.mentions).toBe(mentions);
    const items = report.mentions.map((m: { id: string; citation: { brief: string } }) => `${m.id}@${m.citation.brief}`);
    expect(new Set(items).size).toBe(items.length);
    await addFromSearch('Brilliance Auto', 'company:brilliance-auto');
    await page.waitForSelector('#details h2 >> text=Brilliance Auto');
    expect(await page.locator('#details').innerText()).toContain(`MENTIONED_IN: ${mentions}`);
  });
});
