/**
 * npm run bench:explorer [-- --runs 5]
 *
 * The explorer's worst everyday gesture on a large graph: expand the most connected agency,
 * company and sector (150 neighbours, as the Expand button asks) in headless Chromium, and time it
 * from the click to the last neighbour drawn in place (request, merge, grouping, placement and its
 * animation, one frame). The app runs in its own process against the configured or bundled Neo4j,
 * like bench:api; point it at bench:import's store for the large corpus:
 * NEO4J_LOCAL_DATA=.data/bench-neo4j NEO4J_LOCAL_PORT=7688.
 * The first expansion of each hub is uncached on the server; later ones come from its cache.
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../../server/config.js';
import { connectDatabase } from '../../server/db/connect.js';
import { openBrowser, prepareExplorer } from '../helpers/browser.js';
import { startAppProcess } from './app.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
type Cy = { nodes(s?: string): { length: number }; edges(): { length: number }; getElementById(id: string): { selected(): boolean } };
type Win = { policyGraph: { cy: Cy } };
const config = loadConfigOrExit();
const db = await connectDatabase(config);
const one = async (q: string) => (await db.driver.executeQuery(q, {}, { database: db.database })).records[0]!.toObject();
const hub = (label: string) =>
  one(`MATCH (n:${label}) RETURN n.id AS id, coalesce(n.acronym, n.name) AS name, COUNT { (n)--() } AS degree ORDER BY degree DESC, n.id LIMIT 1`);
const hubs = [await hub('Agency'), await hub('Company'), await hub('Sector')];
const { count } = await one('MATCH (b:Brief) RETURN count(b) AS count');

prepareExplorer();
const app = await startAppProcess(db.uri);
const { browser, page } = await openBrowser();

try {
  console.log(`Explorer benchmark: ${count} briefs; app at ${app.base}; headless Chromium 1280×800; ${runs} runs per hub.`);
  console.log('hub'.padEnd(34), 'degree'.padStart(7), 'first ms'.padStart(9), 'median ms'.padStart(10), 'max ms'.padStart(8), ' drawn');
  for (const h of hubs) {
    const times: number[] = [];
    let drawn = '';
    for (let i = 0; i < runs; i++) {
      await page.goto(app.base);
      await page.fill('#search', String(h.name));
      try {
        await page.locator(`.search-result[data-id="${String(h.id)}"]`).click({ timeout: 60_000 });
      } catch (err) {
        await page.screenshot({ path: 'test-results/explorer-bench-failed.png' });
        const shown = await page.locator('.search-result').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
        throw new Error(`${String(h.id)} not among the search results for "${String(h.name)}" (${shown.join(', ')}); screenshot in test-results/`, {
          cause: err,
        });
      }
      await page.waitForFunction((id) => (window as unknown as Win).policyGraph.cy.getElementById(id).selected(), String(h.id));
      // Started in the page, on the click itself; done when the canvas has grown and nothing moves.
      // No named functions inside: tsx would wrap them in a helper (__name) the page does not have.
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const cy = (window as unknown as Win).policyGraph.cy;
            const started = performance.now();
            (document.getElementById('expand') as HTMLButtonElement).click();
            const timer = setInterval(() => {
              if (cy.nodes().length < 2 || cy.nodes(':animated').length > 0) return;
              clearInterval(timer);
              requestAnimationFrame(() => resolve(performance.now() - started));
            }, 5);
          }),
      );
      times.push(ms);
      drawn = (await page.evaluate('`${window.policyGraph.cy.nodes().length} nodes, ${window.policyGraph.cy.edges().length} edges`')) as string;
    }
    const [first, ...rest] = times;
    const sorted = [...rest].sort((a, b) => a - b);
    console.log(
      `${String(h.id)} (${String(h.name)})`.slice(0, 34).padEnd(34),
      String(h.degree).padStart(7),
      first!.toFixed(0).padStart(9),
      (sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(0).padStart(10),
      Math.max(...times)
        .toFixed(0)
        .padStart(8),
      ` ${drawn}`,
    );
  }
} finally {
  await browser.close();
  await app.stop();
  await db.close();
}
