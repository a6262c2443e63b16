import path from 'node:path';
import type { BriefOutcome } from './importer.js';
import { printable } from './printable.js';

/** The line for one brief: "ok      file: …", "kept    …", "FAILED  …", "UNKNOWN …". */
export function outcomeLine(o: BriefOutcome): string {
  if (o.ok) {
    if (o.kept)
      return `kept    ${printable(`${path.basename(o.file)}: a truncated copy of ${o.kept}, which was imported complete and is kept; nothing written`)}`;
    return `ok      ${printable(`${path.basename(o.file)}: ${o.nodes} nodes, ${o.relationships} relationships${o.truncatedAtLine ? `; TRUNCATED at line ${o.truncatedAtLine}` : ''}${o.sameAs ? `; same brief as ${o.sameAs}, replaced` : ''}`)}`;
  }
  return `${o.status === 'unknown' ? 'UNKNOWN' : 'FAILED '} ${printable(o.error ?? '')}`;
}

/**
 * Warnings grouped by what they say (line numbers aside), most frequent first: a message that
 * 200 briefs share is one entry with its count and the first few places, not 200 lines.
 */
export function summariseWarnings(outcomes: BriefOutcome[], firstN = 3): string[] {
  const groups = new Map<string, string[]>();
  for (const o of outcomes)
    for (const w of o.warnings) {
      const m = /^line (\d+): (.*)$/s.exec(w);
      const message = m ? m[2]! : w;
      const where = `${path.basename(o.file)}${m ? `:${m[1]}` : ''}`;
      groups.set(message, [...(groups.get(message) ?? []), where]);
    }
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(
      ([message, places]) =>
        `warning ${`(${places.length}×)`.padEnd(7)} ${printable(message)} — ${printable(places.slice(0, firstN).join(', '))}${places.length > firstN ? ', …' : ''}`,
    );
}

/** What Ctrl-C leaves: the briefs committed so far, and how to finish. */
export function interruptedLines(committed: BriefOutcome[], total: number): string[] {
  const written = committed.filter((o) => o.ok);
  return [
    `Interrupted: ${written.length} of ${total} brief(s) were committed${written.length ? ':' : '.'}`,
    ...written.map((o) => `  ${printable(path.basename(o.file))}${o.brief ? ` (${o.brief})` : ''}`),
    'A transaction in flight at Ctrl-C is rolled back or committed whole, never half. To import the rest, run the same command again: briefs already imported are replaced, not duplicated.',
  ];
}
