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
    if (stat.size <= this.limits.maxBytes && (await this.all()).length <= this.limits.maxImports) return;
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
    const stamp = stat ? `${stat.size}:${stat.mtimeMs}` : '';
    if (stamp === this.#stamp) return this.#records;
    const text = stat ? await fs.promises.readFile(this.file, 'utf8').catch(() => '') : '';
    const records: ImportRecord[] = [];
    for (const raw of text.split('\n')) {
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
    return records;
  }
}
