import { z } from 'zod';
import { wellFormedString } from '../wellFormed.js';
import { labelOfId } from '../graph/model.js';

// Free text is refused with a lone surrogate (server/wellFormed.ts).
const text = wellFormedString;

/** What a watch-list may follow. */
export const WATCHABLE = ['Agency', 'Company', 'Sector', 'Policy'] as const;
export const MAX_WATCHED = 200;

export const watchedId = text()
  .min(3)
  .max(300)
  .refine((id) => (WATCHABLE as readonly string[]).includes(labelOfId(id) ?? ''), `not an agency, company, sector or policy id (e.g. agency:MIIT)`);

export const watchListInput = z
  .object({
    name: text().trim().min(1).max(120),
    entities: z.array(watchedId).max(MAX_WATCHED),
    /** Who made it; filled in by accounts (issue 33) once there are any. */
    author: text().trim().max(120).optional(),
  })
  .strict();
export type WatchListInput = z.infer<typeof watchListInput>;

export const watchListIdSchema = z.string().regex(/^[A-Za-z0-9_-]{12}$/);
export const watchListSchema = watchListInput.extend({ id: watchListIdSchema, created: z.string(), updated: z.string() });
export type WatchList = z.infer<typeof watchListSchema>;
