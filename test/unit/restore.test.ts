import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginRestore, settleRestore } from '../../server/db/restore.js';

// The store swap of db:load on plain folders: whatever point a restore is killed at, the next
// start or load finds a whole store at data/. (The load itself is in test/int/backup.int.test.ts.)
describe('restore bookkeeping (server/db/restore.ts)', () => {
  let home: string;
  const quiet = () => {};
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
    fs.writeFileSync(path.join(home, rel), text);
  };
  const read = (rel: string) => fs.readFileSync(path.join(home, rel), 'utf8');
  const lock = (pid: number, phase: string) => write('.restore.json', JSON.stringify({ pid, phase }));
  // A process id that was in use a moment ago and is free now: a restore that was killed.
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-restore-'));
    write('data/databases/neo4j/store', 'old graph');
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('swaps a staged store in and keeps the old one in replaced/', () => {
    write('replaced/databases/neo4j/store', 'older graph');
    const restore = beginRestore(home, quiet);
    fs.mkdirSync(path.join(restore.staging, 'data/databases/neo4j'), { recursive: true });
    fs.writeFileSync(path.join(restore.staging, 'data/databases/neo4j/store'), 'new graph');
    expect(restore.swap()).toBe(path.join(home, 'replaced'));
    restore.end();
    expect(read('data/databases/neo4j/store')).toBe('new graph');
    expect(read('replaced/databases/neo4j/store')).toBe('old graph');
    expect(fs.readdirSync(home).sort()).toEqual(['data', 'replaced']);
  });

  it('into a folder with no store, the staged one just moves in', () => {
    fs.rmSync(path.join(home, 'data'), { recursive: true });
    const restore = beginRestore(home, quiet);
    fs.mkdirSync(path.join(restore.staging, 'data'));
    fs.writeFileSync(path.join(restore.staging, 'data/store'), 'new graph');
    expect(restore.swap()).toBeUndefined();
    restore.end();
    expect(read('data/store')).toBe('new graph');
    expect(fs.readdirSync(home)).toEqual(['data']);
  });

  it('a swap that fails halfway is rolled back in the same process', () => {
    const restore = beginRestore(home, quiet);
    // Nothing staged: the second rename of the swap fails after the live store moved aside.
    expect(() => restore.swap()).toThrow(/ENOENT/);
    restore.end();
    expect(read('data/databases/neo4j/store')).toBe('old graph');
    expect(fs.readdirSync(home)).toEqual(['data']);
  });

  it('a restore killed while loading leaves the store and loses only its staging home', () => {
    lock(deadPid(), 'loading');
    write('.restore/data/databases/neo4j/half', 'half a store');
    expect(settleRestore(home)).toBeUndefined();
    expect(read('data/databases/neo4j/store')).toBe('old graph');
    expect(fs.readdirSync(home)).toEqual(['data']);
  });

  it('a restore killed between the two renames of the swap gets the old store put back', () => {
    lock(deadPid(), 'swapping');
    fs.mkdirSync(path.join(home, '.restore'));
    fs.renameSync(path.join(home, 'data'), path.join(home, '.restore/outgoing'));
    write('.restore/data/databases/neo4j/store', 'new graph');
    expect(settleRestore(home)).toMatch(/stopped halfway through swapping stores; the store it was replacing is back in place/);
    expect(read('data/databases/neo4j/store')).toBe('old graph');
    expect(fs.readdirSync(home)).toEqual(['data']);
  });

  it('a restore killed just after the swap keeps the new store and files the old one in replaced/', () => {
    lock(deadPid(), 'swapping');
    write('replaced/databases/neo4j/store', 'older graph');
    fs.mkdirSync(path.join(home, '.restore'));
    fs.renameSync(path.join(home, 'data'), path.join(home, '.restore/outgoing'));
    write('data/databases/neo4j/store', 'new graph');
    expect(settleRestore(home)).toBeUndefined();
    expect(read('data/databases/neo4j/store')).toBe('new graph');
    expect(read('replaced/databases/neo4j/store')).toBe('old graph');
  });

  it('a running restore is refused (exit 3) and nothing is touched', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      lock(other.pid!, 'swapping');
      write('.restore/data/databases/neo4j/store', 'new graph');
      const refused = { exitCode: 3, message: expect.stringContaining(`pid ${other.pid}`) };
      expect(() => settleRestore(home)).toThrow(expect.objectContaining(refused));
      expect(() => beginRestore(home, quiet)).toThrow(expect.objectContaining(refused));
      expect(fs.readdirSync(home).sort()).toEqual(['.restore', '.restore.json', 'data']);
    } finally {
      other.kill();
    }
  });
});
