import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';
import type { AttackMessage, Target } from '../helpers/regexAttack.worker.js';

/**
 * Every regex in server/parse and server/extract (their subfolders too), literal or built with
 * `new RegExp`, attacked with runs of its own pieces and of the characters briefs are made of
 * (test/helpers/regexAttack.worker.ts). A regex that backtracks shows as growth: 64 times the
 * input costs a linear regex about 64 times as much and a quadratic one 4,096 times, so the bound
 * (512) is far from both on any machine; a case past it is measured again on larger inputs. One
 * that backtracks exponentially never answers: the attack runs on a thread that is stopped when
 * it has said nothing for a minute, naming the regex and the input.
 * Issue 32: the regex that told web pages from text (server/parse/formats/detect.ts) read 40 empty
 * comments in 2^40 ways; the test did not look into formats/.
 */
const DIRS = ['server/parse', 'server/extract'];
const SILENCE_MS = 60_000;

/** Regexes that backtrack on their own but only ever see input that keeps them linear, and why. */
const GUARDED = new Map([['/<\\/?[a-z][^>]*>/gi', 'stripTags searches only up to the last ">", so every "<a" it tries reaches a ">"']]);

interface Sites {
  literals: Target[];
  /** `file:line` of every `new RegExp(…)` and `RegExp(…)`. */
  built: string[];
}

function regexSites(): Sites {
  const literals: Target[] = [];
  const built: string[] = [];
  for (const dir of DIRS) {
    for (const name of fs.readdirSync(fromRoot(dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const file = path.join(dir, name);
      const source = ts.createSourceFile(file, fs.readFileSync(fromRoot(file), 'utf8'), ts.ScriptTarget.Latest, true);
      const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const visit = (node: ts.Node) => {
        if (ts.isRegularExpressionLiteral(node)) {
          const text = node.getText();
          const end = text.lastIndexOf('/');
          if (!GUARDED.has(text)) literals.push({ where: `${file}:${lineOf(node)} ${text}`, source: text.slice(1, end), flags: text.slice(end + 1) });
        }
        if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp')
          built.push(`${file}:${lineOf(node)}`);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return { literals, built };
}

// Run from TypeScript source, the thread registers tsx for itself (as the console's worker does).
const BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((err) => { console.error(err); process.exit(1); });
`;

interface Attack {
  captured: { site: string; source: string; flags: string }[];
  slow: string[];
  worst: string;
  tried: number;
}

function attack(literals: Target[]): Promise<Attack> {
  const entry = new URL('../helpers/regexAttack.worker.ts', import.meta.url).href;
  const seeds = listBriefFiles([fromRoot('seeds')]);
  const worker = new Worker(BOOT, { eval: true, workerData: { entry, tsx: import.meta.resolve('tsx/esm/api'), literals, seeds } });
  return new Promise((resolve, reject) => {
    let captured: Attack['captured'] = [];
    let last = 'starting';
    let timer: NodeJS.Timeout;
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`no answer for ${SILENCE_MS / 1000} s (a regex that backtracks?) from ${last}`));
      }, SILENCE_MS);
    };
    quiet();
    worker.on('message', (m: AttackMessage) => {
      quiet();
      if ('captured' in m) captured = m.captured;
      else if ('trying' in m) last = m.trying;
      else {
        clearTimeout(timer);
        void worker.terminate();
        resolve({ captured, ...m.done });
      }
    });
    worker.on('error', (err) => (clearTimeout(timer), reject(err)));
  });
}

describe('regexes in the parser and the extractor', () => {
  const sites = regexSites();
  let result: Attack;
  beforeAll(async () => {
    result = await attack(sites.literals);
  }, 600_000);

  it('are found: literals in every file, formats/ included, and every place that builds one', () => {
    expect(sites.literals.length).toBeGreaterThan(150);
    for (const file of ['server/parse/text.ts', 'server/parse/formats/detect.ts', 'server/parse/formats/htmlShape.ts', 'server/extract/companies.ts'])
      expect(
        sites.literals.some((l) => l.where.startsWith(`${file}:`)),
        file,
      ).toBe(true);
    expect(sites.built.length).toBeGreaterThan(10);
  });

  it('every regex built at run time is reached by the seeds, so it is attacked too', () => {
    const reached = new Set(result.captured.map((c) => c.site));
    // A new `new RegExp` that no seed reaches fails here: make an input reach it in regexAttack.worker.ts.
    expect(sites.built.filter((s) => !reached.has(s))).toEqual([]);
  });

  it('each grows linearly with its input', () => {
    console.log(
      `regexes: ${sites.literals.length} literals, ${result.captured.length} built at run time; ${result.tried} inputs; steepest growth: ${result.worst || 'none measurable'}`,
    );
    expect(result.slow).toEqual([]);
  });
});
