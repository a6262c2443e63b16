/**
 * How a fact was read, as the details panel says it. Policies of the earlier briefing layout
 * (2020–21) and their issuers are read from a sentence (`extraction: 'prose'`), not from labelled
 * Article/Issuing body/Date lines: the analyst should check them against that sentence.
 */
export const PROSE_MARKER = 'derived from prose';

/** The note shown for a node or edge read from prose, or undefined. */
export function proseNote(props: Record<string, unknown>): string | undefined {
  if (props.extraction !== 'prose') return undefined;
  return `${PROSE_MARKER}: read from the sentence below, not from labelled Article/Issuing body/Date lines. Check title, issuers and date against it.`;
}

/** A date as the source stated it: "2021-01" when only the month is known (stored as its first day). */
export function shownDate(props: Record<string, unknown>): string | undefined {
  const d = props.date;
  if (typeof d !== 'string') return undefined;
  if (props.datePrecision === 'month') return `${d.slice(0, 7)} (month only)`;
  if (props.datePrecision === 'year') return `${d.slice(0, 4)} (year only)`;
  return d;
}
