/**
 * `fn` with the results for the last `size` texts kept. Extraction asks about the same sentence
 * several times in a row (its tokens, its sentence marks, its cleaned evidence), then moves on for
 * good. Looked up by === rather than a Map: hashing a long text costs more than comparing it with
 * a few others, which mostly differ in length.
 */
export function rememberRecent<T>(size: number, fn: (text: string) => T): (text: string) => T {
  const texts: string[] = [];
  const values: T[] = [];
  let next = 0;
  return (text) => {
    for (let i = 0; i < texts.length; i++) if (texts[i] === text) return values[i]!;
    const value = fn(text);
    texts[next] = text;
    values[next] = value;
    next = (next + 1) % size;
    return value;
  };
}
