import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { freePort } from '../../server/db/local.js';
import { fromRoot } from '../../server/paths.js';

/**
 * The app in its own process (server/main.ts, as `npm start` runs it) against Neo4j at `uri`, so
 * a benchmark's load generator or browser does not share its event loop.
 */
export async function startAppProcess(uri: string): Promise<{ base: string; rssMb(): number; stop(): Promise<void> }> {
  const port = await freePort();
  const server = spawn(process.execPath, [...process.execArgv, fromRoot('server/main.ts')], {
    env: { ...process.env, NEO4J_URI: uri, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  server.stderr.on('data', (d: Buffer) => log.push(d.toString()));
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: server.stdout }).on('line', (l) => /is running at/.test(l) && resolve());
    server.once('exit', (code) => reject(new Error(`the app exited (${code}) before listening:\n${log.join('')}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: async () => {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    },
  };
}
