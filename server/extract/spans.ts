/** Character spans of mentions in a text: [start, end), end exclusive. */

export type Span = [start: number, end: number];

/**
 * Characters already claimed by a mention: a mention may not overlap another. A sentence holds a
 * few mentions, kept as a list; a per-character map of the text (allocating one for every sentence
 * searched was the largest single cost extraction gained this round) takes over past a handful, so
 * a line of thousands of mentions stays linear.
 */
export class TakenSpans {
  static readonly #listMax = 16;
  readonly #spans: Span[] = [];
  #map: Uint8Array | undefined;
  constructor(readonly length: number) {}
  free(s: number, e: number): boolean {
    if (this.#map) {
      for (let i = s; i < e; i++) if (this.#map[i]) return false;
      return true;
    }
    for (const [ts, te] of this.#spans) if (s < te && ts < e) return false;
    return true;
  }
  take(s: number, e: number): void {
    if (this.#map) {
      this.#map.fill(1, s, e);
      return;
    }
    this.#spans.push([s, e]);
    if (this.#spans.length > TakenSpans.#listMax) {
      this.#map = new Uint8Array(this.length);
      for (const [ts, te] of this.#spans) this.#map.fill(1, ts, te);
    }
  }
}

/** The span of a sorted, non-overlapping list that contains position `s`, if any. */
export function spanAt(spans: Span[], s: number): Span | undefined {
  if (!spans.length) return undefined;
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
