/**
 * The date filter as pure functions: validation, bounds, and the closure that also hides
 * undated nodes (companies, sectors, outlets) left without a visible neighbour.
 */

export interface DateRange {
  from?: string;
  to?: string;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A date as typed: "", "2022", "2022-06" or "2022-06-30", with a real month and day. */
export function validDate(v: string): boolean {
  if (!v) return true;
  const m = DATE.exec(v);
  if (!m) return false;
  const month = m[2] ? Number(m[2]) : 1;
  if (month < 1 || month > 12) return false;
  if (!m[3]) return true;
  const day = Number(m[3]);
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

/** Parses both ends; an error names the bad one. */
export function parseRange(from: string, to: string): { range: DateRange } | { error: string } {
  const f = from.trim();
  const t = to.trim();
  if (!validDate(f)) return { error: `“${f}” is not a date: use 2022, 2022-06 or 2022-06-30.` };
  if (!validDate(t)) return { error: `“${t}” is not a date: use 2022, 2022-06 or 2022-06-30.` };
  if (f && t && lowerBound(f) > upperBound(t)) return { error: `“From” (${f}) is after “To” (${t}).` };
  return { range: { ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) } };
}

export const lowerBound = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
export const upperBound = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);

/** Date range filter: "2022" means all of 2022; undated elements always pass. */
export function inDateRange(date: unknown, from?: string, to?: string): boolean {
  if (typeof date !== 'string' || !date) return true;
  if (from && date < lowerBound(from)) return false;
  if (to && date > upperBound(to)) return false;
  return true;
}

export const isActive = (r: DateRange) => !!(r.from || r.to);

/** Whether a month ("2022-06") lies in the range; "To 2022" takes in all of 2022's months. */
export function monthInRange(month: string, range: DateRange): boolean {
  if (range.from && month < lowerBound(range.from).slice(0, 7)) return false;
  if (range.to && month > upperBound(range.to).slice(0, 7)) return false;
  return true;
}

export interface FilterNode {
  id: string;
  date?: unknown;
}
export interface FilterEdge {
  source: string;
  target: string;
}

/**
 * Which nodes the filter hides: dated nodes outside the range, and undated nodes (companies,
 * sectors, outlets) that no longer reach a visible dated node through undated ones. Undated
 * nodes whose part of the canvas never held a dated node (a lone agency) stay.
 */
export function filterClosure(nodes: FilterNode[], edges: FilterEdge[], range: DateRange): { hidden: Set<string>; byDate: number; orphaned: number } {
  const hidden = new Set<string>();
  if (!isActive(range)) return { hidden, byDate: 0, orphaned: 0 };
  const neighbours = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (e.source === e.target || !neighbours.has(e.source) || !neighbours.has(e.target)) continue;
    neighbours.get(e.source)!.push(e.target);
    neighbours.get(e.target)!.push(e.source);
  }
  const dated = new Set(nodes.filter((n) => typeof n.date === 'string' && n.date).map((n) => n.id));
  for (const n of nodes) if (!inDateRange(n.date, range.from, range.to)) hidden.add(n.id);
  const byDate = hidden.size;
  // Undated nodes reachable from a visible dated node, walking through undated nodes only.
  const reached = new Set<string>();
  const queue = nodes.filter((n) => dated.has(n.id) && !hidden.has(n.id)).map((n) => n.id);
  while (queue.length) {
    const id = queue.pop()!;
    for (const m of neighbours.get(id) ?? []) {
      if (dated.has(m) || reached.has(m)) continue;
      reached.add(m);
      queue.push(m);
    }
  }
  // Undated nodes that touch dated content (directly or through undated nodes) but reach none visible.
  const touchesDated = new Set<string>();
  const seen = new Set<string>();
  for (const n of nodes) {
    if (dated.has(n.id) || seen.has(n.id)) continue;
    // One component of undated nodes at a time.
    const comp: string[] = [];
    let touches = false;
    const stack = [n.id];
    seen.add(n.id);
    while (stack.length) {
      const id = stack.pop()!;
      comp.push(id);
      for (const m of neighbours.get(id) ?? []) {
        if (dated.has(m)) touches = true;
        else if (!seen.has(m)) {
          seen.add(m);
          stack.push(m);
        }
      }
    }
    if (touches) comp.forEach((id) => touchesDated.add(id));
  }
  for (const n of nodes) if (!dated.has(n.id) && touchesDated.has(n.id) && !reached.has(n.id)) hidden.add(n.id);
  return { hidden, byDate, orphaned: hidden.size - byDate };
}
