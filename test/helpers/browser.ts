import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fromRoot } from '../../server/paths.js';

/** Debian's Chromium: no browser downloads work on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built explorer the app serves in the end-to-end tests. */
export const clientDir = fromRoot('dist/client');

/** Newest modification time under a folder, in ms. */
function newest(dir: string): number {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((t, e) => Math.max(t, fs.statSync(`${e.parentPath}/${e.name}`).mtimeMs), 0);
}

/**
 * Checks for Chromium and builds the explorer when no build is there yet or the client changed
 * since: a stale bundle would test yesterday's explorer.
 */
export function prepareExplorer(): void {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  const built = fs.existsSync(`${clientDir}/index.html`) ? fs.statSync(`${clientDir}/index.html`).mtimeMs : 0;
  if (built < newest(fromRoot('client'))) {
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: fromRoot('.'), stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
  }
}

/** The app on a free local port; `base` is its address. */
export async function listen(app: Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * How long a page's waits and actions wait without a timeout of their own. Playwright's 30 s is
 * a budget a loaded machine reaches: follow-e2e's watch-list test took 13 s quiet and 46 s in a
 * loaded run for its nine waits. A wait that ends when its condition holds loses nothing by a
 * longer one; the test timeouts (vitest.config.ts) still end a hang.
 */
const WAIT_MS = 120_000;

/** Headless Chromium with one page at a laptop's size; every page it opens waits up to WAIT_MS. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    // The context's, so a popup or a second page of it waits as long.
    page.context().setDefaultTimeout(WAIT_MS);
    return page;
  };
  return { browser, page: await browser.newPage({ viewport: { width: 1280, height: 800 } }) };
}
