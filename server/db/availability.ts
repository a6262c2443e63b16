/**
 * What the app knows about the database between queries. Once a query finds Neo4j unreachable,
 * or the supervisor says it is restarting, requests are answered at once with 503 instead of each
 * waiting on connection attempts; a background probe notices when it answers again.
 */
export type DatabaseState = 'up' | 'down' | 'restarting';

export class Availability {
  #state: DatabaseState = 'up';
  #probing = false;
  #closed = false;

  /** `probe` resolves when the database answers (e.g. the driver's verifyConnectivity). */
  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly intervalMs = 1000,
  ) {}

  get state(): DatabaseState {
    return this.#state;
  }

  /** A query could not reach the database. */
  failed(): void {
    if (this.#state === 'up') this.#state = 'down';
    this.#startProbing();
  }

  /** The supervisor is starting the bundled Neo4j again. */
  restarting(): void {
    this.#state = 'restarting';
    this.#startProbing();
  }

  close(): void {
    this.#closed = true;
  }

  #startProbing(): void {
    if (this.#probing || this.#closed) return;
    this.#probing = true;
    const tick = async () => {
      if (this.#closed) return void (this.#probing = false);
      try {
        await this.probe();
        this.#state = 'up';
        this.#probing = false;
      } catch {
        setTimeout(() => void tick(), this.intervalMs).unref();
      }
    };
    setTimeout(() => void tick(), this.intervalMs).unref();
  }
}
