/** Date range filter: "2022" means all of 2022; undated elements (agencies, sectors) always pass. */
export function inDateRange(date: unknown, from?: string, to?: string): boolean {
  if (typeof date !== 'string' || !date) return true;
  if (from && date < lowerBound(from)) return false;
  if (to && date > upperBound(to)) return false;
  return true;
}

export const lowerBound = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
export const upperBound = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);
