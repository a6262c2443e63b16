import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../server/paths.js';

// Every command answers --help at once, with no side effect, and rejects unknown options with exit 2.
const tsx = fromRoot('node_modules/.bin/tsx');
const run = (file: string, ...args: string[]) => {
  // A command that hangs (say, waiting for a database) is ended by the timeout and fails on its
  // status; how fast tsx starts depends on the machine's load, so it is not asserted.
  return spawnSync(tsx, [fromRoot(file), ...args], {
    encoding: 'utf8',
    cwd: fromRoot(),
    env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1' },
    timeout: 50_000,
  });
};

const commands: [string, string, string[]][] = [
  ['import', 'server/import/cli.ts', []],
  ['report', 'server/reports/cli.ts', []],
  ['curate', 'server/curation/cli.ts', ['list']],
  ['changes', 'server/changes/cli.ts', []],
  ['digest', 'server/watch/cli.ts', []],
  ['db', 'server/db/cli.ts', []],
  ['db:dump', 'server/db/cli.ts', ['dump']],
  ['db:load', 'server/db/cli.ts', ['load']],
  ['mcp', 'server/mcp/stdio.ts', []],
];

describe.each(commands)('npm run %s', (_name, file, pre) => {
  it('--help prints usage, options and exit codes and exits 0', { timeout: 60_000 }, () => {
    const r = run(file, ...pre, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run /);
    expect(r.stdout).toMatch(/Options:/);
    expect(r.stdout).toMatch(/Exit codes:\n\s+0 /);
  });

  it('an unknown option exits 2 with a hint', { timeout: 60_000 }, () => {
    const r = run(file, ...pre, '--no-such-option');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--no-such-option'/);
    expect(r.stderr).toMatch(/--help/);
  });
});

describe('npm run curate', () => {
  it('refuses a bad correction with exit 2 naming the field, before touching a database', { timeout: 60_000 }, () => {
    const r = run('server/curation/cli.ts', 'merge', 'company:a', 'agency:MIIT');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Not a valid correction: drop: only nodes of the same label can be merged/);
    const arity = run('server/curation/cli.ts', 'reject');
    expect(arity.status).toBe(2);
    expect(arity.stderr).toMatch(/^reject takes 1 argument\(s\), got 0\./);
  });
});
