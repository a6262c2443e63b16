import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The regex attack of test/unit/regex-safety.test.ts, on a thread of its own so that a regex
 * that backtracks for hours can be stopped (a synchronous exec cannot be interrupted otherwise).
 * It first records every regex that server/parse and server/extract build with `new RegExp`
 * while the seeds and their earlier-layout copies are extracted, then attacks those and the
 * literals it is given. It reports each regex and unit before trying it, so a hang names them.
 */
export interface Target {
  where: string;
  source: string;
  flags: string;
}
export type AttackMessage =
  { captured: { site: string; source: string; flags: string }[] } | { trying: string } | { done: { slow: string[]; worst: string; tried: number } };

const port = parentPort!;
const { literals, seeds } = workerData as { literals: Target[]; seeds: string[] };
const post = (m: AttackMessage) => port.postMessage(m);

// 1. Every regex built at run time, with the line that built it.
const Native = RegExp;
const built = new Map<string, { site: string; source: string; flags: string }>();
const SITE = /\/(server\/(?:parse|extract)\/[^:]+\.ts):(\d+)/;
globalThis.RegExp = new Proxy(Native, {
  construct(target, args: [string | RegExp, string?], newTarget) {
    const re = Reflect.construct(target, args, newTarget) as RegExp;
    const site = SITE.exec(new Error().stack?.split('\n')[2] ?? '');
    if (site) built.set(`${site[1]}:${site[2]} /${re.source}/${re.flags}`, { site: `${site[1]}:${site[2]}`, source: re.source, flags: re.flags });
    return re;
  },
});
const { extractText } = await import('../../server/import/pipeline.js');
const { earlierLayoutFrom } = await import('./earlierLayout.js');
for (const file of seeds) {
  extractText(fs.readFileSync(file, 'utf8'), file);
  extractText(earlierLayoutFrom(file).text, file);
}
// What the seeds do not write: a date with the day first.
const { parseFullDate } = await import('../../server/parse/dates.js');
parseFullDate('19 December 2022');
globalThis.RegExp = Native;
post({ captured: [...built.values()] });

// 2. The attack: runs of units made of each regex's own pieces and of the characters briefs are
// made of, with an ending that makes the match fail late.
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
  '\n',
];
const COMMON = [
  ...CHARS,
  ...['a ', 'A ', 'AB, ', 'Ab ', '1,', '1.', '1 ', '. ', ', ', '<a', '[a](', '](', '(a) ', ' (', 'et ', 'et al ', 'of ', 'and ', 'A-', 'A.', '\\.', '**'],
  ...['...', '\t ', ' \t', 'by ', 'led by ', 'Group ', 'CNY 1 ', '一十', '<!---->', '<!--', '-->'],
];
const ENDS = ['', '!', 'x', '\u2028', ')', ' 1'];
/**
 * Input sizes in characters: the first pass, and the small size a slow case is compared with.
 * 64 times the input costs a linear regex about 64 times as much and a quadratic one 4,096
 * times; the bound (512) is eight times from each. Both sizes stay within a core's caches, which
 * other processes on a loaded machine empty: at 64,000 characters even /&/ grew 98-fold from
 * 4,000.
 */
const SIZE = 16_000;
const SMALL = 250;
const BOUND = 512;
/** A case past the bound is measured again from SIZE to four times SIZE: linear grows 4-fold, quadratic 16-fold. */
const CONFIRM = 10;

/**
 * The literal pieces of a regex's source, and pairs and triples of neighbouring pieces:
 * `(?:<!--[\s\S]*?-->\s*)*` gives "<!--", " ", "-->", "<!-- -->"… A character class stands for
 * one character it matches.
 */
export function unitsOf(source: string): string[] {
  const pieces: string[] = [];
  let cur = '';
  const cut = () => {
    if (cur) pieces.push(cur);
    cur = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const e = source[++i] ?? '';
      if (e === 'p' || e === 'P') {
        i = source.indexOf('}', i);
        cur += 'a';
      } else if ('dDsSwW'.includes(e)) cur += { d: '1', D: 'a', s: ' ', S: 'a', w: 'a', W: ' ' }[e];
      else if ('bB'.includes(e)) cut();
      else if (e === 'u') {
        cur += String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16) || 0x20);
        i += 4;
      } else if (e === 'n') cur += '\n';
      else if (e === 't') cur += '\t';
      else cur += e;
    } else if (c === '[') {
      let j = i + 1;
      const negated = source[j] === '^';
      if (negated) j++;
      let first = '';
      for (; j < source.length && source[j] !== ']'; j++) {
        if (source[j] === '\\') j++;
        if (!first) first = source[j - (source[j - 1] === '\\' && j > i + 1 ? 0 : 0)]!;
      }
      cur += negated ? (first === 'a' ? 'b' : 'a') : first === '\\' ? ' ' : first;
      i = j;
    } else if ('()|?*+{}^$'.includes(c)) {
      if (c === '{') i = Math.max(i, source.indexOf('}', i));
      if (c === '(' && source[i + 1] === '?') {
        i++;
        while (i + 1 < source.length && '<=!:'.includes(source[i + 1]!)) i++;
      }
      cut();
    } else if (c === '.') cur += 'a';
    else cur += c;
  }
  cut();
  const units = new Set(pieces);
  for (let i = 0; i + 1 < pieces.length; i++) {
    units.add(pieces[i]! + pieces[i + 1]!);
    if (i + 2 < pieces.length) units.add(pieces[i]! + pieces[i + 1]! + pieces[i + 2]!);
  }
  return [...units].filter((u) => u.length <= 40).slice(0, 60);
}

function timeExec(re: RegExp, input: string, times = 1): number {
  const started = performance.now();
  for (let i = 0; i < times; i++) re.exec(input);
  return (performance.now() - started) / times;
}

/**
 * Milliseconds per exec at each size: the fastest of five rounds taken in turns, each round
 * repeating the exec for at least a millisecond, so that neither the timer's grain nor a pause of
 * the machine (GC, the other processes on two shared cores: a thread waits 40 ms for its turn at
 * a load of 15) passes for the regex. Only an exec of seconds, which no pause explains, is
 * measured twice instead of five times.
 */
function measure(re: RegExp, small: string, large: string): { small: number; large: number } {
  const times = (input: string) => Math.min(1000, Math.ceil(1 / Math.max(timeExec(re, input), 0.001)));
  const reps = { small: times(small), large: times(large) };
  const best = { small: Infinity, large: Infinity };
  const started = performance.now();
  for (let round = 0; round < 5 && (round < 2 || performance.now() - started < 10_000); round++) {
    best.small = Math.min(best.small, timeExec(re, small, reps.small));
    best.large = Math.min(best.large, timeExec(re, large, reps.large));
  }
  return best;
}

// A regex built from a registry runs to thousands of characters: its start names it well enough.
const shown = (source: string) => (source.length > 100 ? `${source.slice(0, 100)}…` : source);
const targets: Target[] = [
  ...literals,
  ...[...built.values()].map((b) => ({ where: `${b.site} new RegExp(/${shown(b.source)}/${b.flags})`, source: b.source, flags: b.flags })),
];
const slow: string[] = [];
let worst = { ratio: 0, what: '' };
let tried = 0;
for (const t of targets) {
  // Without g/y, exec always starts at 0; the attack needs no state.
  const re = new RegExp(t.source, t.flags.replace(/[gy]/g, ''));
  units: for (const unit of [...new Set([...unitsOf(t.source), ...COMMON])]) {
    post({ trying: `${t.where} on ${JSON.stringify(unit)}` });
    for (const end of ENDS) {
      for (const at of [(s: string) => s + end, (s: string) => `A${end}${s}`]) {
        const input = (size: number) => at(unit.repeat(Math.ceil(size / unit.length)));
        tried++;
        // Most regexes answer a run of 16,000 characters in microseconds; only slower ones (twice) are measured closely.
        if (timeExec(re, input(SIZE)) < 0.5 || timeExec(re, input(SIZE)) < 0.5) continue;
        const m = measure(re, input(SMALL), input(SIZE));
        // The floor is below any exec the timer can see.
        const ratio = m.large / Math.max(m.small, 0.0005);
        const what = `${t.where} on ${JSON.stringify(unit)}+${JSON.stringify(end)}: ${m.small.toFixed(4)} ms at ${SMALL} characters, ${m.large.toFixed(2)} ms at ${SIZE} (×${ratio.toFixed(0)})`;
        if (ratio > worst.ratio) worst = { ratio, what };
        if (ratio <= BOUND) continue;
        // Caches emptied by other processes slow a long input more than a short one: a second
        // measurement on larger inputs tells that from backtracking.
        post({ trying: `${t.where} on ${JSON.stringify(unit)}, measured again at ${4 * SIZE} characters` });
        const again = measure(re, input(SIZE), input(4 * SIZE));
        if (again.large / again.small > CONFIRM) {
          slow.push(`${what}; ${again.small.toFixed(2)} ms at ${SIZE}, ${again.large.toFixed(2)} ms at ${4 * SIZE}`);
          break units;
        }
      }
    }
  }
}
post({ done: { slow, worst: worst.what, tried } });
