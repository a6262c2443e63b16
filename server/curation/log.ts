import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { correctionSchema, type Correction, type CorrectionRequest } from './schema.js';
import { formatIssues } from '../issues.js';
import { withLockFile, type LockOptions } from './lock.js';

/** The log cannot take a new line (a bad line in it): named by file and line, with what to do. */
export class CorrectionLogError extends Error {
  override name = 'CorrectionLogError';
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

/** A line that is not a correction: a hand edit gone wrong, a merge conflict. Readers skip it. */
export interface LogProblem {
  line: number;
  /** The line as it is, cut at 200 characters. */
  text: string;
  /** What is wrong: "a merge conflict marker", "not a JSON object …", "node: not a node id …". */
  problem: string;
  /** How to fix it by hand. */
  fix: string;
}

export interface LogContents {
  corrections: Correction[];
  /** Bad lines, skipped: nothing is appended after them until they are fixed (`curate check`). */
  problems: LogProblem[];
  /** A last line without its newline: an append cut short by a crash. It was never acknowledged, so it is left out. */
  torn?: { line: number; text: string };
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})( |$)/;

/** What is wrong with one line, or its correction. */
function parseLine(raw: string, seen: Map<string, number>): Correction | Omit<LogProblem, 'line' | 'text'> {
  if (CONFLICT_MARKER.test(raw))
    return {
      problem: 'a merge conflict marker',
      fix: 'keep the lines of both sides (each correction is one line, so both can stay, in any order) and delete the marker lines',
    };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { problem: 'not a JSON object (one correction per line)', fix: 'repair the line so it is one JSON object, or delete it' };
  }
  const r = correctionSchema.safeParse(json);
  if (!r.success) return { problem: formatIssues(r.error.issues, { root: 'line' }), fix: 'correct that field (see docs/curation.md), or delete the line' };
  const first = seen.get(r.data.id);
  if (first !== undefined)
    return {
      problem: `duplicate id ${r.data.id} (first on line ${first})`,
      fix: `delete this line if it repeats line ${first}; otherwise give it a new id`,
    };
  return r.data;
}

/** Parses the log's text. Bad lines are skipped and named (line, problem, fix); a torn last line is left out. */
export function parseLog(text: string): LogContents {
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const out: LogContents = { corrections: [], problems: [] };
  // A hand-edited file may lack its final newline: a last line that is a whole correction counts.
  if (last.trim()) {
    if (isCorrectionLine(last)) lines.push(last);
    else out.torn = { line: lines.length + 1, text: last.slice(0, 200) };
  }
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    const parsed = parseLine(raw, seen);
    if ('id' in parsed) {
      seen.set(parsed.id, i + 1);
      out.corrections.push(parsed);
    } else out.problems.push({ line: i + 1, text: raw.slice(0, 200), ...parsed });
  });
  return out;
}

/** One sentence for a reader that skipped bad lines (node details, reports, `curate list`). */
export function problemsWarning(file: string, problems: readonly LogProblem[]): string | undefined {
  const [first] = problems;
  if (!first) return undefined;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more bad line(s))` : '';
  return `${file}:${first.line}: ${first.problem}; the line is ignored${more}. Run \`npm run curate -- check\` to see how to fix it.`;
}

function isCorrectionLine(text: string): boolean {
  try {
    return correctionSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

export const newCorrectionId = () => `c-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/** A request made into a log line: a fresh id and the time. */
export function newCorrection(request: CorrectionRequest): Correction {
  return correctionSchema.parse({ ...request, id: newCorrectionId(), at: new Date().toISOString() });
}

/**
 * The append-only JSON Lines file that is the source of truth for corrections. Each append is one
 * write(2) on an O_APPEND descriptor followed by fsync, so a line is never interleaved with
 * another and an acknowledged correction survives a crash. `exclusive` gives one process at a
 * time the file and, with it, the graph's corrections (see Curator).
 */
export class CorrectionLog {
  #queue: Promise<unknown> = Promise.resolve();
  #turn: Promise<unknown> = Promise.resolve();
  #cache?: { key: string; contents: LogContents };

  constructor(
    readonly file: string,
    readonly lockOptions: LockOptions = {},
  ) {}

  /** The log as it is on disk (re-read only when its size or time changed). Bad lines are skipped and listed in `problems`. */
  read(): LogContents {
    const stat = fs.statSync(this.file, { throwIfNoEntry: false });
    if (!stat) return { corrections: [], problems: [] };
    const key = `${stat.size}|${stat.mtimeMs}`;
    if (this.#cache?.key !== key) this.#cache = { key, contents: parseLog(fs.readFileSync(this.file, 'utf8')) };
    return this.#cache.contents;
  }

  /** Changes with every correction appended, by this process or another (answers cached from the graph depend on it). */
  version(): string {
    const stat = fs.statSync(this.file, { throwIfNoEntry: false });
    return stat ? `${stat.size}|${stat.mtimeMs}` : '';
  }

  /** The bad lines' warning for readers, if any. */
  warning(): string | undefined {
    return problemsWarning(this.file, this.read().problems);
  }

  /**
   * Runs `work` as the only writer of corrections: in turn with this process's other calls (a
   * queue) and with other processes on the same file (`FILE.lock`, see withLockFile).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#turn.then(() => {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      return withLockFile(`${this.file}.lock`, work, this.lockOptions);
    });
    this.#turn = run.catch(() => undefined);
    return run;
  }

  /** Appends one correction and resolves once it is on disk; refused while the file has a bad line. */
  append(correction: Correction): Promise<Correction> {
    const run = this.#queue.then(() => this.#appendNow(correctionSchema.parse(correction)));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Throws CorrectionLogError naming the first bad line: nothing is appended after it until it is fixed. */
  assertWritable(): void {
    const [bad] = this.read().problems;
    if (bad)
      throw new CorrectionLogError(
        this.file,
        bad.line,
        `${bad.problem}. Nothing is added to the file until it is fixed: run \`npm run curate -- check\`, which says how.`,
      );
  }

  #appendNow(correction: Correction): Correction {
    this.assertWritable();
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const fd = fs.openSync(this.file, 'a+');
    try {
      // A torn last line (a crash mid-append) was never acknowledged: cut it off, so the new line
      // starts a line of its own and the file stays one object per line.
      const size = fs.fstatSync(fd).size;
      if (size > 0) {
        const tail = Buffer.alloc(Math.min(size, 64 * 1024));
        fs.readSync(fd, tail, 0, tail.length, size - tail.length);
        if (tail[tail.length - 1] !== 0x0a) {
          const nl = tail.lastIndexOf(0x0a);
          if (nl < 0 && size > tail.length) throw new Error(`${this.file}: the last line is longer than 64 KB and has no end; repair the file by hand.`);
          if (isCorrectionLine(tail.subarray(nl + 1).toString('utf8'))) fs.writeSync(fd, '\n');
          else fs.ftruncateSync(fd, nl < 0 ? 0 : size - tail.length + nl + 1);
        }
      }
      fs.writeSync(fd, `${JSON.stringify(correction)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return correction;
  }
}
