import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Executor } from '../graph/executor.js';
import { cypherRouter } from './cypher/router.js';
import { inProcessConsole, type ConsoleBackend } from './cypher/backend.js';
import { ConsoleRunner, defaultRunLimits, type RunLimits } from './cypher/runner.js';
import { errorHandler, notFound } from './errors.js';
import { healthRouter } from './health/router.js';
import { requestLogger, type LogLevel } from './logging.js';
import { hostGuard } from './hostGuard.js';
import { nodesRouter } from './nodes/router.js';
import { openApiRouter } from './openapi/router.js';
import { pathsRouter } from './paths/router.js';
import { queriesRouter } from './queries/router.js';
import { relatedRouter } from './related/router.js';
import { reportsRouter } from './reports/router.js';
import { searchRouter } from './search/router.js';
import { statsRouter } from './stats/router.js';
import { viewsRouter } from './views/router.js';
import { ViewStore, viewsDir, type ViewLimits } from './views/store.js';
import { fromRoot } from '../paths.js';
import { CorrectionLog } from '../curation/log.js';
import { Curator } from '../curation/service.js';
import { correctionsRouter } from './corrections/router.js';
import { mcpRouter } from '../mcp/http.js';
import { changesRouter } from './changes/router.js';
import { ChangeLog } from '../changes/store.js';
import { historyDir } from '../changes/history.js';
import { ImportedChanges } from '../cache/touched.js';
import { watchRouter } from './watch/router.js';
import { WatchStore } from '../watch/store.js';
import { watchDir } from '../watch/paths.js';
import { trendsRouter } from './trends/router.js';
import { duplicatesRouter } from './duplicates/router.js';
import { accountsRouter } from './accounts/router.js';
import { audited } from './accounts/audit.js';
import { requireRole, signIn } from './accounts/signIn.js';
import { UserStore, usersFile } from '../accounts/users.js';
import { AuditLog, auditFile } from '../accounts/audit.js';
import { notesRouter } from './notes/router.js';
import { NoteStore, notesFile } from '../notes/store.js';
import { CachedReports } from '../reports/cached.js';

export interface AppOptions {
  apiToken?: string;
  /** Console budgets; unset ones take defaultRunLimits. */
  cypher: Partial<RunLimits>;
  /** Host names the app answers to besides loopback (the DNS-rebinding guard). */
  allowedHosts?: string[];
  /** Origins besides the app's own whose pages may change state (POST, DELETE), e.g. http://localhost:5173. */
  allowedOrigins?: string[];
  /** The built visual client (dist/client); served at / when present. */
  clientDir?: string;
  /** Request log level (LOG_LEVEL); unset: no request log, as in tests. */
  logLevel?: LogLevel;
  /** STATE_DIR: views, users, audit log and notes live here; default .data. */
  stateDir?: string;
  /** TRUST_PROXY_USER: honour X-Forwarded-User / X-Forwarded-Email from a proxy on loopback. */
  trustProxyUser?: boolean;
  /** Where shared views are stored as JSON files; default STATE_DIR/views. */
  viewsDir?: string;
  /** Size and count limits of the view store; unset ones take defaultViewLimits. */
  viewLimits?: Partial<ViewLimits>;
  /** Analysts' corrections (CORRECTIONS_FILE); default curation/corrections.jsonl. */
  correctionLog?: CorrectionLog;
  /** The import history (server/changes); default .data/changes. */
  changeLog?: ChangeLog;
  /** Where watch-lists are kept; default .data/watchlists. */
  watchDir?: string;
  /** Where built reports are kept across restarts (server/reports/kept.ts); unset: only in memory. */
  reportsDir?: string;
}

export const defaultAppOptions: AppOptions = { cypher: defaultRunLimits };

/**
 * Builds the HTTP app; `main.ts` only listens. Tests drive this directly with supertest.
 * `consoleBackend` runs analysts' Cypher on a pool of its own (`npm start`: a ConsoleWorker thread);
 * without it the console shares `executor`.
 */
export function createApp({
  executor,
  consoleBackend = inProcessConsole(executor),
  options = defaultAppOptions,
}: {
  executor: Executor;
  consoleBackend?: ConsoleBackend;
  options?: AppOptions;
}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger(options.logLevel ?? 'silent'));
  app.use(hostGuard(options.allowedHosts ?? [], options.allowedOrigins ?? []));
  // Security headers; no CORS middleware, so browsers on other origins cannot read responses.
  app.use(helmet());
  app.use(express.json({ limit: '100kb' }));
  const runner = new ConsoleRunner(consoleBackend, executor, { ...defaultRunLimits, ...options.cypher });

  const api = express.Router();
  // The contract and its page are public: they describe the API, not the graph.
  api.use(openApiRouter());
  // A test names its own folder; the app's stores are in STATE_DIR, as the CLIs find them.
  const inState = (name: string, located: () => string) => (options.stateDir ? path.join(options.stateDir, name) : located());
  const users = new UserStore(inState('users.json', usersFile));
  const audit = new AuditLog(inState('audit.jsonl', auditFile));
  // Everything below needs a signed-in user once the users file has any (docs/security.md).
  // Other rooms that mount elsewhere (e.g. /mcp) put `authenticate` in front of themselves.
  const authenticate = signIn({ users, ...(options.apiToken ? { apiToken: options.apiToken } : {}), trustProxyUser: options.trustProxyUser ?? false });
  api.use(authenticate);
  // Writes by role: a viewer reads everything; an analyst curates; an admin manages users.
  const analystWrites = [requireRole('analyst', { writesOnly: true }), audited(audit)];
  api.use('/corrections', ...analystWrites);
  api.use('/views', ...analystWrites);
  api.use('/notes', ...analystWrites);
  api.use('/watchlists', ...analystWrites);
  api.use('/users', audited(audit));
  api.use(accountsRouter(users, audit));
  api.use('/health', healthRouter(executor));
  api.use('/search', searchRouter(executor));
  const curator = new Curator(options.correctionLog ?? new CorrectionLog(fromRoot('curation/corrections.jsonl')), executor);
  const changeLog = options.changeLog ?? new ChangeLog(inState('changes', historyDir));
  // The response caches drop only what each import touched, as its record in the history says.
  const changes = new ImportedChanges(executor, changeLog, () => curator.state());
  api.use('/nodes', nodesRouter(executor, curator, changes));
  api.use('/paths', pathsRouter(executor));
  api.use('/cypher', cypherRouter(runner));
  api.use('/queries', queriesRouter(runner));
  api.use('/related', relatedRouter(executor));
  api.use(
    '/stats',
    statsRouter(executor, () => curator.log.version()),
  );
  const notes = new NoteStore(inState('notes.json', notesFile));
  // One report cache for the API and MCP: a report built for either is served to both.
  const reports = new CachedReports(executor, { curator, notes, changes, keptDir: options.reportsDir });
  api.use('/reports', reportsRouter(executor, reports, curator));
  api.use('/corrections', correctionsRouter(curator));
  api.use('/duplicates', duplicatesRouter(executor, curator));
  api.use('/views', viewsRouter(new ViewStore(options.viewsDir ?? inState('views', viewsDir), options.viewLimits)));
  api.use('/notes', notesRouter(notes));
  api.use('/changes', changesRouter(executor, changeLog));
  api.use('/trends', trendsRouter(executor, changes));
  api.use('/watchlists', watchRouter(executor, new WatchStore(options.watchDir ?? inState('watchlists', watchDir)), changeLog));
  api.use(notFound);
  app.use('/api', api);
  // MCP for AI assistants (docs/mcp.md): read-only tools over the same services, behind the same
  // sign-in (any role may read); the Host guard above applies as to every route.
  app.use('/mcp', authenticate, mcpRouter({ executor, runner, reports, changes: changeLog }));
  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    const index = path.join(options.clientDir, 'index.html');
    app.use(express.static(options.clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(index));
  }
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
