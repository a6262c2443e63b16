import { z } from 'zod';
import type { Section } from './document.js';

/**
 * Analysts' notes on the report's subject ("checked against the gov.cn text", server/notes), with
 * author and date: a reader of the report sees what the team said about it, as in the details
 * panel. Newest last, as written.
 */
export const analystNote = z.object({ text: z.string(), author: z.string().optional(), at: z.string() });
export type AnalystNote = z.infer<typeof analystNote>;

/** The notes as a section of the document; none when there are none. */
export function analystNotesSection(notes: readonly AnalystNote[]): Section[] {
  if (!notes.length) return [];
  return [
    {
      title: "Analysts' notes",
      blocks: [{ kind: 'table', head: ['Note', 'By', 'On'], rows: notes.map((n) => [n.text, n.author ?? '—', n.at.slice(0, 10)]), empty: '' }],
    },
  ];
}
