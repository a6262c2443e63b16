/** The work of `npm run mcp` once its arguments are read (stdio.ts): connect, then serve on stdio. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadConfigOrExit } from '../config.js';
import { connectOrExit } from '../db/connect.js';
import { consoleFromConfig } from '../api/cypher/fromConfig.js';
import { ConsoleRunner, defaultRunLimits } from '../api/cypher/runner.js';
import { Executor } from '../graph/executor.js';
import { fromRoot, fromState } from '../paths.js';
import { CorrectionLog } from '../curation/log.js';
import { Curator } from '../curation/service.js';
import { ChangeLog } from '../changes/store.js';
import { historyDir } from '../changes/history.js';
import { ImportedChanges } from '../cache/touched.js';
import { NoteStore, notesFile } from '../notes/store.js';
import { CachedReports } from '../reports/cached.js';
import { createMcpServer } from './server.js';

const config = loadConfigOrExit();
const db = await connectOrExit(config);
console.error(`Policy Graph MCP: Neo4j ${db.uri}`);
const executor = new Executor(db.driver, db.database, db.availability);
// The console as under npm start: a heavy query never holds up the other tools.
const { worker: consoleWorker, limits } = consoleFromConfig(db, config);
const runner = new ConsoleRunner(consoleWorker, executor, { ...defaultRunLimits, ...limits });
const curator = new Curator(new CorrectionLog(fromRoot(config.CORRECTIONS_FILE)), executor);
const changes = new ChangeLog(historyDir());
// Reports as npm start serves them, kept in the same STATE_DIR/reports: a hub report the app built
// (its warm-up builds them) is read, not built again, and one built here serves the app.
const reports = new CachedReports(executor, {
  curator,
  notes: new NoteStore(notesFile()),
  changes: new ImportedChanges(executor, changes, () => curator.state()),
  keptDir: fromState('reports'),
});
const server = createMcpServer({ executor, runner, reports, changes });

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => {});
  await consoleWorker.close();
  await db.close();
  process.exit(code);
}
const transport = new StdioServerTransport();
transport.onclose = () => void stop(0);
process.stdin.on('end', () => void stop(0));
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
await server.connect(transport);
console.error('Policy Graph MCP: serving on stdio');
