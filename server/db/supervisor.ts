import type { Availability } from './availability.js';
import type { LocalNeo4j } from './local.js';

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
/** How often the watch asks Neo4j for a trivial read (more often when the restart is sooner). */
const PROBE_EVERY_MS = 5000;

/** Restart a Neo4j that stays unresponsive: `probe` rejects while it answers no query. */
export interface ResponsivenessWatch {
  probe: () => Promise<unknown>;
  restartAfterMs: number;
}

/**
 * Keeps the bundled Neo4j that this process started alive: when it exits without being asked
 * to (killed, crashed), it is started again on the same port and data folder, with backoff
 * between failed attempts. Meanwhile the API answers 503 "restarting" at once. With a `watch`,
 * a Neo4j that is running but answers no query for `restartAfterMs` (stuck after a memory bomb,
 * issue 32) is killed and started the same way.
 */
export class LocalSupervisor {
  #current: LocalNeo4j;
  #stopping = false;
  #watchTimer: NodeJS.Timeout | undefined;
  /** When the current streak of failed probes began. */
  #unresponsiveSince: number | undefined;
  restarts = 0;

  constructor(
    first: LocalNeo4j,
    private readonly start: () => Promise<LocalNeo4j>,
    private readonly availability: Availability,
    private readonly log: (msg: string) => void,
    private readonly watch?: ResponsivenessWatch,
  ) {
    this.#current = first;
    this.#watch(first);
    this.#scheduleProbe();
  }

  get pid(): number | undefined {
    return this.#current.process.pid;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#watchTimer);
    await this.#current.stop();
  }

  #watch(neo: LocalNeo4j): void {
    void neo.exited.then((code) => {
      if (!this.#stopping && neo === this.#current) void this.#restart(code);
    });
  }

  #scheduleProbe(): void {
    if (!this.watch || this.#stopping) return;
    const every = Math.min(PROBE_EVERY_MS, Math.max(250, this.watch.restartAfterMs / 4));
    this.#watchTimer = setTimeout(() => void this.#probe(), every);
    this.#watchTimer.unref();
  }

  async #probe(): Promise<void> {
    const neo = this.#current;
    // While it restarts, the restart is what is being waited for.
    if (this.availability.state === 'restarting') this.#unresponsiveSince = undefined;
    else {
      try {
        await this.watch!.probe();
        this.#unresponsiveSince = undefined;
      } catch (err) {
        const now = Date.now();
        this.#unresponsiveSince ??= now;
        const forMs = now - this.#unresponsiveSince;
        if (forMs >= this.watch!.restartAfterMs && neo === this.#current && !this.#stopping) {
          this.log(`Neo4j has answered no query for ${Math.round(forMs / 1000)} s (${(err as Error).message}); killing and restarting it…`);
          this.#unresponsiveSince = undefined;
          this.availability.restarting();
          neo.process.kill('SIGKILL');
        }
      }
    }
    this.#scheduleProbe();
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
