import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { correctionSchema, type Correction, type CorrectionRequest } from './schema.js';
import { formatIssues } from '../issues.js';

/** A line of the log that is not a valid correction: a hand edit gone wrong, named by file and line. */
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

export interface LogContents {
  corrections: Correction[];
  /** A last line without its newline: an append cut short by a crash. It was never acknowledged, so it is left out. */
  torn?: { line: number; text: string };
}

/** Parses the log's text; any bad line but a torn last one is an error naming its line and field. */
export function parseLog(text: string, file: string): LogContents {
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const out: LogContents = { corrections: [] };
  // A hand-edited file may lack its final newline: a last line that is a whole correction counts.
  if (last.trim()) {
    if (isCorrectionLine(last)) lines.push(last);
    else out.torn = { line: lines.length + 1, text: last.slice(0, 200) };
  }
  const ids = new Set<string>();
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new CorrectionLogError(file, i + 1, 'not a JSON object (one correction per line)');
    }
    const r = correctionSchema.safeParse(json);
    if (!r.success) throw new CorrectionLogError(file, i + 1, formatIssues(r.error.issues, { root: 'line' }));
    if (ids.has(r.data.id)) throw new CorrectionLogError(file, i + 1, `duplicate id ${r.data.id}`);
    ids.add(r.data.id);
    out.corrections.push(r.data);
  });
  return out;
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
 * The append-only JSON Lines file that is the source of truth for corrections. Appends are
 * serialised within the process (concurrent requests queue) and each is one write(2) on an
 * O_APPEND descriptor followed by fsync, so another process appending at the same time cannot
 * interleave inside a line, and an acknowledged correction survives a crash.
 */
export class CorrectionLog {
  #queue: Promise<unknown> = Promise.resolve();
  #cache?: { key: string; contents: LogContents };

  constructor(readonly file: string) {}

  /** The log as it is on disk (re-read only when its size or time changed). */
  read(): LogContents {
    const stat = fs.statSync(this.file, { throwIfNoEntry: false });
    if (!stat) return { corrections: [] };
    const key = `${stat.size}|${stat.mtimeMs}`;
    if (this.#cache?.key !== key) this.#cache = { key, contents: parseLog(fs.readFileSync(this.file, 'utf8'), this.file) };
    return this.#cache.contents;
  }

  /** Changes with every correction appended, by this process or another (answers cached from the graph depend on it). */
  version(): string {
    const stat = fs.statSync(this.file, { throwIfNoEntry: false });
    return stat ? `${stat.size}|${stat.mtimeMs}` : '';
  }

  /** Appends one correction and resolves once it is on disk. */
  append(correction: Correction): Promise<Correction> {
    const run = this.#queue.then(() => this.#appendNow(correctionSchema.parse(correction)));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #appendNow(correction: Correction): Correction {
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
