import { parentPort, workerData } from 'node:worker_threads';
import { createDriver, type PoolOptions } from '../../db/connect.js';
import { Executor } from '../../graph/executor.js';
import { executeConsoleQuery, type ConsoleRequest } from './execute.js';
import { toWire } from './wire.js';

/** What the worker needs to open its own driver: a driver cannot cross threads. */
export interface ConsoleWorkerData {
  uri: string;
  user: string;
  password: string;
  database: string | undefined;
  pool: PoolOptions;
}

export type WorkerReply = { id: number; body: string } | { id: number; error: ReturnType<typeof toWire> } | 'ready';

// Entry point of the console worker thread (see ConsoleWorker): decoding a huge record, turning
// it into JSON and serialising the answer all happen here, off the thread that answers health,
// search and details.
const data = workerData as ConsoleWorkerData & { entry: string };
const driver = createDriver(data.uri, { NEO4J_USER: data.user, NEO4J_PASSWORD: data.password }, data.pool);
const executor = new Executor(driver, data.database);
const port = parentPort!;

port.postMessage('ready');
port.on('message', (msg: { id: number; req: ConsoleRequest } | 'close') => {
  if (msg === 'close') {
    void driver.close().finally(() => port.close());
    return;
  }
  executeConsoleQuery(executor, msg.req).then(
    (body) => port.postMessage({ id: msg.id, body } satisfies WorkerReply),
    (err: unknown) => port.postMessage({ id: msg.id, error: toWire(err) } satisfies WorkerReply),
  );
});
