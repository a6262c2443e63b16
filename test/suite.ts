/**
 * `npm test`: two vitest runs at once. One runs the integration files on the shared Neo4j, one
 * after another; the other runs the unit files, then the integration files that start a Neo4j of
 * their own (vitest.config.ts). In one vitest run they could only run one after the other (a
 * project whose files run one at a time gets a group of its own), while the shared database's
 * files keep about one core of two busy (issue 28). The side run's report is printed once the
 * main run has finished, so the two do not interleave.
 * With arguments (`npm test -- test/int/api.int.test.ts`) it is one plain `vitest run` with them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const vitest = path.join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const run = (args: string[], piped: boolean): ChildProcess =>
  spawn(process.execPath, [vitest, 'run', ...args], {
    stdio: piped ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    // The side run's report keeps its colours though it goes through a pipe.
    env: piped && process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
  });
const exitCode = (child: ChildProcess) => new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

const args = process.argv.slice(2);
if (args.length) process.exit(await exitCode(run(args, false)));

const side = run(['--project', 'unit', '--project', 'integration-own-neo4j'], true);
const report: Buffer[] = [];
side.stdout!.on('data', (b: Buffer) => report.push(b));
side.stderr!.on('data', (b: Buffer) => report.push(b));
const sideDone = exitCode(side);
const main = await exitCode(run(['--project', 'integration'], false));
const sideCode = await sideDone;
process.stdout.write(`\n── unit and integration-own-neo4j (ran beside the integration project) ──\n${Buffer.concat(report).toString()}`);
const said = (code: number) => (code === 0 ? 'passed' : `FAILED (exit ${code})`);
console.log(`\nintegration: ${said(main)}; unit and integration-own-neo4j: ${said(sideCode)}`);
process.exit(main || sideCode);
