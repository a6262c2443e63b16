import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';
import { fromRoot } from '../../server/paths.js';

describe('configuration', () => {
  it('has defaults for a fresh machine: bundled Neo4j, app on 127.0.0.1:3000', () => {
    const c = parseConfig({});
    expect(c.NEO4J_URI).toBeUndefined();
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.PORT).toBe(3000);
    expect(c.NEO4J_LOCAL_PORT).toBe(7687);
  });

  it('accepts remote URIs such as Aura', () => {
    expect(parseConfig({ NEO4J_URI: 'neo4j+s://abcd.databases.neo4j.io' }).NEO4J_URI).toBe('neo4j+s://abcd.databases.neo4j.io');
  });

  it('lists every bad field at once', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', NEO4J_URI: 'http://localhost:7474', NEO4J_LOCAL_HEAP: 'lots' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const msg = (error as Error).message;
    expect(msg).toMatch(/PORT: .*"eighty"/);
    expect(msg).toMatch(/NEO4J_URI: /);
    expect(msg).toMatch(/NEO4J_LOCAL_HEAP: /);
    expect((error as ConfigError).issues).toHaveLength(3);
  });

  it('makes command-line tools exit with code 2 and a readable message', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('server/db/cli.ts'), '--fetch-only'], {
      env: { ...process.env, PORT: '-5', NEO4J_LOCAL_PORT: 'x' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Invalid configuration/);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/NEO4J_LOCAL_PORT/);
  });
});
