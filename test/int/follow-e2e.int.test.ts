import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { Browser, Page } from 'playwright-core';
import { createApp, defaultAppOptions } from '../../server/api/app.js';
import { recordImport } from '../../server/changes/history.js';
import { ChangeLog } from '../../server/changes/store.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { clientDir, listen, openBrowser, prepareExplorer } from '../helpers/browser.js';
import { emptyGraph, testDriver } from '../helpers/db.js';

// The explorer's side of issue 29: "since the last import", a watch-list with its unread count and
// feed, a trend chart in the details panel, and the compare view. Screenshots go to
// test-results/ (ignored by git) for a person to look at.
let driver: Driver;
let server: Server;
let browser: Browser;
let page: Page;
let base: string;
let tmp: string;
const shots = fromRoot('test-results');

beforeAll(async () => {
  prepareExplorer();
  driver = testDriver();
  const executor = await emptyGraph(driver);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-follow-'));
  const log = new ChangeLog(path.join(tmp, 'changes'));
  const seeds = listBriefFiles([fromRoot('seeds')]);
  const later = seeds.filter((f) => path.basename(f).startsWith('001_'));
  await recordImport(
    await importFiles(
      executor,
      seeds.filter((f) => !later.includes(f)),
    ),
    'seed',
    log,
  );
  await recordImport(await importFiles(executor, later), 'cli', log);
  const app = createApp({
    executor,
    options: { ...defaultAppOptions, clientDir, viewsDir: path.join(tmp, 'views'), changeLog: log, watchDir: path.join(tmp, 'watch') },
  });
  ({ server, base } = await listen(app));
  ({ browser, page } = await openBrowser());
  fs.mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await driver?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const nodeCount = () => page.evaluate(() => (window as unknown as { policyGraph: { cy: { nodes(): { length: number } } } }).policyGraph.cy.nodes().length);

describe('following the graph in the explorer', () => {
  it('shows what the last import added on the first view', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.waitForSelector('#since-import h3');
    expect(await page.locator('#since-import h3').innerText()).toBe('Since the last import');
    expect(await page.locator('#since-import [data-label="Policy"] li').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('watches Tesla from its details, counts the unread mention and opens the feed with its sentence', async () => {
    page.once('dialog', (d) => void d.accept('Cars'));
    await page.evaluate(() => (window as unknown as { policyGraph: unknown }).policyGraph);
    await page.fill('#search', 'Tesla');
    await page.waitForSelector('.search-result');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#details h2 >> text=Tesla');
    // The trend chart, drawn by the server, sits under the details.
    await page.waitForSelector('#details img.trend-chart[src^="data:image/svg+xml"]');
    await page.click('#watch');
    await page.waitForSelector('#watch-lists button[data-watch]');
    await page.waitForSelector('#watch-lists .unread:not([hidden])');
    expect(Number(await page.locator('#watch-lists .unread').innerText())).toBeGreaterThan(0);
    await page.click('#watch-lists button[data-watch]');
    await page.waitForSelector('#watch-feed .feed li');
    const text = await page.locator('#watch-feed').innerText();
    expect(text).toContain('Watch-list: Cars');
    expect(text).toMatch(/Tesla together with Chinese tech firm Baidu/);
    await page.locator('#watch-feed').screenshot({ path: path.join(shots, 'watch-list.png') });
    await page.click('#watch-feed menu button');
    // Opened once: nothing unread any more.
    await page.waitForSelector('#watch-lists .unread[hidden]', { state: 'attached' });
  });

  it('compares MIIT and NDRC from a selection', async () => {
    await page.click('#clear').catch(() => undefined);
    for (const name of ['MIIT', 'NDRC']) {
      await page.fill('#search', name);
      await page.waitForSelector(`.search-result >> text=${name}`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#details h2 >> text=${name}`);
    }
    expect(await nodeCount()).toBeGreaterThanOrEqual(2);
    await page.evaluate(() => {
      const cy = (window as unknown as { policyGraph: { cy: { $(s: string): { select(): void } } } }).policyGraph.cy;
      cy.$('node[id = "agency:MIIT"], node[id = "agency:NDRC"]').select();
    });
    await page.click('#compare-open');
    await page.waitForSelector('#compare table.compare');
    await page.waitForSelector('#compare img.compare-chart');
    const head = await page.locator('#compare h2').innerText();
    expect(head).toBe('Compare: MIIT · NDRC');
    // Each cell carries the sentence behind it.
    const titles = await page.locator('#compare table.compare td button').evaluateAll((b) => b.map((x) => x.getAttribute('title') ?? ''));
    expect(titles.filter((t) => t.startsWith('“')).length).toBeGreaterThan(4);
    await page.locator('#compare').screenshot({ path: path.join(shots, 'compare.png') });
  });
});
