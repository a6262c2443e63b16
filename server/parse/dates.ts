const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

export const monthIndex = (name: string): number => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace(/\.$/, '').slice(0, 3)));

/** A stored date, as every node and parameter carries it: "2024-03-06". */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date filter's bound: a year, a month or a day ("2024", "2024-03", "2024-03-06"). */
export const ISO_DATE_OR_PART = /^\d{4}(-\d{2}(-\d{2})?)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO date for a real calendar day, or undefined (rejects February 30). */
export function isoIfValid(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export type DateParse = { iso: string } | { error: string } | undefined;

/** "December 19, 2022", "April 02, 2024", "19 December 2022", "2022-12-19", "2022年12月19日". */
export function parseFullDate(text: string): DateParse {
  const s = text.trim();
  let m = new RegExp(`^${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'i').exec(s);
  if (m) return check(+m[3]!, monthIndex(m[1]!) + 1, +m[2]!, s);
  m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE},?\\s+(\\d{4})`, 'i').exec(s);
  if (m) return check(+m[3]!, monthIndex(m[2]!) + 1, +m[1]!, s);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(s);
  if (m) return check(+m[1]!, +m[2]!, +m[3]!, s);
  return undefined;
}

function check(y: number, mo: number, d: number, s: string): DateParse {
  const iso = isoIfValid(y, mo, d);
  return iso ? { iso } : { error: `"${s}" is not a valid calendar date` };
}

/** A news line's "Month D:" prefix; the year comes later from the brief's context. */
export function parseDayMonthPrefix(text: string): { month: number; day: number; year?: number; rest: string } | undefined {
  const m = DAY_MONTH_PREFIX.exec(text);
  if (!m) return undefined;
  return { month: monthIndex(m[1]!) + 1, day: +m[2]!, ...(m[4] ? { year: +m[4] } : {}), rest: m[6] ?? '' };
}
// Was `…(?:st|nd|rd|th)?\s*(?:,\s*(\d{4}))?\*?\s*[:：]\*?\s*(.*)$`: with no comma and no star the two
// \s* meet and share a long run of spaces every possible way (quadratic), and the last \s* gives
// back to (.*) one space at a time. (?=(\s*))\N takes the whole run and never gives it back (an
// atomic group): no match needed a part of the run, so the matches are the same.
const DAY_MONTH_PREFIX = new RegExp(`^\\*?${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?=(\\s*))\\3(?:,\\s*(\\d{4}))?\\*?\\s*[:：]\\*?(?=(\\s*))\\5(.*)$`, 'i');

/**
 * The year for a month/day with no year: the one that puts the date closest to the reference
 * date (the brief's date), so a January brief's "December 15" lands in the previous year.
 */
export function inferYear(month: number, day: number, reference: string): number {
  const ref = Date.parse(reference);
  const y = Number(reference.slice(0, 4));
  let best = y;
  let bestDist = Infinity;
  for (const cand of [y - 1, y, y + 1]) {
    const t = Date.UTC(cand, month - 1, Math.min(day, 28));
    const dist = Math.abs(t - ref);
    if (dist < bestDist) {
      bestDist = dist;
      best = cand;
    }
  }
  return best;
}

/** Stated publication date at the top of a brief: "DECEMBER 7, 2021", "MARCH 6, 2024 (REPORTING PERIOD …)". */
export function parseStatedBriefDate(line: string): string | undefined {
  const m = new RegExp(`^${MONTH_RE}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i').exec(line.trim());
  if (!m) return undefined;
  return isoIfValid(+m[3]!, monthIndex(m[1]!) + 1, +m[2]!);
}

/**
 * The month of a monthly briefing from its title: "MERICS China Industries Briefing - January 2021"
 * → "2021-01". Only a line that names a briefing: a month and year elsewhere are not its date.
 */
export function parseBriefingMonth(line: string): string | undefined {
  const m = BRIEFING_MONTH.exec(line.trim());
  if (!m) return undefined;
  const month = monthIndex(m[1]!) + 1;
  return month > 0 ? `${m[2]}-${pad(month)}` : undefined;
}
// One run of separators between "Briefing" and the month ([^\S]* would overlap with \s*).
const BRIEFING_MONTH = new RegExp(`\\bbriefing\\b[\\s\\-–—:|,]{0,6}${MONTH_RE}\\s+(\\d{4})$`, 'i');
