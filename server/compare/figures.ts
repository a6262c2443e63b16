/**
 * The counts a comparison shows, in order, with their row titles: one list for the explorer's
 * dialog (client/src/compare.ts) and the report (render.ts), so both show the same rows.
 */
export const COMPARED_COUNTS = [
  ['policies', 'Policies'],
  ['news', 'News items'],
  ['agencies', 'Agencies linked'],
  ['sectors', 'Sectors linked'],
  ['companies', 'Companies linked'],
] as const;
