import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { BriefTimeoutError, Deadline } from '../../server/parse/budget.js';
import { parseBrief } from '../../server/parse/brief.js';
import { BriefError } from '../../server/parse/schema.js';
import { sentenceAround } from '../../server/parse/text.js';
import { fromRoot } from '../../server/paths.js';

const seedFile = listBriefFiles([fromRoot('seeds')])[0]!;
const seed = fs.readFileSync(seedFile, 'utf8').split('\n');
// Warm up the registry and the compiled matchers so the first measured brief does not pay for them.
extractText(seed.join('\n'), 'warm-up.txt');

/** CPU milliseconds of `fn` (this process only: other engineers' builds on the machine do not count). */
function cpuMs(fn: () => void): number {
  const started = process.cpuUsage();
  fn();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** Parse and extract; a BriefError is a finished answer too. */
function run(text: string, file: string): void {
  try {
    extractText(text, file);
  } catch (err) {
    if (!(err instanceof BriefError)) throw err;
  }
}

const KB = 1024;

describe('adversarial briefs from issue 12 finish in under a second', () => {
  const cases: [string, string][] = [
    // python3 -c "print('Title\n' + 'AB, '*40 + 'AB x\nMERICS Top 5')": exponential in the byline regex.
    ['all-caps author line', `Title\n${'AB, '.repeat(40)}AB x\nMERICS Top 5\n`],
    ['900 KB line of "["', `Title\n${'['.repeat(900 * KB)}\nMERICS Top 5\n`],
    ['900 KB line of "."', `Title\n${'.'.repeat(900 * KB)}\nMERICS Top 5\n`],
    ['900 KB line of "<a"', `Title\n${'<a'.repeat(450 * KB)}\nMERICS Top 5\n`],
    ['80 KB line of "["', `Title\n${'['.repeat(80 * KB)}\nMERICS Top 5\n`],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const ms = cpuMs(() => expect(() => extractText(text, 'r.txt')).toThrow(/^r\.txt: no policy write-ups/));
      console.log(`${name}: ${ms.toFixed(0)} ms`);
      expect(ms).toBeLessThan(1000);
    });
  }

  // The same lines inside a real brief, where they also reach the write-up, news and extraction code.
  const places: [string, (lines: string[], s: string) => void][] = [
    ['header', (l, s) => l.splice(6, 0, s)],
    ['summary', (l, s) => (l[11] += ` ${s}`)],
    ['title', (l, s) => (l[24] += ` ${s}`)],
    ['issuer line', (l, s) => (l[25] += `, ${s}`)],
    ['news item', (l, s) => (l[104] += ` ${s}`)],
  ];
  for (const [token, kb] of [
    ['AB, ', 1],
    ['[', 900],
    ['.', 900],
    ['<a', 900],
  ] as const) {
    it(`${JSON.stringify(token)}×${kb} KB inside a seed brief, in five places`, () => {
      for (const [where, put] of places) {
        const lines = [...seed];
        put(lines, `${token.repeat(Math.ceil((kb * KB) / token.length))} x`);
        const ms = cpuMs(() => run(lines.join('\n'), 'r.txt'));
        // Here the whole brief is extracted too, megabyte line and all: linear, but not free.
        expect(ms, where).toBeLessThan(2000);
      }
    }, 60_000);
  }
});

describe('any long line', () => {
  // Repeated tokens, brackets, markup, list and number syntax, names the extractor looks for.
  const TOKENS = [
    '[',
    '.',
    '<a',
    '(',
    ')',
    '\\',
    ' ',
    '\t',
    'a ',
    'A ',
    'AB, ',
    '*',
    '**',
    '“',
    '"',
    '#',
    '[a](',
    '<a href=',
    "A'",
    'Ministry of ',
    '1',
    '1,',
    '1.',
    'CNY 1 ',
    'et ',
    ', ',
    '…',
    '(link)',
    ' (a)',
    'BYD ',
    'MIIT ',
    'The ',
    'Group and ',
    '工业和信息化部',
    'x.',
    '-',
    'led by ',
    ', a firm ',
    'March 3: ',
    '\u2028',
    'A.',
    'Shanghai ',
    '30 percent ',
  ];
  const PLACES = [6, 11, 13, 17, 24, 25, 104, 113];

  it('is read in linear time wherever it stands (worst case printed)', () => {
    let worst = { ms: 0, what: '' };
    fc.assert(
      fc.property(
        fc.constantFrom(...TOKENS),
        fc.constantFrom(...TOKENS),
        fc.constantFrom(1, 16, 256, 1024),
        fc.constantFrom(...PLACES),
        fc.boolean(),
        (a, b, kb, at, own) => {
          const unit = a === b ? a : a + b;
          const line = unit.repeat(Math.ceil((kb * KB) / unit.length));
          const lines = [...seed];
          if (own) lines.splice(at, 0, line);
          else lines[at] += ` ${line}`;
          const ms = cpuMs(() => run(lines.join('\n'), 'adversarial.txt'));
          const what = `${JSON.stringify(unit)}×${kb} KB ${own ? 'as line' : 'appended to line'} ${at + 1}: ${ms.toFixed(0)} ms`;
          if (ms > worst.ms) worst = { ms, what };
          // Linear extraction of a megabyte takes about a second; quadratic takes hours.
          expect(ms, what).toBeLessThan(4000);
        },
      ),
      { numRuns: 40, seed: 20261127 },
    );
    console.log(`worst case: ${worst.what}`);
  }, 300_000);
});

describe('per-brief time budget', () => {
  it('stops a brief that overruns its budget with a BriefTimeoutError naming the file and line', () => {
    const big = seed.join('\n').repeat(30);
    let error: unknown;
    try {
      extractText(big, 'folder/slow.txt', { budgetMs: 1 });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BriefTimeoutError);
    expect(error).toBeInstanceOf(BriefError);
    expect((error as Error).message).toMatch(/^slow\.txt:\d+: reading the brief took longer than 0\.001 s/);
  });

  it('lets a brief within its budget through unchanged', () => {
    const text = seed.join('\n');
    expect(extractText(text, 'a.txt', { budgetMs: 60_000 })).toEqual(extractText(text, 'a.txt'));
  });

  it('checks the clock inside parsing, not only between briefs', () => {
    const deadline = new Deadline('spent.txt', 0);
    const until = performance.now() + 2;
    while (performance.now() < until);
    expect(() => parseBrief(seed.join('\n'), 'spent.txt', deadline)).toThrow(BriefTimeoutError);
  });
});

describe('sentenceAround (indexed) reads like the scan it replaced', () => {
  function scan(text: string, start: number, end = start): string {
    const before = text.slice(0, start);
    const from = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '), before.lastIndexOf('? '), before.lastIndexOf('! '));
    const rest = text.slice(end);
    const m = /[.;?!](\s|$)/.exec(rest);
    const to = m ? end + m.index + 1 : text.length;
    return text.slice(from < 0 ? 0 : from + 2, to).trim();
  }
  it('on random texts and ranges', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z .;?!\t\n]{0,60}$/), fc.nat(), fc.nat(), (text, x, y) => {
        const start = text.length ? x % (text.length + 1) : 0;
        const end = start + (text.length - start ? y % (text.length - start + 1) : 0);
        expect(sentenceAround(text, start, end)).toBe(scan(text, start, end));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
