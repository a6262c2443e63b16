import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { fromRoot } from '../../server/paths.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-interrupt-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run import, stopped with Ctrl-C', () => {
  it('prints each transaction as it commits and, on SIGINT, which briefs were committed and how to resume', async () => {
    // 200 files (copies of the five sample briefs, each written in turn as copies of one brief
    // are), so the run is still going when the first committed lines appear.
    const dir = path.join(tmp, 'briefs');
    fs.mkdirSync(dir);
    const seeds = fs.readdirSync(fromRoot('seeds')).filter((f) => f.endsWith('.txt'));
    for (let i = 0; i < 200; i++) fs.copyFileSync(fromRoot('seeds', seeds[i % seeds.length]!), path.join(dir, `b${String(i).padStart(3, '0')}.txt`));
    const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('server/import/cli.ts'), dir], {
      cwd: fromRoot('.'),
      env: {
        ...process.env,
        NEO4J_URI: inject('neo4jUri'),
        NEO4J_USER: inject('neo4jUser'),
        NEO4J_PASSWORD: inject('neo4jPassword'),
        CORRECTIONS_FILE: path.join(tmp, 'corrections.jsonl'),
        STATE_DIR: path.join(tmp, 'state'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!interrupted && /^ok {6}b\d{3}\.txt/m.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const lines = stderr.split('\n');
    const okBefore = lines
      .slice(
        0,
        lines.findIndex((l) => l.startsWith('Interrupted:')),
      )
      .filter((l) => l.startsWith('ok      '));
    expect(code).toBe(130);
    expect(okBefore.length).toBeGreaterThanOrEqual(1);
    expect(okBefore.length).toBeLessThan(200);
    const head = lines.find((l) => l.startsWith('Interrupted:'))!;
    expect(head).toBe(`Interrupted: ${okBefore.length} of 200 brief(s) were committed:`);
    // Every committed file is named, with its brief id.
    const listed = lines.filter((l) => /^ {2}b\d{3}\.txt \(/.test(l)).map((l) => l.trim().split(' ')[0]);
    expect(listed).toEqual(okBefore.map((l) => l.slice(8).split(':')[0]));
    expect(stderr).toMatch(/run the same command again: briefs already imported are replaced, not duplicated/);
  }, 300_000);
});
