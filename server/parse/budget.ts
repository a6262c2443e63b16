import { BriefError } from './schema.js';

/** Reading one brief takes milliseconds; ten seconds means something is wrong with the file. */
export const DEFAULT_BRIEF_BUDGET_MS = 10_000;

/** A brief that took longer than its time budget to parse and extract. */
export class BriefTimeoutError extends BriefError {
  constructor(
    file: string,
    line: number | undefined,
    readonly budgetMs: number,
  ) {
    super(
      file,
      line,
      `reading the brief took longer than ${budgetMs / 1000} s and was stopped${line ? ' here' : ''}. Is it a MERICS brief? Look for very long lines or repeated text.`,
    );
    this.name = 'BriefTimeoutError';
  }
}

/**
 * The time budget of one brief. Parsing and extraction are synchronous, so they check it
 * themselves at line, write-up and news-item boundaries: every step between two checks is linear
 * in its input, so a brief can overrun its budget only by one such step. What cannot check it (a
 * library call, a regex gone wrong) is stopped from outside: the import reads briefs on a thread
 * that is terminated a second after the budget (server/import/briefReader.ts).
 */
export class Deadline {
  readonly #end: number;

  constructor(
    readonly file: string,
    readonly budgetMs = DEFAULT_BRIEF_BUDGET_MS,
  ) {
    this.#end = performance.now() + budgetMs;
  }

  /** Throws BriefTimeoutError once the budget is spent; `line` says where the brief was. */
  check(line?: number): void {
    if (performance.now() > this.#end) throw new BriefTimeoutError(this.file, line, this.budgetMs);
  }

  /** Milliseconds left, for asynchronous work (PDF reading) that races a timer against it. */
  get remainingMs(): number {
    return Math.max(0, this.#end - performance.now());
  }
}
