/**
 * `npm test`: the unit project beside the integration project, as two vitest runs at once.
 *
 * The integration files run one after another on the shared Neo4j and keep about one core of two
 * busy; in one vitest run the unit files (a minute and more of CPU) could only run before them
 * (vitest runs a project whose files run one at a time in a group of its own, issue 28). The unit
 * run's report is printed once the integration run has finished, so the two do not interleave.
 * With arguments (`npm test -- test/int/api.int.test.ts`) it is one plain `vitest run` with them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const vitest = path.join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const run = (args: string[], piped: boolean): ChildProcess =>
  spawn(process.execPath, [vitest, 'run', ...args], {
    stdio: piped ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    // The unit report keeps its colours though it goes through a pipe.
    env: piped && process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
  });
const exitCode = (child: ChildProcess) => new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

const args = process.argv.slice(2);
if (args.length) process.exit(await exitCode(run(args, false)));

const unit = run(['--project', 'unit'], true);
const report: Buffer[] = [];
unit.stdout!.on('data', (b: Buffer) => report.push(b));
unit.stderr!.on('data', (b: Buffer) => report.push(b));
const unitDone = exitCode(unit);
const integration = await exitCode(run(['--project', 'integration'], false));
const unitCode = await unitDone;
process.stdout.write(`\n── unit project (ran beside the integration project) ──\n${Buffer.concat(report).toString()}`);
console.log(
  `\nunit: ${unitCode === 0 ? 'passed' : `FAILED (exit ${unitCode})`}; integration: ${integration === 0 ? 'passed' : `FAILED (exit ${integration})`}`,
);
process.exit(unitCode || integration);
