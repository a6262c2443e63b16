/** Character spans of mentions in a text: [start, end), end exclusive. */

export type Span = [start: number, end: number];

/** Characters already claimed by a mention: a mention may not overlap another. */
export class TakenSpans {
  readonly #taken: Uint8Array;
  constructor(length: number) {
    this.#taken = new Uint8Array(length);
  }
  free(s: number, e: number): boolean {
    for (let i = s; i < e; i++) if (this.#taken[i]) return false;
    return true;
  }
  take(s: number, e: number): void {
    this.#taken.fill(1, s, e);
  }
}

/** The span of a sorted, non-overlapping list that contains position `s`, if any. */
export function spanAt(spans: Span[], s: number): Span | undefined {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![0] <= s) lo = mid + 1;
    else hi = mid;
  }
  const span = spans[lo - 1];
  return span && s < span[1] ? span : undefined;
}
