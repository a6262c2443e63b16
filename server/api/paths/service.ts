import type { Node } from 'neo4j-driver';
import { z } from 'zod';
import { labelOfId, nodeId, RELATIONSHIPS } from '../../graph/model.js';
import type { Executor } from '../../graph/executor.js';
import { nodeKey, toJson } from '../../graph/values.js';
import { ElementCollector, elementsSchema } from '../elements.js';
import { HttpError } from '../errors.js';
import { nodeIdParam } from '../params.js';
import { searchShortestPaths, WEAK_VIA } from './search.js';

export const pathsQuery = z
  .object({
    from: nodeIdParam,
    to: nodeIdParam,
    maxLength: z.coerce.number().int().min(1).max(6).default(4),
    limit: z.coerce.number().int().min(1).max(25).default(5),
  })
  .refine((q) => q.from !== q.to, { message: 'from and to must differ', path: ['to'] });

const hopSchema = z.object({
  from: z.string(),
  to: z.string(),
  type: z.string(),
  text: z.string(),
  evidence: z.string().nullable(),
  brief: z.string().nullable(),
  /** The line of the brief's file that holds the evidence. */
  line: z.number().nullable(),
  briefTitle: z.string().nullable(),
  briefDate: z.string().nullable(),
  /** Set when this hop is half of a co-occurrence ("same sector"): a weak link. */
  weak: z.string().nullable(),
});
export const pathsResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  paths: z.array(z.object({ length: z.number().int(), weakLinks: z.number().int(), explanation: z.string(), hops: z.array(hopSchema) })),
  elements: elementsSchema,
});
export type PathsQuery = z.infer<typeof pathsQuery>;
export type PathsResult = z.infer<typeof pathsResultSchema>;

function display(n: Node): string {
  const p = n.properties;
  if (n.labels.includes('NewsItem')) return `the news of ${p.date} (“${String(p.text).slice(0, 70)}${String(p.text).length > 70 ? '…' : ''}”)`;
  if (n.labels.includes('Policy')) return `“${p.title}” (${p.date})`;
  return String(p.acronym || p.name || p.title || nodeKey(n));
}

/**
 * Shortest paths between two nodes, strong links first, each hop in words with its sentence and
 * brief. Throws HttpError 404 when either end does not exist.
 */
export async function findPaths(executor: Executor, q: PathsQuery): Promise<PathsResult> {
  const { missing, paths, briefs } = await executor.read(
    async (tx) => {
      const found = await searchShortestPaths(tx, { ...q, fromLabel: labelOfId(q.from)!, toLabel: labelOfId(q.to)! });
      const ids = [...new Set(found.paths.flatMap((p) => p.segments.map((s) => s.relationship.properties.brief as string | undefined)).filter(Boolean))].map(
        (b) => nodeId('Brief', b!),
      );
      const rows = ids.length ? (await tx.run('MATCH (b:Brief) WHERE b.id IN $ids RETURN b.id AS id, b.title AS title, b.date AS date', { ids })).records : [];
      return {
        ...found,
        briefs: new Map(rows.map((r) => [String(r.get('id')).slice(6), { title: r.get('title') as string, date: toJson(r.get('date')) as string | null }])),
      };
    },
    { timeoutMs: 10_000, metadata: { feature: 'paths' } },
  );
  if (missing) throw new HttpError(404, `No node with id "${q[missing]}".`);
  const collector = new ElementCollector();
  const out = paths.map((p) => {
    const weak = p.segments.slice(0, -1).filter((s) => WEAK_VIA[s.end.labels[0] ?? '']).length;
    collector.add(p);
    const hops = p.segments.map((s, i) => {
      // A hop into or out of an intermediate Sector (Place, …) is half of a co-occurrence.
      const into = i < p.segments.length - 1 ? WEAK_VIA[s.end.labels[0] ?? ''] : undefined;
      const outOf = i > 0 ? WEAK_VIA[s.start.labels[0] ?? ''] : undefined;
      const r = s.relationship;
      const forward = r.startNodeElementId === s.start.elementId;
      const [src, dst] = forward ? [s.start, s.end] : [s.end, s.start];
      const brief = (r.properties.brief as string | undefined) ?? null;
      const b = brief ? briefs.get(brief) : undefined;
      return {
        from: nodeKey(s.start),
        to: nodeKey(s.end),
        type: r.type,
        text: `${display(src)} ${RELATIONSHIPS[r.type as keyof typeof RELATIONSHIPS]?.verb ?? r.type.toLowerCase()} ${display(dst)}`,
        evidence: (r.properties.evidence as string | undefined) ?? null,
        brief,
        line: r.properties.line === undefined ? null : Number(r.properties.line),
        briefTitle: b?.title ?? null,
        briefDate: b?.date ?? null,
        weak: into ?? outOf ?? null,
      };
    });
    const parts = hops.map((h, i) => (h.weak && hops[i - 1]?.weak === h.weak ? `${h.text} [weak link: ${h.weak}]` : h.text));
    return { length: hops.length, weakLinks: weak, explanation: `${parts.join('; ')}.`, hops };
  });
  return pathsResultSchema.parse({ from: q.from, to: q.to, paths: out, elements: collector.elements() });
}
