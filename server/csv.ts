/**
 * The one CSV writer (RFC 4180, CRLF between records), for report items and the explorer's
 * downloads alike. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with ' so it opens as text; numbers and booleans are written as they are (-5 stays -5).
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
