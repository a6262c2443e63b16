import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractedGraph, type ExtractedGraph } from '../../server/extract/schema.js';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import { earlierLayoutFrom, writeEarlierLayout, type EarlierLayoutBrief } from '../helpers/earlierLayout.js';

// Each seed brief rewritten, at test time, in the 2020–21 layout (test/helpers/earlierLayout.ts):
// no Article/Issuing body/Date lines, so every policy must be read from a sentence.
const seeds = listBriefFiles([fromRoot('seeds')]);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-earlier-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const lower = (s: string) => s.toLowerCase();

/** The policy the prose states for one expected write-up, found by its Chinese title. */
function policyFor(g: ExtractedGraph, e: EarlierLayoutBrief['expected'][number]) {
  const p = g.nodes.find((n) => n.label === 'Policy' && n.properties.titleZh === e.titleZh);
  if (!p) throw new Error(`no policy with the Chinese title of "${e.title}"`);
  const issued = g.relationships.filter((r) => r.type === 'ISSUED_BY' && r.source === p.id);
  return { p: p.properties, issued };
}

describe('a seed brief rewritten in the earlier layout', () => {
  // Spawns the CLI: tsx compiles the importer first, seconds on a loaded machine.
  it(
    'the dry-run (npm run import -- --dry-run --json) yields its policies with issuers, titles and dates, read from prose with the sentence as evidence',
    { timeout: 60_000 },
    () => {
      const { file, brief } = writeEarlierLayout(seeds[1]!, tmp);
      expect(brief.text).not.toMatch(/^(?:Article|Issuing bod(?:y|ies)|Date):/m);
      const out = path.join(tmp, 'dry.json');
      const r = spawnSync(path.join(fromRoot('node_modules/.bin'), 'tsx'), [fromRoot('server/import/cli.ts'), file, '--dry-run', '--json', out], {
        encoding: 'utf8',
        cwd: fromRoot(),
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const dump = JSON.parse(fs.readFileSync(out, 'utf8')) as { nodes: ExtractedGraph['nodes']; relationships: ExtractedGraph['relationships'] };
      const g = { brief: '', warnings: [], ...dump };
      const lines = brief.text.split('\n');

      // Write-up policies; the news lines' own policies are extraction 'news' (test/unit/news-policy.test.ts).
      expect(g.nodes.filter((n) => n.label === 'Policy' && n.properties.extraction !== 'news')).toHaveLength(brief.expected.length);
      for (const e of brief.expected) {
        const { p, issued } = policyFor(g, e);
        expect(p.extraction).toBe('prose');
        expect(p.date).toBe(e.date);
        expect(p.datePrecision).toBe(e.datePrecision === 'month' ? 'month' : undefined);
        expect(issued.map((x) => x.target)).toEqual(e.issuers);
        expect(p.issuersIncomplete).toBe(e.incomplete);
        // The title as prose states it: the seed's title, or (after "Version 2.0") the start of it.
        expect(lower(e.title).startsWith(lower(String(p.title)))).toBe(true);
        // Evidence: the sentence on the line it cites, which states the title it gave.
        for (const x of [p, ...issued.map((i) => i.properties)]) {
          expect(lines[Number(x.line) - 1]).toContain(String(x.evidence));
          expect(lower(String(x.evidence))).toContain(lower(String(p.title)));
        }
        expect(issued.every((i) => i.properties.extraction === 'prose')).toBe(true);
      }
      const briefNode = g.nodes.find((n) => n.label === 'Brief')!;
      expect(briefNode.properties).toMatchObject({ layout: 'prose', date: brief.month, dateStated: true });
    },
  );

  it.each(seeds.map((f) => [path.basename(f), f]))(
    '%s: every write-up becomes a prose policy, the news keep their dates and mostly their kind',
    (_name, seed) => {
      const brief = earlierLayoutFrom(seed);
      const g = extractText(brief.text, 'earlier.txt');
      expect(extractedGraph.safeParse(g).error).toBeUndefined();
      // Write-up policies; the news lines' own policies are extraction 'news' (test/unit/news-policy.test.ts).
      expect(g.nodes.filter((n) => n.label === 'Policy' && n.properties.extraction !== 'news')).toHaveLength(brief.expected.length);
      for (const e of brief.expected) {
        const { p, issued } = policyFor(g, e);
        expect([p.date, issued.map((x) => x.target)]).toEqual([e.date, e.issuers]);
        expect(lower(e.title).startsWith(lower(String(p.title)))).toBe(true);
      }
      const news = g.nodes.filter((n) => n.label === 'NewsItem');
      expect(news.map((n) => n.properties.date)).toEqual(brief.news.map((n) => n.date));
      // "In other news" has no policy/corporate sub-headings: the kind is read from the subject.
      expect(news.every((n) => n.properties.kindInferred === true)).toBe(true);
      const agree = news.filter((n, i) => n.properties.kind === brief.news[i]!.kind).length;
      expect(agree / news.length).toBeGreaterThanOrEqual(0.85);
    },
  );

  it('titles: 24 of the 25 seed policies read back whole from prose', () => {
    let exact = 0;
    for (const seed of seeds) {
      const brief = earlierLayoutFrom(seed);
      const g = extractText(brief.text, 'earlier.txt');
      for (const e of brief.expected) if (lower(String(policyFor(g, e).p.title)) === lower(e.title)) exact++;
    }
    // The one cut short: "Artificial Intelligence Model Law Version 2.0 (…)" ends at "Law", its document type.
    expect(exact).toBe(24);
  });
});
