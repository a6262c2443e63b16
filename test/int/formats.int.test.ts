import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema } from '../../server/graph/schema.js';
import { importFiles } from '../../server/import/importer.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { cutInHalf, printableHtml, printPdfs, savedWebPage } from '../helpers/briefFixtures.js';
import { clearGraph, countGraph, seedGraph, testDriver, testExecutor } from '../helpers/db.js';

/**
 * Briefs as analysts receive them, made from the seeds at test time: printed to PDF by Chromium,
 * saved as web pages, cut in half, copied under another name. Each must give the graph the text
 * gives, and a copy must replace its brief instead of adding a second one.
 */

const seeds = listBriefFiles([fromRoot('seeds')]);
const idOf = (file: string) => path.basename(file).replace(/\.\w+$/, '');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formats-int-'));
const sub = (name: string) => {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  return path.join(dir, name);
};
let driver: Driver;

beforeAll(async () => {
  driver = testDriver();
  const pdfs = sub('pdf');
  const html = sub('html');
  const pages = seeds.map((f) => ({ text: fs.readFileSync(f, 'utf8'), id: idOf(f) }));
  for (const p of pages) fs.writeFileSync(path.join(html, `${p.id}.html`), savedWebPage(p.text, 'MERICS China Industries'));
  await printPdfs(pages.map((p) => ({ html: printableHtml(p.text, p.id), out: path.join(pdfs, `${p.id}.pdf`) })));
});

afterAll(async () => {
  await driver?.close();
});

const run = promisify(execFile);

/** `npm run import -- <folder> --dry-run --json OUT`, as a user runs it. */
async function dryRun(folder: string): Promise<{ nodes: Node[]; relationships: Rel[] }> {
  const out = path.join(dir, `${path.basename(folder)}.json`);
  await run(process.execPath, ['--import', 'tsx', fromRoot('server/import/cli.ts'), folder, '--dry-run', '--json', out], {
    cwd: fromRoot(),
    env: { ...process.env, BRIEF_TIME_BUDGET_MS: '60000' },
  });
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}
interface Node {
  id: string;
  label: string;
  properties: Record<string, unknown>;
}
interface Rel {
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

/**
 * What must not depend on the format: everything but where a fact sits in the file (line, page,
 * the file's name and format) and the unclean source text (`raw`), with runs of spaces as one
 * (a page lays out text, it does not keep double spaces).
 */
const LAYOUT = new Set(['line', 'page', 'headingLine', 'source', 'format', 'raw']);
const same = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : Array.isArray(v) ? v.map(same) : v);
const props = (p: Record<string, unknown>) =>
  JSON.stringify(
    Object.entries(p)
      .filter(([k]) => !LAYOUT.has(k))
      .map(([k, v]) => [k, same(v)])
      .sort(),
  );
const comparable = (g: { nodes: Node[]; relationships: Rel[] }) => ({
  nodes: g.nodes.map((n) => `${n.label} ${n.id} ${props(n.properties)}`).sort(),
  relationships: g.relationships.map((r) => `${r.type} ${r.source} ${r.target} ${props(r.properties)}`).sort(),
});

describe('PDF and saved web page imports', () => {
  it('give the same graph as the text for every seed (dry run), with the PDF page of each fact', async () => {
    const [text, pdf, html] = await Promise.all([dryRun(fromRoot('seeds')), dryRun(path.join(dir, 'pdf')), dryRun(path.join(dir, 'html'))]);
    expect(text.nodes.length).toBeGreaterThan(250);
    expect(comparable(pdf)).toEqual(comparable(text));
    expect(comparable(html)).toEqual(comparable(text));
    expect(pdf.nodes.filter((n) => n.label === 'Brief').map((n) => n.properties.format)).toEqual(Array(5).fill('pdf'));
    expect(html.nodes.filter((n) => n.label === 'Brief').map((n) => n.properties.format)).toEqual(Array(5).fill('html'));
    // Every fact from a PDF says its page; a brief of several pages spreads its facts over them.
    expect(pdf.relationships.every((r) => Number.isInteger(r.properties.page) && (r.properties.page as number) >= 1)).toBe(true);
    expect(new Set(pdf.relationships.map((r) => r.properties.page)).size).toBeGreaterThan(3);
    expect(html.relationships.some((r) => 'page' in r.properties)).toBe(false);
  });
});

describe('one brief, one identity (real Neo4j)', () => {
  it('a copy under another name or format replaces its brief; a different brief with the same title is kept apart', async () => {
    const executor = await seedGraph(driver);
    const before = await countGraph(driver);
    const copies = sub('copies');
    const copy = path.join(copies, 'copy-of-march-brief.txt');
    fs.copyFileSync(seeds[0]!, copy);
    const pdf = path.join(copies, 'china-industries-april-2024.pdf');
    fs.copyFileSync(path.join(dir, 'pdf', `${idOf(seeds[1]!)}.pdf`), pdf);

    const outcomes = await importFiles(executor, [copy, pdf]);
    expect(outcomes.map((o) => [o.ok, o.brief, o.sameAs])).toEqual([
      [true, idOf(seeds[0]!), path.basename(seeds[0]!)],
      [true, idOf(seeds[1]!), path.basename(seeds[1]!)],
    ]);
    expect(await countGraph(driver)).toEqual(before);
    const brief = await driver.executeQuery('MATCH (b:Brief {id: $id}) RETURN b.format AS format, b.source AS source', { id: `brief:${idOf(seeds[1]!)}` });
    expect(brief.records.map((r) => [r.get('format'), r.get('source')])).toEqual([['pdf', 'china-industries-april-2024.pdf']]);
    const paged = await driver.executeQuery('MATCH ()-[r:ISSUED_BY {brief: $brief}]->() RETURN count(r) AS all, count(r.page) AS paged', {
      brief: idOf(seeds[1]!),
    });
    expect(Number(paged.records[0]!.get('paged'))).toBe(Number(paged.records[0]!.get('all')));

    // Seed 000's title (its topics) over seed 003's write-ups and news: same title, other content.
    const [head] = fs.readFileSync(seeds[0]!, 'utf8').split('MERICS Top 5');
    const [, body] = fs.readFileSync(seeds[3]!, 'utf8').split('MERICS Top 5');
    const other = path.join(copies, 'other-brief-same-title.txt');
    fs.writeFileSync(other, `${head}MERICS Top 5${body}`);
    const [o] = await importFiles(executor, [other]);
    expect(o).toMatchObject({ ok: true, brief: 'other-brief-same-title' });
    expect(o!.sameAs).toBeUndefined();
    const briefs = await driver.executeQuery('MATCH (b:Brief) RETURN count(b) AS c');
    expect(Number(briefs.records[0]!.get('c'))).toBe(6);
  });

  it('a truncated brief imports its complete half, flagged where it stops; a truncated copy never replaces the complete brief', async () => {
    await clearGraph(driver);
    const executor = testExecutor(driver);
    await applySchema(executor);
    const cut = path.join(sub('cut'), 'partial-download.txt');
    const full = fs.readFileSync(seeds[3]!, 'utf8');
    const half = cutInHalf(full);
    fs.writeFileSync(cut, half);

    const [o] = await importFiles(executor, [cut]);
    const stop = half.trimEnd().split('\n').length;
    expect(o).toMatchObject({ ok: true, brief: 'partial-download', truncatedAtLine: stop });
    expect(o!.warnings).toContainEqual(expect.stringMatching(new RegExp(`^line ${stop}: the brief stops here, in the middle of a write-up`)));
    const b = await driver.executeQuery(
      'MATCH (b:Brief {id: "brief:partial-download"}) RETURN b.truncated AS t, b.truncatedAtLine AS at, COUNT { (b)-[:COVERS]->() } AS policies',
    );
    const complete = (half.match(/^Date:/gm) ?? []).length;
    expect(complete).toBeGreaterThan(0);
    expect([b.records[0]!.get('t'), Number(b.records[0]!.get('at')), Number(b.records[0]!.get('policies'))]).toEqual([true, stop, complete]);

    // The complete brief replaces the truncated copy; the truncated copy again is kept out.
    const [whole] = await importFiles(executor, [seeds[3]!]);
    expect(whole).toMatchObject({ ok: true, brief: 'partial-download', sameAs: 'partial-download.txt' });
    const afterWhole = await countGraph(driver);
    const [again] = await importFiles(executor, [cut]);
    expect(again).toMatchObject({ ok: true, kept: path.basename(seeds[3]!), nodes: 0 });
    expect(await countGraph(driver)).toEqual(afterWhole);
    const flags = await driver.executeQuery('MATCH (b:Brief) RETURN b.truncated AS t, count(*) AS c');
    expect(flags.records.map((r) => [r.get('t'), Number(r.get('c'))])).toEqual([[null, 1]]);
  });
});
