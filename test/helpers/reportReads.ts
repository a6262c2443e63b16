import type { ManagedTransaction } from 'neo4j-driver';
import { Executor, type TxOptions } from '../../server/graph/executor.js';

/** The real executor, counting the report queries it runs (metadata feature 'report', server/reports/build.ts). */
export class CountingExecutor extends Executor {
  reportReads = 0;
  override read<T>(work: (tx: ManagedTransaction) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    if (opts.metadata?.feature === 'report') this.reportReads++;
    return super.read(work, opts);
  }
}
