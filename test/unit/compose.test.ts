import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../server/config.js';
import { pinnedNeo4jVersion } from '../../server/db/local.js';
import { fromRoot } from '../../server/paths.js';

// No Docker engine runs here, so the compose file is checked against the config schema instead.
interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown };
  volumes?: string[];
  env_file?: (string | { path: string; required?: boolean })[];
}
const compose = parse(fs.readFileSync(fromRoot('docker-compose.yml'), 'utf8')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };

describe('docker-compose.yml', () => {
  const neo4j = compose.services.neo4j!;
  const app = compose.services.app!;

  it('runs the Neo4j Community patch that db/pom.xml pins, with a healthcheck and a named data volume', () => {
    expect(neo4j.image).toBe(`neo4j:${pinnedNeo4jVersion()}-community`);
    expect(neo4j.healthcheck?.test).toBeDefined();
    const volume = neo4j.volumes?.find((v) => v.endsWith(':/data'))?.split(':')[0];
    expect(volume && compose.volumes && volume in compose.volumes).toBe(true);
  });

  it('caps transaction memory as the bundled Neo4j does', () => {
    expect(neo4j.environment?.NEO4J_db_memory_transaction_max).toBe('512m');
    expect(neo4j.environment?.NEO4J_dbms_memory_transaction_total_max).toBe('1g');
  });

  it("passes .env to the app (optional) and checks the app's health", () => {
    expect(app.env_file?.map((f) => (typeof f === 'string' ? f : f.path))).toContain('.env');
    const test = (app.healthcheck?.test as string[] | undefined)?.join(' ') ?? '';
    expect(test).toMatch(/\/api\/health/);
    expect(test).toMatch(/:3000\b/);
  });

  it('starts the app only once Neo4j is healthy', () => {
    expect(app.build).toBeDefined();
    expect(app.depends_on?.neo4j?.condition).toBe('service_healthy');
  });

  it("wires the app's environment through the config schema to the Neo4j service", () => {
    const env = Object.fromEntries(Object.entries(app.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{(\w+):-([^}]*)\}/g, '$2')]));
    for (const key of Object.keys(env)) expect(Object.keys(configSchema.shape)).toContain(key);
    const config = configSchema.parse(env);
    const uri = new URL(config.NEO4J_URI!);
    expect(uri.hostname).toBe('neo4j');
    expect(neo4j.ports?.some((p) => p.endsWith(`:${uri.port}`))).toBe(true);
    expect(app.ports?.some((p) => p.endsWith(`:${config.PORT}`))).toBe(true);
    // The password the app sends is the one Neo4j is given.
    expect(String(neo4j.environment?.NEO4J_AUTH).replace(/\$\{(\w+):-([^}]*)\}/g, '$2')).toBe(`${config.NEO4J_USER}/${config.NEO4J_PASSWORD}`);
    // Inside a container the app must listen beyond loopback; the published port stays on 127.0.0.1.
    expect(config.HOST).toBe('0.0.0.0');
    expect(app.ports?.every((p) => p.startsWith('127.0.0.1:'))).toBe(true);
  });
});
