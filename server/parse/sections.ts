import { z } from 'zod';
import { loadDataFile } from '../dataFiles.js';

/**
 * The headings that open a brief's news section and its policy/corporate parts, from
 * server/extract/data/news-sections.json: each era of the briefs named them differently
 * ("Noteworthy", "In other news", "Other noteworthy developments"), and the next era will too.
 */
const sectionsSchema = z.object({
  sections: z.array(z.string().min(2)).min(1),
  policy: z.array(z.string().min(2)),
  corporate: z.array(z.string().min(2)),
});

export interface NewsHeadings {
  /** The heading that starts the news section. */
  isSection(text: string): boolean;
  /** 'policy' or 'corporate' for a sub-heading, undefined for any other line. */
  kindOf(text: string): 'policy' | 'corporate' | undefined;
}

/** "In other news:" and "IN OTHER NEWS" are the same heading; a longer line is not a heading. */
const headingKey = (text: string) =>
  text
    .replace(/[:：]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

let cached: NewsHeadings | undefined;

/** Loaded and validated once per process. */
export function newsHeadings(): NewsHeadings {
  if (cached) return cached;
  const data = loadDataFile('news-sections.json', sectionsSchema);
  const sections = new Set(data.sections.map(headingKey));
  const kinds = new Map<string, 'policy' | 'corporate'>([
    ...data.policy.map((h) => [headingKey(h), 'policy'] as const),
    ...data.corporate.map((h) => [headingKey(h), 'corporate'] as const),
  ]);
  cached = {
    // Headings are short; a long line is prose and never needs the key built.
    isSection: (text) => text.length < 60 && sections.has(headingKey(text)),
    kindOf: (text) => (text.length < 60 ? kinds.get(headingKey(text)) : undefined),
  };
  return cached;
}
