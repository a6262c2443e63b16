import fs from 'node:fs';
import path from 'node:path';
import { importRecordSchema, type ImportRecord } from './schema.js';

/** How much history is kept: the oldest imports go first once either limit is passed. */
export interface HistoryLimits {
  maxImports: number;
  maxBytes: number;
}
export const defaultHistoryLimits: Readonly<HistoryLimits> = Object.freeze({
  /** A year of daily imports, three times over. */
  maxImports: 1000,
  /** A first import of 10,000 briefs takes about 15 MB (ids of every fact). */
  maxBytes: 64 * 1024 * 1024,
});

const FILE = 'imports.jsonl';

/**
 * The import history: one JSON line per import in `.data/changes/imports.jsonl` (never in Neo4j:
 * the graph holds only what the briefs say). The importer (CLI or start-up) appends; the server
 * reads the file into memory and reads it again only when its size or time changed, so a CLI
 * import shows up at once without a restart. Lines cut short by a crash are skipped.
 */
export class ChangeLog {
  readonly limits: HistoryLimits;
  #records: ImportRecord[] = [];
  #stamp = '';
  /** The file read so far: its inode and the offset after the last whole line. */
  #read: { ino: number; offset: number } | undefined;

  constructor(
    readonly dir: string,
    limits: Partial<HistoryLimits> = {},
  ) {
    this.limits = { ...defaultHistoryLimits, ...limits };
  }

  get file(): string {
    return path.join(this.dir, FILE);
  }

  /** Appends one import; drops the oldest when the history is over its limits. */
  async append(record: ImportRecord): Promise<void> {
    const line = `${JSON.stringify(importRecordSchema.parse(record))}\n`;
    await fs.promises.mkdir(this.dir, { recursive: true });
    await fs.promises.appendFile(this.file, line);
    const stat = await fs.promises.stat(this.file);
    // Counted, not parsed: the importer appends to a history of megabytes.
    if (stat.size <= this.limits.maxBytes && (await this.#lines()) <= this.limits.maxImports) return;
    const kept = [...(await this.all())];
    let bytes = kept.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)) + 1, 0);
    while (kept.length > 1 && (kept.length > this.limits.maxImports || bytes > this.limits.maxBytes)) {
      bytes -= Buffer.byteLength(JSON.stringify(kept.shift())) + 1;
    }
    await fs.promises.writeFile(`${this.file}.tmp`, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    await fs.promises.rename(`${this.file}.tmp`, this.file);
  }

  /** Every import kept, oldest first. */
  async all(): Promise<readonly ImportRecord[]> {
    const stat = await fs.promises.stat(this.file).catch(() => undefined);
    const stamp = stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : '';
    if (stamp === this.#stamp) return this.#records;
    // Imports only append; trimming writes a new file (another inode). After a first import of
    // 10,000 briefs the file holds a 15 MB line, and parsing it again on every later import cost
    // the server about a second on the first request after it: only the lines added are read.
    const grown = stat && this.#read && stat.ino === this.#read.ino && stat.size >= this.#read.offset;
    const from = grown ? this.#read!.offset : 0;
    const text = stat ? await readFrom(this.file, from, stat.size).catch(() => '') : '';
    // A line still being written has no newline yet: it is read the next time.
    const end = text.lastIndexOf('\n') + 1;
    const records: ImportRecord[] = grown ? [...this.#records] : [];
    for (const raw of text.slice(0, end).split('\n')) {
      if (!raw) continue;
      try {
        const r = importRecordSchema.safeParse(JSON.parse(raw));
        if (r.success) records.push(r.data);
      } catch {
        // a line cut short by a crash
      }
    }
    this.#records = records;
    this.#stamp = stamp;
    this.#read = stat ? { ino: stat.ino, offset: from + Buffer.byteLength(text.slice(0, end)) } : undefined;
    return records;
  }

  /** Lines in the file, counted without parsing them. */
  async #lines(): Promise<number> {
    const bytes = await fs.promises.readFile(this.file);
    let n = 0;
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
    return n;
  }
}

/** The bytes of `file` from `start` to `end`, as text. */
async function readFrom(file: string, start: number, end: number): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, end - start));
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, start + got);
      if (!bytesRead) break;
      got += bytesRead;
    }
    return buf.subarray(0, got).toString('utf8');
  } finally {
    await handle.close();
  }
}
