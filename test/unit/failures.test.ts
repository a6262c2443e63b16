import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failuresSaid } from '../helpers/failures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failures-'));
const write = (name: string, report: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(report));
  return file;
};

describe("npm test's closing list of failures", () => {
  it('names each failed test with the start of its error, a file that failed outside a test, and a missing report', () => {
    const stack = ['\x1b[31mAssertionError: expected 408 to be 200\x1b[39m', ...Array.from({ length: 30 }, (_, i) => `    at frame${i} (x.ts:${i}:1)`)].join(
      '\n',
    );
    const main = write('main.json', {
      testResults: [
        {
          name: path.join(process.cwd(), 'test/int/a.int.test.ts'),
          status: 'failed',
          message: '',
          assertionResults: [
            { ancestorTitles: ['budgets'], title: 'answers 408', status: 'failed', failureMessages: [stack] },
            { ancestorTitles: ['budgets'], title: 'passes', status: 'passed', failureMessages: [] },
          ],
        },
        { name: path.join(process.cwd(), 'test/int/b.int.test.ts'), status: 'failed', message: 'Hook timed out in 240000ms', assertionResults: [] },
        { name: path.join(process.cwd(), 'test/int/c.int.test.ts'), status: 'passed', message: '', assertionResults: [] },
      ],
    });
    const said = failuresSaid([main, path.join(dir, 'side.json')]);
    expect(said).toContain('✗ test/int/a.int.test.ts > budgets > answers 408\n      AssertionError: expected 408 to be 200');
    expect(said).not.toContain('\x1b[');
    expect(said).toContain('… (19 more lines)');
    expect(said).not.toContain('passes');
    expect(said).toContain('✗ test/int/b.int.test.ts (the file)\n      Hook timed out in 240000ms');
    expect(said).not.toContain('c.int.test.ts');
    expect(said).toMatch(/side\.json: no report \(ENOENT/);
  });

  it('says so when a run failed with no failed test in its report', () => {
    const main = write('quiet.json', { testResults: [] });
    expect(failuresSaid([main])).toContain('no failed test in the reports');
  });
});
