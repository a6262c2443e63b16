import type { Availability } from './availability.js';
import type { LocalNeo4j } from './local.js';

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/**
 * Keeps the bundled Neo4j that this process started alive: when it exits without being asked
 * to (killed, crashed), it is started again on the same port and data folder, with backoff
 * between failed attempts. Meanwhile the API answers 503 "restarting" at once.
 */
export class LocalSupervisor {
  #current: LocalNeo4j;
  #stopping = false;
  restarts = 0;

  constructor(
    first: LocalNeo4j,
    private readonly start: () => Promise<LocalNeo4j>,
    private readonly availability: Availability,
    private readonly log: (msg: string) => void,
  ) {
    this.#current = first;
    this.#watch(first);
  }

  get pid(): number | undefined {
    return this.#current.process.pid;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#current.stop();
  }

  #watch(neo: LocalNeo4j): void {
    void neo.exited.then((code) => {
      if (!this.#stopping && neo === this.#current) void this.#restart(code);
    });
  }

  async #restart(code: number | null): Promise<void> {
    this.availability.restarting();
    this.log(`Neo4j exited unexpectedly (${code === null ? 'killed by a signal' : `exit code ${code}`}); restarting it…`);
    let delay = FIRST_DELAY_MS;
    while (!this.#stopping) {
      try {
        const neo = await this.start();
        if (this.#stopping) return void (await neo.stop());
        this.#current = neo;
        this.restarts++;
        this.#watch(neo);
        this.log(`Neo4j is back (restart ${this.restarts}).`);
        return;
      } catch (err) {
        this.log(`Restarting Neo4j failed: ${(err as Error).message.split('\n')[0]}; next try in ${delay / 1000} s.`);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      }
    }
  }
}
