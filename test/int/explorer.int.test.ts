import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp, defaultAppOptions } from '../../server/api/app.js';
import { applySchema } from '../../server/graph/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { writeBrief } from '../../server/graph/writeBrief.js';
import { fromRoot } from '../../server/paths.js';
import { clearGraph, testDriver, testExecutor } from '../helpers/db.js';

// The visual explorer in real headless Chromium (Debian's package), against the app and the seeds.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const clientDir = fromRoot('dist/client');

let driver: Driver;
let server: Server;
let browser: Browser;
let page: Page;
let base: string;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  if (!fs.existsSync(`${clientDir}/index.html`)) {
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: fromRoot('.'), stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
  }
  driver = testDriver();
  await clearGraph(driver);
  const executor = testExecutor(driver);
  await applySchema(executor);
  await importFiles(executor, listBriefFiles([fromRoot('seeds')]));
  const app = createApp({ executor, options: { ...defaultAppOptions, clientDir } });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await driver?.close();
});

const canvasCount = (label?: string) =>
  page.evaluate((l) => (window as unknown as { policyGraph: { cy: { nodes(s?: string): { length: number } } } }).policyGraph.cy.nodes(l ? `[label = "${l}"]` : undefined).length, label);

describe('visual explorer', () => {
  it('search MIIT, expand it, open a policy and its evidence, run a saved query', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    expect(await page.locator('#empty').isVisible()).toBe(true);

    await page.fill('#search', 'MIIT');
    await page.waitForSelector('.search-result');
    expect(await page.locator('.search-result').first().innerText()).toContain('MIIT');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { policyGraph: { cy: { nodes(): { length: number } } } }).policyGraph.cy.nodes().length === 1);
    await page.waitForSelector('#details h2 >> text=MIIT');

    // The relationship report opens from the agency's details.
    const href = await page.locator('#report-link').getAttribute('href');
    expect(href).toBe('/api/reports/agency/agency%3AMIIT?format=html');
    const report = await browser.newPage();
    await report.goto(base + href);
    expect(await report.locator('h1').innerText()).toBe('MIIT: Ministry of Industry and Information Technology');
    await report.close();

    await page.click('#expand');
    await page.waitForFunction(() => (window as unknown as { policyGraph: { cy: { nodes(s: string): { length: number } } } }).policyGraph.cy.nodes('[label = "Policy"]').length >= 15, null, { timeout: 15_000 });
    expect(await canvasCount('Policy')).toBe(15);
    expect(page.url()).toContain('agency%3AMIIT');

    // Click a policy node where it is drawn on the canvas.
    await page.waitForTimeout(800); // layout animation
    const pos = await page.evaluate(() => {
      const cy = (window as unknown as { policyGraph: { cy: import('cytoscape').Core } }).policyGraph.cy;
      const n = cy.nodes('[label = "Policy"]').filter((x) => String(x.data('title')).startsWith('Implementation Plan for Improving Data Security')).first() as import('cytoscape').NodeSingular;
      const p = n.renderedPosition();
      const box = cy.container()!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(pos.x, pos.y);
    await page.waitForSelector('#details h2 >> text=Implementation Plan for Improving Data Security Capabilities in the Industrial Sector (2024-2026)');
    expect(await page.locator('#details .zh').innerText()).toBe('工业和信息化部关于印发《工业领域数据安全能力提升实施方案（2024-2026年）》的通知');
    const evidence = await page.locator('#details .evidence-text').allInnerTexts();
    expect(evidence).toContain('Issuing body: MIIT');
    expect(await page.locator('#details .evidence h4').first().innerText()).toContain('2024-03-06');

    await page.selectOption('#saved', 'draft-policies');
    await page.click('#run');
    await page.waitForSelector('#console-status >> text=/3 row\\(s\\)/');
    expect(await canvasCount()).toBeGreaterThan(16);

    await page.check('#as-table');
    await page.click('#run');
    await page.waitForSelector('#table-wrap table');
    expect(await page.locator('#table-wrap tbody tr').count()).toBe(3);

    fs.mkdirSync(fromRoot('test-results'), { recursive: true });
    await page.screenshot({ path: fromRoot('test-results/explorer.png') });
    expect(errors).toEqual([]);
  });

  it('shows Cypher errors inline and refuses writes', async () => {
    await page.uncheck('#as-table');
    await page.selectOption('#saved', '');
    await page.fill('#query', 'MATCH (n RETURN n');
    await page.press('#query', 'Control+Enter');
    await page.waitForSelector('#console-error >> text=/line 1, column 10/');
    await page.fill('#query', "CREATE (:Hack {id: 'x'})");
    await page.click('#run');
    await page.waitForSelector('#console-error >> text=/writes are refused/');
  });

  it('renders text from a hostile brief as text, never as HTML', async () => {
    const file = listBriefFiles([fromRoot('seeds')])[4]!;
    const evil = fs
      .readFileSync(file, 'utf8')
      .replace('Ethical Guidelines for Brain Computer Interface Research', 'Xssplan <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>');
    await writeBrief(testExecutor(driver), extractText(evil, 'hostile_brief.txt'));
    await page.fill('#search', 'Xssplan');
    await page.waitForSelector('.search-result >> text=/Xssplan/');
    expect(await page.locator('.search-result').first().innerText()).toContain('<img src=x');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#details h2 >> text=/Xssplan <img/');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#details img, #search-results img').count()).toBe(0);
  });

  it('reopens a shared link with the same nodes, and undo steps back', async () => {
    const url = page.url();
    const before = await canvasCount();
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await fresh.goto(url);
    await fresh.waitForFunction((n) => (window as unknown as { policyGraph: { cy: { nodes(): { length: number } } } }).policyGraph.cy.nodes().length === n, before, { timeout: 15_000 });
    await fresh.close();

    await page.click('#undo');
    expect(await canvasCount()).toBeLessThan(before);
  });

  it('lays out a 2,000-element neighbourhood (figure printed, not asserted)', async () => {
    const ms = await page.evaluate(async () => {
      const cy = (window as unknown as { policyGraph: { cy: import('cytoscape').Core } }).policyGraph.cy;
      cy.elements().remove();
      const nodes = [{ data: { id: 'hub', label: 'Agency', name: 'Hub', short: 'Hub', degree: 999 } }, ...Array.from({ length: 999 }, (_, i) => ({ data: { id: `n${i}`, label: i % 2 ? 'Policy' : 'NewsItem', name: `Item ${i}`, short: `Item ${i}`, degree: 1 } }))];
      const edges = Array.from({ length: 1000 }, (_, i) => ({ data: { id: `e${i}`, source: i < 999 ? `n${i}` : 'n0', target: i < 999 ? 'hub' : 'n1', type: 'ISSUED_BY' } }));
      const started = performance.now();
      cy.add([...nodes.map((n) => ({ group: 'nodes' as const, ...n })), ...edges.map((e) => ({ group: 'edges' as const, ...e }))]);
      await new Promise<void>((resolve) => {
        const layout = cy.layout({ name: 'fcose', randomize: true, animate: false, fit: true } as import('cytoscape').LayoutOptions);
        layout.one('layoutstop', () => resolve());
        layout.run();
      });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - started;
    });
    console.log(`explorer: 2,000 elements (1,000 nodes, 1,000 edges) added and laid out by fcose in ${(ms / 1000).toFixed(2)} s in headless Chromium`);
    fs.mkdirSync(fromRoot('test-results'), { recursive: true });
    fs.writeFileSync(fromRoot('test-results/render-2000.txt'), `${ms.toFixed(0)} ms\n`);
    await page.screenshot({ path: fromRoot('test-results/explorer-2000.png') });
    expect(await canvasCount()).toBe(1000);
  });

});
