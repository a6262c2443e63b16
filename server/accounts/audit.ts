import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromState } from '../paths.js';
import { z } from 'zod';

/** The audit log in the state folder (STATE_DIR/audit.jsonl). */
export const auditFile = () => fromState('audit.jsonl');

/**
 * Every write, one JSON line each (STATE_DIR/audit.jsonl): who, when, what, from where. Appended
 * with O_APPEND in one write per line, so the server and the CLIs can share the file. Bounded:
 * past `maxBytes` the file moves to audit.jsonl.1 (one older generation kept) and a new one starts.
 */
export const auditEntrySchema = z.object({
  at: z.string().meta({ description: 'ISO time' }),
  who: z.string().meta({ description: 'User name; "local" when no users are configured' }),
  what: z.string().meta({ description: 'e.g. "POST /api/corrections", "users add", "import"' }),
  from: z.string().meta({ description: 'Client address, or "cli" for a command on the server' }),
  status: z.number().int().optional(),
  detail: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const DEFAULT_AUDIT_MAX_BYTES = 20 * 1024 * 1024;

export class AuditLog {
  constructor(
    readonly file: string,
    readonly maxBytes = DEFAULT_AUDIT_MAX_BYTES,
  ) {}

  append(entry: Omit<AuditEntry, 'at'> & { at?: string }): void {
    const line = `${JSON.stringify({ at: entry.at ?? new Date().toISOString(), ...entry, detail: entry.detail?.slice(0, 500) })}\n`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    try {
      if (fs.statSync(this.file).size + line.length > this.maxBytes) fs.renameSync(this.file, `${this.file}.1`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    fs.appendFileSync(this.file, line, { mode: 0o600 });
  }

  /** Newest first; `cursor` is the previous page's `next`. A torn or foreign line is skipped. */
  page(limit: number, cursor = 0): { entries: AuditEntry[]; total: number; next?: number } {
    let text = '';
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const all: AuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const parsed = auditEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) all.push(parsed.data);
      } catch {
        /* a torn last line after a crash */
      }
    }
    all.reverse();
    const entries = all.slice(cursor, cursor + limit);
    return { entries, total: all.length, ...(cursor + limit < all.length ? { next: cursor + limit } : {}) };
  }
}

/**
 * One line for a write made on the server's own command line (import, dump, load, users), by the
 * login user. A log that cannot be written warns and lets the command finish: the write is done.
 */
export function auditCommand(stateDir: string, what: string, detail?: string): void {
  try {
    new AuditLog(path.join(stateDir, 'audit.jsonl')).append({ who: os.userInfo().username, what, from: 'cli', ...(detail ? { detail } : {}) });
  } catch (err) {
    console.error(`warning: could not write the audit log in ${stateDir}: ${(err as Error).message}`);
  }
}
