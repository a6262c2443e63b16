import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangeLog } from '../../server/changes/store.js';
import { importRecord } from '../../server/changes/record.js';
import { onImports } from '../../server/api/onImports.js';
import type { BriefOutcome } from '../../server/import/importer.js';

const dirs: string[] = [];
const logDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-log-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const outcome = (brief: string): BriefOutcome => ({
  file: `${brief}.txt`,
  brief,
  status: 'ok',
  ok: true,
  warnings: [],
  nodes: 1,
  relationships: 0,
  diff: { known: false, added: { nodes: [{ id: `policy:${brief}`, label: 'Policy' }], rels: [] }, removed: { nodes: [], rels: [] } },
});
const record = (brief: string, at: number) => importRecord([outcome(brief)], 'cli', new Date(at));

describe('import history read by the server', () => {
  it('sees imports another process appended, a line still being written once it is whole, and a trimmed file whole', async () => {
    const dir = logDir();
    const server = new ChangeLog(dir, { maxImports: 3 });
    const importer = new ChangeLog(dir, { maxImports: 3 });
    await importer.append(record('a', 1_000));
    expect((await server.all()).map((r) => r.files[0])).toEqual(['a.txt']);

    await importer.append(record('b', 2_000));
    // Half a line: an append in progress.
    const next = `${JSON.stringify(record('c', 3_000))}\n`;
    fs.appendFileSync(server.file, next.slice(0, 40));
    expect((await server.all()).map((r) => r.files[0])).toEqual(['a.txt', 'b.txt']);
    fs.appendFileSync(server.file, next.slice(40));
    expect((await server.all()).map((r) => r.files[0])).toEqual(['a.txt', 'b.txt', 'c.txt']);

    // Over the limit: the oldest goes, the file is written anew.
    await importer.append(record('d', 4_000));
    expect((await server.all()).map((r) => r.files[0])).toEqual(['b.txt', 'c.txt', 'd.txt']);
    expect((await new ChangeLog(dir).all()).map((r) => r.files[0])).toEqual(['b.txt', 'c.txt', 'd.txt']);
  });
});

describe('onImports', () => {
  it('calls back once per import recorded after it started, not for the history already there', async () => {
    const dir = logDir();
    const log = new ChangeLog(dir);
    await log.append(record('a', 1_000));
    let calls = 0;
    const following = onImports(new ChangeLog(dir), async () => void calls++, 5);
    try {
      // The first look only learns where the history stands: later polls make no call.
      await following.ready;
      await new Promise((r) => setTimeout(r, 50));
      expect(calls).toBe(0);
      await log.append(record('b', 2_000));
      await vi.waitFor(() => expect(calls).toBe(1), { timeout: 30_000 });
      await log.append(record('c', 3_000));
      await vi.waitFor(() => expect(calls).toBe(2), { timeout: 30_000 });
    } finally {
      following.stop();
    }
  });
});
