import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromRoot } from '../../server/paths.js';

// No Docker engine runs here: the Dockerfile, .dockerignore and compose file are read and
// checked for the properties the image must have.
interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Dockerfile → stages of instructions (comments dropped, continuation lines joined). */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') {
      const [from = '', , name] = args.split(/\s+/);
      stages.push({ from, ...(name ? { name } : {}), instructions: [] });
    } else stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

const stages = parseDockerfile(fs.readFileSync(fromRoot('Dockerfile'), 'utf8'));
const runtime = stages.at(-1)!;
const build = stages.find((s) => s.name === 'build')!;
const all = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);
const ignored = fs
  .readFileSync(fromRoot('.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const pkg = JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('Dockerfile', () => {
  it('is multi-stage on Node 24: a build stage and a runtime stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build).toBeDefined();
    for (const s of stages) expect(s.from).toMatch(/^node:24([.-]|$)/);
  });

  it('builds the explorer and compiles the server in the build stage', () => {
    const runs = all(build, 'RUN').join(' && ');
    expect(runs).toMatch(/npm run build\b/);
    expect(runs).toMatch(/npm run build:server\b/);
    expect(pkg.scripts.build).toMatch(/vite build/);
    expect(pkg.scripts['build:server']).toMatch(/tsc -p tsconfig\.build\.json/);
  });

  it('installs production dependencies only in the runtime stage and runs plain node, not tsx', () => {
    const runs = all(runtime, 'RUN').join(' && ');
    expect(runs).toMatch(/npm ci\b[^&]*--omit=dev/);
    expect(runs).not.toMatch(/\btsx\b|npm install\b/);
    const cmd = JSON.parse(all(runtime, 'CMD').at(-1)!) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd[1]).toMatch(/\.js$/);
    expect(cmd.join(' ')).not.toMatch(/tsx|npx/);
    // What the server needs at run time comes from dependencies, not devDependencies.
    for (const dep of ['express', 'neo4j-driver', 'zod', 'zod-openapi', 'pino-http', 'helmet', 'dotenv']) expect(pkg.dependencies[dep]).toBeDefined();
  });

  it('copies the built explorer and the compiled server from the build stage', () => {
    const copies = all(runtime, 'COPY');
    expect(copies).toContain('--from=build /app/dist/client ./dist/client');
    expect(copies).toContain('--from=build /app/build/server ./server');
    // Files the server reads at run time, relative to the project root.
    for (const dir of ['cypher', 'seeds', 'server/extract/data']) expect(copies.some((c) => c.startsWith(`${dir} `))).toBe(true);
  });

  it('runs as a non-root user', () => {
    const user = all(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it("keeps the app's state in one volume the non-root user can write, and the config reads it there", () => {
    const env = all(runtime, 'ENV').join(' ');
    const stateDir = /\bSTATE_DIR=(\S+)/.exec(env)?.[1];
    expect(stateDir).toMatch(/^\//);
    // Corrections live there too, not in the read-only /app.
    expect(/\bCORRECTIONS_FILE=(\S+)/.exec(env)?.[1]?.startsWith(`${stateDir}/`)).toBe(true);
    expect(all(runtime, 'VOLUME').join(' ')).toContain(stateDir);
    const user = all(runtime, 'USER').at(-1)!.split(':')[0];
    // Created and handed to that user before the USER switch (a VOLUME copies the ownership).
    expect(all(runtime, 'RUN').some((r) => r.includes(`mkdir -p ${stateDir!}`) && new RegExp(`chown ${user}(:\\w+)? ${stateDir!}`).test(r))).toBe(true);
    const ops = runtime.instructions.map((i) => i.op);
    expect(ops.lastIndexOf('RUN')).toBeLessThan(ops.lastIndexOf('USER'));
  });

  it('has a health check against /api/health', () => {
    expect(all(runtime, 'HEALTHCHECK').join(' ')).toMatch(/\/api\/health/);
  });

  it('listens on all interfaces at port 3000 inside the container', () => {
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bPORT=3000\b/);
    expect(all(runtime, 'EXPOSE')).toContain('3000');
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, local data and host installs out of the image', () => {
    for (const entry of ['.env', '.data', 'node_modules', 'db/.cache', '.git']) expect(ignored).toContain(entry);
    expect(ignored).toContain('!.env.example');
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(fromRoot('docker-compose.yml'), 'utf8')) as {
    services: { app: { build?: unknown; ports?: string[]; environment?: Record<string, string>; volumes?: string[] } };
    volumes?: Record<string, unknown>;
  };
  it('builds this image and publishes the explorer on 127.0.0.1:3000', () => {
    const app = compose.services.app;
    expect(app.build).toBe('.');
    expect(app.ports).toContain('127.0.0.1:3000:3000');
    expect(app.environment?.PORT).toBe('3000');
  });
  it("mounts a named volume at the image's state folder", () => {
    const stateDir = /\bSTATE_DIR=(\S+)/.exec(all(runtime, 'ENV').join(' '))?.[1];
    const mount = compose.services.app.volumes?.find((v) => v.endsWith(`:${stateDir!}`));
    expect(mount).toBeDefined();
    expect(mount!.split(':')[0]! in (compose.volumes ?? {})).toBe(true);
  });
});
