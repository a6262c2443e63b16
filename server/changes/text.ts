import { LABELS } from '../graph/model.js';
import type { Changes } from './service.js';

/** The answer of GET /api/changes as lines a person reads in a terminal. */
export function printChanges(c: Changes): string {
  if (!c.imports.length) return 'No import recorded since then.\n';
  const out: string[] = [];
  for (const i of c.imports) {
    const briefs = Object.entries(i.briefs)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ');
    out.push(`import ${i.id} (${i.origin}, ${i.at}): ${i.files} file(s); briefs ${briefs}`);
  }
  if (!c.types.length) out.push('Nothing added or removed.');
  for (const t of c.types) {
    for (const [what, list] of [
      ['new', t.added],
      ['gone', t.removed],
    ] as const) {
      if (!list.total) continue;
      out.push(`${what} ${LABELS[t.label].plural} (${list.total}):`);
      for (const n of list.items) out.push(`  ${n.id}  ${n.name}${n.date ? `  (${n.date})` : ''}`);
      if (list.total > list.items.length) out.push(`  … and ${list.total - list.items.length} more (--type ${t.label} --limit N)`);
    }
  }
  out.push(`relationships: ${c.relationships.added} added, ${c.relationships.removed} removed`);
  if (c.latest) out.push(`(the latest import is ${c.latest}; pass it as --since next time)`);
  return `${out.join('\n')}\n`;
}
