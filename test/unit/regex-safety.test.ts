import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../server/paths.js';

/**
 * Every regex literal in server/parse and server/extract, attacked with long runs of the
 * characters it is made of. A regex that backtracks (nested or overlapping quantifiers, a
 * quantified class tried from every position of a run) takes seconds on 50,000 characters; a
 * linear one takes well under a millisecond, so the bound below is far from both.
 */
const DIRS = ['server/parse', 'server/extract'];
const RUN = 20_000;
const LIMIT_MS = 50;

/** Regexes that backtrack on their own but only ever see input that keeps them linear, and why. */
const GUARDED = new Map([['/<\\/?[a-z][^>]*>/gi', 'stripTags searches only up to the last ">", so every "<a" it tries reaches a ">"']]);

interface Literal {
  where: string;
  re: RegExp;
}

function regexLiterals(): Literal[] {
  const out: Literal[] = [];
  for (const dir of DIRS) {
    for (const name of fs.readdirSync(fromRoot(dir)).filter((f) => f.endsWith('.ts'))) {
      const file = path.join(dir, name);
      const source = ts.createSourceFile(file, fs.readFileSync(fromRoot(file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isRegularExpressionLiteral(node)) {
          const text = node.getText();
          const end = text.lastIndexOf('/');
          // Without g/y, exec always starts at 0; the attack needs no state.
          const flags = text.slice(end + 1).replace(/[gy]/g, '');
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          out.push({ where: `${file}:${line} ${text}`, re: new RegExp(text.slice(1, end), flags) });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return out;
}

// Units of the attack: single characters of every class the regexes use, and the pairs that make
// words, lists and markup.
const CHARS = [
  ' ',
  '\t',
  '\u00a0',
  'a',
  'A',
  'Z',
  'À',
  '1',
  '.',
  ',',
  ';',
  ':',
  '：',
  '(',
  ')',
  '（',
  '[',
  ']',
  '<',
  '>',
  '/',
  '\\',
  '*',
  '_',
  '#',
  '-',
  "'",
  '’',
  '"',
  '“',
  '”',
  '…',
  '&',
  '+',
  '$',
  '¥',
  '工',
  '部',
  '\u2028',
];
const UNITS = [
  ...CHARS,
  'a ',
  'A ',
  'AB, ',
  'Ab ',
  '1,',
  '1.',
  '1 ',
  '. ',
  ', ',
  '<a',
  '[a](',
  '](',
  '(a) ',
  ' (',
  'et ',
  'et al ',
  'of ',
  'and ',
  'A-',
  'A.',
  '\\.',
  '**',
  '...',
  '\t ',
  ' \t',
  'by ',
  'led by ',
  'Group ',
  'CNY 1 ',
  '一十',
];
const ENDS = ['', '!', 'x', '\u2028', ')', ' 1'];

function timeExec(re: RegExp, input: string): number {
  const started = performance.now();
  re.exec(input);
  return performance.now() - started;
}

describe('regex literals in the parser and the extractor', () => {
  const literals = regexLiterals();

  it('finds the regex literals (the scan itself works)', () => {
    expect(literals.length).toBeGreaterThan(60);
    expect(literals.some((l) => l.where.includes('server/parse/text.ts'))).toBe(true);
  });

  it(`match every run of ${RUN.toLocaleString('en')} characters of their own alphabet in linear time`, () => {
    let worst = { ms: 0, what: '' };
    const slow: string[] = [];
    for (const { where, re } of literals.filter((l) => !GUARDED.has(l.where.slice(l.where.indexOf(' ') + 1)))) {
      // One slow input is enough to report a regex; trying the rest would only take minutes.
      units: for (const unit of UNITS) {
        const run = unit.repeat(Math.ceil(RUN / unit.length));
        for (const end of ENDS) {
          for (const input of [run + end, `A${end}${run}`]) {
            let ms = timeExec(re, input);
            // A pause of the shared machine (GC, other processes) is not the regex: a slow regex is slow every time.
            if (ms > LIMIT_MS) ms = Math.min(ms, timeExec(re, input), timeExec(re, input));
            const what = `${where} on ${JSON.stringify(unit)}×${run.length / unit.length}+${JSON.stringify(end)}: ${ms.toFixed(1)} ms`;
            if (ms > worst.ms) worst = { ms, what };
            if (ms > LIMIT_MS) {
              slow.push(what);
              break units;
            }
          }
        }
      }
    }
    console.log(`regex literals: ${literals.length}; worst case ${worst.what}`);
    expect(slow).toEqual([]);
  }, 120_000);
});
