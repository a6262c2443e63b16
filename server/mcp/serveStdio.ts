/** The work of `npm run mcp` once its arguments are read (stdio.ts): connect, then serve on stdio. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadConfigOrExit } from '../config.js';
import { connectOrExit } from '../db/connect.js';
import { consoleFromConfig } from '../api/cypher/fromConfig.js';
import { ConsoleRunner, defaultRunLimits } from '../api/cypher/runner.js';
import { Executor } from '../graph/executor.js';
import { fromRoot } from '../paths.js';
import { CorrectionLog } from '../curation/log.js';
import { Curator } from '../curation/service.js';
import { ChangeLog } from '../changes/store.js';
import { historyDir } from '../changes/history.js';
import { createMcpServer } from './server.js';

const config = loadConfigOrExit();
const db = await connectOrExit(config);
console.error(`Policy Graph MCP: Neo4j ${db.uri}`);
const executor = new Executor(db.driver, db.database, db.availability);
// The console as under npm start: a heavy query never holds up the other tools.
const { worker: consoleWorker, limits } = consoleFromConfig(db, config);
const runner = new ConsoleRunner(consoleWorker, executor, { ...defaultRunLimits, ...limits });
const curator = new Curator(new CorrectionLog(fromRoot(config.CORRECTIONS_FILE)), executor);
const server = createMcpServer({ executor, runner, corrections: () => curator.state(), changes: new ChangeLog(historyDir()) });

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
