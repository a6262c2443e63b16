import 'dotenv/config';
import { z } from 'zod';

/** Sizes like "512m", "2g" as the JVM and Neo4j write them. */
const memorySize = z.string().regex(/^\d+[kmg]?$/i, 'expected a size such as 512m or 2g');
const port = z.coerce.number().int().min(1).max(65535);
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * Every setting the app reads, with its default. One schema for the server, the CLIs and the
 * docker-compose check; README's configuration table mirrors it.
 */
export const configSchema = z.object({
  /** Unset: the bundled local Neo4j is used (started if it is not running). */
  NEO4J_URI: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'expected bolt://, neo4j://, neo4j+s:// … URI')
      .optional(),
  ),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default('neo4j'),
  NEO4J_DATABASE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9.-]*$/, 'not a valid database name')
      .optional(),
  ),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  /** When set, every /api route requires `Authorization: Bearer <API_TOKEN>`. */
  API_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'use at least 16 characters').optional()),
  /**
   * The app's own state: saved views, users, audit log, notes (and other rooms' files). One folder,
   * so a Docker volume keeps them all; relative paths are from the project root.
   */
  STATE_DIR: z.string().min(1).default('.data'),
  /**
   * Behind a single sign-on proxy (oauth2-proxy) on the same machine: take the user from its
   * X-Forwarded-User / X-Forwarded-Email header. Honoured on loopback connections only.
   */
  TRUST_PROXY_USER: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Analyst Cypher (POST /api/cypher, saved queries): server-side timeout and row cap. */
  CYPHER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  CYPHER_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** Serialised size at which a console result stops streaming (and says it was truncated). */
  CYPHER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Console queries running at once; more answer 429. They use a pool of their own. */
  CYPHER_MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * Host names (besides loopback and HOST) the app answers to, comma-separated: the guard
   * against DNS rebinding. Set it to the name users type when the app is behind a proxy.
   */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  /**
   * Origins besides the app's own whose pages may change state (POST, DELETE), comma-separated
   * (`scheme://name:port`): a proxy that rewrites Host, or a dev server on another port.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/i, 'expected origins such as https://graph.example.org or http://localhost:5173'))),
  /** JSON request log on stdout: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Import: a brief that takes longer than this to parse and extract fails alone, naming the file. */
  BRIEF_TIME_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Analysts' corrections: an append-only JSON Lines file, the source of truth (docs/curation.md). */
  CORRECTIONS_FILE: z.string().min(1).default('curation/corrections.jsonl'),
  /** The bundled Neo4j (only used when NEO4J_URI is unset). */
  NEO4J_LOCAL_PORT: port.default(7687),
  NEO4J_LOCAL_DATA: z.string().min(1).default('.data/neo4j'),
  NEO4J_LOCAL_HEAP: memorySize.default('2g'),
  NEO4J_LOCAL_PAGECACHE: memorySize.default('2g'),
  /** Transaction memory caps of the bundled Neo4j; unset: a quarter and half of the heap. */
  NEO4J_LOCAL_TX_MEMORY: z.preprocess(emptyAsUndefined, memorySize.optional()),
  NEO4J_LOCAL_TX_TOTAL_MEMORY: z.preprocess(emptyAsUndefined, memorySize.optional()),
  /** The bundled Neo4j is restarted when it has answered no query (a one-node read) for this long. */
  NEO4J_LOCAL_UNRESPONSIVE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}\nFix these in the environment or in .env (see .env.example).`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; lists every bad field at once. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => {
    const field = i.path.join('.');
    const value = env[field];
    return `${field}: ${i.message}${value !== undefined ? ` (got "${value}")` : ''}`;
  });
  throw new ConfigError(issues);
}

/** For command-line entry points: a bad config prints its message and exits with code 2. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
