/**
 * `npm test`: two vitest runs at once, each about half the suite (vitest.config.ts). One runs the
 * integration files on the first shared Neo4j, one after another; the other runs the unit files,
 * then, one at a time, the integration files that start a Neo4j of their own and those on a second
 * shared Neo4j (project integration-b). In one vitest run they could only run one after the other (a project
 * whose files run one at a time gets a group of its own), while the shared database's files keep
 * about one core of two busy (issue 28). The side run's report is printed once the main run has
 * finished, so the two do not interleave.
 * With arguments (`npm test -- test/int/api.int.test.ts`) it is one plain `vitest run` with them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failuresSaid } from './helpers/failures.js';

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

// Each run also writes vitest's JSON report, so the last lines of `npm test` name every failed
// test and its error: CI keeps only a part of a long log, and a failure scrolled out of it
// cannot be told from the rest (a CI run failed with no failure in the part it kept).
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-suite-'));
const withJson = (args: string[], name: string) => [
  ...args,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(reports, `${name}.json`)}`,
];

// NEO4J_TEST_URI is one database: the two shared-database projects then run one after the other.
const oneDatabase = Boolean(process.env.NEO4J_TEST_URI);
const mainProjects = oneDatabase ? ['integration', 'integration-b'] : ['integration'];
const sideProjects = oneDatabase ? ['unit', 'integration-own-neo4j'] : ['unit', 'integration-own-neo4j', 'integration-b'];
const projects = (names: string[]) => names.flatMap((name) => ['--project', name]);

const side = run(withJson(projects(sideProjects), 'side'), true);
const report: Buffer[] = [];
side.stdout!.on('data', (b: Buffer) => report.push(b));
side.stderr!.on('data', (b: Buffer) => report.push(b));
const sideDone = exitCode(side);
const main = await exitCode(run(withJson(projects(mainProjects), 'main'), false));
const sideCode = await sideDone;
process.stdout.write(`\n── ${sideProjects.join(', ')} (ran beside ${mainProjects.join(', ')}) ──\n${Buffer.concat(report).toString()}`);
const said = (code: number) => (code === 0 ? 'passed' : `FAILED (exit ${code})`);
if (main || sideCode) console.log(`\n${failuresSaid([path.join(reports, 'main.json'), path.join(reports, 'side.json')])}`);
fs.rmSync(reports, { recursive: true, force: true });
console.log(`\n${mainProjects.join(', ')}: ${said(main)}; ${sideProjects.join(', ')}: ${said(sideCode)}`);
process.exit(main || sideCode);
