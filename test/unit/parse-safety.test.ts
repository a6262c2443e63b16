import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { BriefTimeoutError, Deadline } from '../../server/parse/budget.js';
import { parseBrief } from '../../server/parse/brief.js';
import { detectFormat, startsAsHtml } from '../../server/parse/formats/detect.js';
import { loadHtmlReader, readHtml } from '../../server/parse/formats/html.js';
import { htmlShape } from '../../server/parse/formats/htmlShape.js';
import { FORMAT_LIMITS } from '../../server/parse/formats/limits.js';
import { readPdf } from '../../server/parse/formats/pdf.js';
import { inflatedSize } from '../../server/parse/formats/pdfInflate.js';
import { readRegularFile } from '../../server/parse/formats/regularFile.js';
import { BriefError } from '../../server/parse/schema.js';
import { sentenceAround } from '../../server/parse/text.js';
import { fromRoot } from '../../server/paths.js';
import { savedWebPage } from '../helpers/briefFixtures.js';
import { commentRun, nestedDivs, pdfBomb, unclosedTables } from '../helpers/hostileInputs.js';

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

/** Median of five CPU-time samples of `fn`: one pause of the machine does not make a regex look slow. */
function medianCpuMs(fn: () => void): number {
  const samples = Array.from({ length: 5 }, () => cpuMs(fn)).sort((a, b) => a - b);
  return samples[2]!;
}

/**
 * Growth of `fn(n)`'s cost from n to 100·n: linear work grows about 100×, quadratic 10,000×.
 * The floor keeps timer noise at the small size from passing for growth.
 */
function growth(fn: (n: number) => void, n: number): number {
  const small = Math.max(
    medianCpuMs(() => fn(n)),
    0.05,
  );
  return medianCpuMs(() => fn(n * 100)) / small;
}

describe('issue 32: inputs that hung or exhausted the importer', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-inputs-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const put = (name: string, data: string | Uint8Array) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, data);
    return file;
  };
  const deadline = () => new Deadline('test', 600_000);

  it('the 282-byte file of empty comments is told from a page at once, and the scan is linear in the comments', () => {
    expect(commentRun()).toHaveLength(281);
    expect(detectFormat(Buffer.from(commentRun()), 'comments.txt')).toBe('text');
    expect(detectFormat(Buffer.from(`${'<!---->'.repeat(40)}<html><body>`), 'page')).toBe('html');
    // Comments, spaces and unclosed comments, 1,000 and 100,000 of them (detection reads 4 KB; the scan itself is bounded by nothing).
    for (const unit of ['<!---->', '<!-- -->  ', '<!--', ' ', '<?xml']) {
      const g = growth((n) => startsAsHtml(`${unit.repeat(n)}x`), 1000);
      expect(g, unit).toBeLessThan(1000);
    }
  });

  it('99,000 nested <div>s and 30,000 unclosed <table><tr><td> are refused before parsing, naming the file and the limit', async () => {
    for (const [name, html] of [
      ['nested.html', nestedDivs(99_000)],
      ['tables.html', unclosedTables(30_000)],
    ] as const) {
      let error: unknown;
      const ms = cpuMs(() => {
        readHtml(Buffer.from(html), name, deadline()).catch((err: unknown) => (error = err));
      });
      await Promise.resolve();
      await new Promise((r) => setImmediate(r));
      expect(error).toBeInstanceOf(BriefError);
      expect((error as Error).message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: web page nests elements more than ${FORMAT_LIMITS.htmlDepth} deep`));
      // linkedom took over 400 s on these; the scan that refuses them takes milliseconds.
      expect(ms).toBeLessThan(2000);
    }
    // The scan is linear in the depth (linkedom's cost grows with its square).
    expect(growth((n) => htmlShape(nestedDivs(n)), 1000)).toBeLessThan(1000);
    expect(growth((n) => htmlShape(unclosedTables(n)), 300)).toBeLessThan(1000);
  });

  it('counts depth as the parser nests: implied closes, void elements, raw text, self-closing only in SVG', async () => {
    const { parseHTML } = await loadHtmlReader();
    const depthIn = (html: string) => {
      let max = 0;
      const walk = (el: { children: Iterable<unknown> }, d: number) => {
        max = Math.max(max, d);
        for (const c of el.children) walk(c as typeof el, d + 1);
      };
      walk(parseHTML(html).document as never, 0);
      return max;
    };
    const pages = [
      '<html><body><p>a<p>b<p>c<div><p>d</div></body></html>',
      '<html><body><ul><li>a<li>b<ul><li>c</ul></ul><table><tr><td>1<td>2<tr><td>3</table></body></html>',
      '<html><body><img><br><hr><input><p>x</p><script>if (a < b) "<div><div><div>"</script><div></div></body></html>',
      '<html><body><svg><g><path/><path/><rect/></g></svg><div/><span>x</span></div></body></html>',
      '<html><body><dl><dt>a<dd>b<dt>c<dd>d</dl><select><option>a<option>b</select><!-- <div><div> --></body></html>',
      savedWebPage(seed.join('\n'), 'A brief'),
    ];
    for (const page of pages) expect(htmlShape(page).depth, page.slice(0, 80)).toBe(depthIn(page));
  });

  it('a PDF that inflates to 1.5 GB is refused before pdf.js reads it, in bounded memory; so is a chain of FlateDecode', async () => {
    for (const [name, bomb] of [
      ['bomb.pdf', await pdfBomb({ inflatedMb: 1500 })],
      ['chain.pdf', await pdfBomb({ inflatedMb: 1000, layers: 2 })],
    ] as const) {
      const before = process.memoryUsage.rss();
      await expect(readPdf(bomb, name, deadline())).rejects.toThrow(
        new RegExp(`^${name.replace('.', '\\.')}: PDF's compressed streams inflate to more than 100\\.0 MB .* decompression bomb`),
      );
      // At most the cap is inflated (and let go); pdf.js took 6.9 GB.
      expect(process.memoryUsage.rss() - before).toBeLessThan(400 * 1024 * 1024);
    }
    expect(inflatedSize(await pdfBomb({ inflatedMb: 10 }), FORMAT_LIMITS.pdfInflatedBytes)).toEqual({ bytes: 10 * 1024 * 1024 });
  }, 120_000);

  it('reads only regular files: a FIFO, a device, a link out of the folder and a folder are refused unopened, with a message', () => {
    const cap = 1024 * 1024;
    const fifo = path.join(tmp, 'fifo.txt');
    execFileSync('mkfifo', [fifo]);
    fs.symlinkSync('/dev/zero', path.join(tmp, 'zero.txt'));
    fs.symlinkSync(fromRoot('README.md'), path.join(tmp, 'outside.md'));
    fs.mkdirSync(path.join(tmp, 'folder.txt'));
    // If any of these were opened or read, the test would block for ever (FIFO) or fill the memory (/dev/zero).
    expect(() => readRegularFile(fifo, cap)).toThrow(/^fifo\.txt: is a FIFO \(named pipe\), not a regular file; only brief files are read\./);
    expect(() => readRegularFile(path.join(tmp, 'zero.txt'), cap)).toThrow(/^zero\.txt: is a link to \/dev\/zero, outside the folder it is imported from/);
    expect(() => readRegularFile(path.join(tmp, 'outside.md'), cap)).toThrow(/^outside\.md: is a link to .*README\.md, outside the folder/);
    expect(() => readRegularFile(path.join(tmp, 'folder.txt'), cap)).toThrow(/^folder\.txt: is a folder, not a regular file/);
    expect(() => readRegularFile('/dev/zero', cap)).toThrow(/^zero: is a device, not a regular file/);
    // A link within the folder reads its target.
    put('target.txt', 'brief text');
    fs.symlinkSync('target.txt', path.join(tmp, 'inside.txt'));
    expect(readRegularFile(path.join(tmp, 'inside.txt'), cap).toString()).toBe('brief text');
    // The size comes from the open file, before anything is read: a sparse 40 MB file costs nothing.
    const sparse = put('sparse.txt', '');
    fs.truncateSync(sparse, 40 * 1024 * 1024);
    expect(() => readRegularFile(sparse, cap)).toThrow(/^sparse\.txt: file is 40\.0 MB; no brief format is larger than 1\.0 MB/);
  });
});
