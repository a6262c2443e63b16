import { z } from 'zod';

/**
 * A lone surrogate (half of a UTF-16 pair, "\ud800") is valid JSON but not Unicode: it cannot be
 * written out as UTF-8 and comes back as U+FFFD (from a state file or from Neo4j), so what was
 * stored no longer equals what was sent (a view, a note, a correction that undo must find again).
 * Every store that keeps free text refuses it with this one check, before anything is written.
 */
// ES2024's String.prototype.isWellFormed (Node 20+; the project's TypeScript lib is ES2023).
export const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

export const WELL_FORMED_MESSAGE = 'not well-formed Unicode (a lone surrogate, half of a character, such as \\ud800); send whole characters';

/** A string refused with a message naming the problem when it holds a lone surrogate. */
export const wellFormedString = (): z.ZodString => z.string().refine(isWellFormed, WELL_FORMED_MESSAGE);
