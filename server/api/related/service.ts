import neo4j, { type Node, type Path } from 'neo4j-driver';
import { z } from 'zod';
import { labelOfId } from '../../graph/model.js';
import type { Executor } from '../../graph/executor.js';
import { nodeKey } from '../../graph/values.js';
import { ElementCollector, elementsSchema } from '../elements.js';
import { HttpError } from '../errors.js';
import { QUESTIONS, type Strength } from './questions.js';

const evidenceSchema = z.object({ type: z.string(), text: z.string(), brief: z.string().nullable(), line: z.number().nullable() });
export const relatedSchema = z.object({
  id: z.string(),
  question: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      name: z.string(),
      strength: z.enum(['direct', 'news', 'sector']),
      relation: z.string(),
      evidence: z.array(evidenceSchema),
    }),
  ),
  elements: elementsSchema,
});
export type Related = z.infer<typeof relatedSchema>;

/** Rows read per pattern: enough for this corpus's hubs, bounded for bigger ones. */
const PATHS_PER_PATTERN = 400;
const EVIDENCE_PER_ITEM = 4;
const RANK: Record<Strength, number> = { direct: 0, news: 1, sector: 2 };

function display(n: Node): string {
  const p = n.properties;
  if (n.labels.includes('NewsItem')) return `news of ${String(p.date)}`;
  return String(p.acronym || p.name || p.title || nodeKey(n));
}

/**
 * The one-step question of a node (QUESTIONS): every answer once, strongest link first, with how
 * it is related and the sentences that say so. Throws HttpError 400 for a label without a
 * question, 404 for an unknown node.
 */
export async function readRelated(executor: Executor, id: string): Promise<Related> {
  const label = labelOfId(id)!;
  const question = QUESTIONS[label];
  if (!question) throw new HttpError(400, `No one-step question for ${label} nodes (asked of companies, agencies and policies).`);
  const found = await executor.read(
    async (tx) => {
      const exists = (await tx.run(`MATCH (n:${label} {id: $id}) RETURN count(n) AS c`, { id })).records[0]?.get('c');
      if (!Number(exists)) return undefined;
      const out: { strength: Strength; how: (via: string[]) => string; paths: Path[] }[] = [];
      for (const p of question.patterns) {
        const rows = await tx.run(p.cypher, { id, limit: neo4j.int(PATHS_PER_PATTERN) });
        out.push({ strength: p.strength, how: p.how, paths: rows.records.map((r) => r.get('path') as Path) });
      }
      return out;
    },
    { timeoutMs: 10_000, metadata: { feature: 'related' } },
  );
  if (!found) throw new HttpError(404, `No node with id "${id}".`);

  const collector = new ElementCollector();
  const items = new Map<
    string,
    {
      id: string;
      label: string;
      name: string;
      strength: Strength;
      how: (via: string[]) => string;
      via: Set<string>;
      evidence: Map<string, z.infer<typeof evidenceSchema>>;
    }
  >();
  for (const pattern of found) {
    for (const path of pattern.paths) {
      const end = path.end;
      const key = nodeKey(end);
      if (key === id) continue;
      const existing = items.get(key);
      // The strongest pattern that finds a node explains it; weaker ones add nothing.
      if (existing && RANK[existing.strength] < RANK[pattern.strength]) continue;
      collector.add(path);
      const item =
        existing && existing.strength === pattern.strength
          ? existing
          : {
              id: key,
              label: end.labels[0] ?? 'Node',
              name: display(end),
              strength: pattern.strength,
              how: pattern.how,
              via: new Set<string>(),
              evidence: new Map(),
            };
      items.set(key, item);
      // Between the start and the answer: for a company's policy via a sector, the sector.
      const middle = path.segments.slice(0, -1).map((s) => s.end);
      const named = middle.filter((n) => !n.labels.includes('NewsItem') || middle.length === 1);
      for (const n of named.length ? [named[named.length - 1]!] : []) item.via.add(display(n));
      // The hop nearest the answer says most about it: evidence from the end backwards.
      for (const s of [...path.segments].reverse()) {
        const r = s.relationship;
        const text = r.properties.evidence as string | undefined;
        if (!text || item.evidence.size >= EVIDENCE_PER_ITEM || item.evidence.has(text)) continue;
        item.evidence.set(text, {
          type: r.type,
          text,
          brief: (r.properties.brief as string | undefined) ?? null,
          line: r.properties.line === undefined ? null : Number(r.properties.line),
        });
      }
    }
  }
  const list = [...items.values()]
    .map((i) => ({ id: i.id, label: i.label, name: i.name, strength: i.strength, relation: i.how([...i.via]), evidence: [...i.evidence.values()] }))
    .sort((a, b) => RANK[a.strength] - RANK[b.strength] || a.label.localeCompare(b.label) || a.name.localeCompare(b.name));
  return relatedSchema.parse({ id, question: question.title, items: list, elements: collector.elements() });
}
