import fs from 'node:fs';
import path from 'node:path';

/** The parts of vitest's JSON report (`--reporter=json`) that name a failure. */
interface JsonReport {
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }[];
  }[];
}

// eslint-disable-next-line no-control-regex -- the escape is what is removed
const ESCAPES = /\x1b\[[0-9;]*m/g;
const LINES = 12;

/** The first lines of an error: the message and where it was thrown, not vitest's whole stack. */
const firstLines = (text: string) => {
  const lines = text.replace(ESCAPES, '').trim().split('\n');
  return (
    lines
      .slice(0, LINES)
      .map((line) => `      ${line}`)
      .join('\n') + (lines.length > LINES ? `\n      … (${lines.length - LINES} more lines)` : '')
  );
};

/**
 * Every failed test and file in the given JSON reports, with the start of its error, as the last
 * lines `npm test` prints. A report that is missing (its run crashed before writing it) is named.
 */
export function failuresSaid(files: string[]): string {
  const out: string[] = ['── failed ──'];
  for (const file of files) {
    let report: JsonReport;
    try {
      report = JSON.parse(fs.readFileSync(file, 'utf8')) as JsonReport;
    } catch (error) {
      out.push(`  ${path.basename(file)}: no report (${(error as Error).message.split('\n')[0]}); see that run's output above`);
      continue;
    }
    for (const result of report.testResults) {
      const where = path.relative(process.cwd(), result.name);
      const failed = result.assertionResults.filter((test) => test.status === 'failed');
      for (const test of failed) out.push(`  ✗ ${where} > ${[...test.ancestorTitles, test.title].join(' > ')}\n${firstLines(test.failureMessages.join('\n'))}`);
      // A file can fail with no failed test: an error in a hook, at import, or after the tests.
      if (result.status === 'failed' && result.message) out.push(`  ✗ ${where} (the file)\n${firstLines(result.message)}`);
    }
  }
  if (out.length === 1) out.push('  no failed test in the reports: a run exited non-zero for another reason (see its output above)');
  return out.join('\n');
}
