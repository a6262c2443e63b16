/**
 * A path's one-line summary. A weak link is one co-occurrence (two things in the same sector):
 * it takes two hops, both drawn dashed, so the line names the hops too — "1 weak link(s)" over
 * two dashed hops read as a miscount.
 */
export function pathSummary(index: number, p: { length: number; weakLinks: number; hops: { weak: string | null }[] }): string {
  const hops = p.hops.filter((h) => h.weak).length;
  // The server counts weak links as the shared sectors (places, outlets) a path passes through.
  const links = p.weakLinks;
  const head = `Path ${index + 1}: ${p.length} step(s)`;
  if (!hops) return `${head} — all direct`;
  const via = [...new Set(p.hops.map((h) => h.weak).filter(Boolean))].join(', ');
  return `${head} — ${links} weak link${links === 1 ? '' : 's'} (${hops} dashed hop${hops === 1 ? '' : 's'}: ${via})`;
}
