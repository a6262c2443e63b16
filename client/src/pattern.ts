/**
 * Pattern questions without Cypher (issue 30): a path of labelled steps with filters, turned into
 * parameterised read-only Cypher. Labels and relationship types come from the graph model only
 * (server/graph/model.ts), checked against it before they go into the text; everything the analyst
 * types (an entity, dates, a status) is a parameter. A new relationship type in the model shows up
 * here by itself.
 */
import { LABELS, nodeLabel, REL_SHAPES, relType, type NodeLabel, type RelType } from '../../server/graph/model.js';
import { lowerBound, upperBound, validDate } from './filters.js';

export interface PatternNode {
  label: NodeLabel;
  /** A node id chosen by type-ahead ("agency:MIIT"). */
  id?: string;
  /** Dates as the date filter takes them: 2023, 2023-06, 2023-06-30. */
  from?: string;
  to?: string;
  /** Policies: draft or final. */
  status?: string;
}
/** `out`: the previous node -[type]-> the next; `in`: the previous <-[type]- the next. */
export interface PatternHop {
  type: RelType;
  dir: 'out' | 'in';
}
export interface Pattern {
  nodes: PatternNode[];
  /** One fewer than nodes. */
  hops: PatternHop[];
}

/** Labels whose nodes carry a date the pattern can filter on. */
export const DATED: ReadonlySet<NodeLabel> = new Set<NodeLabel>(['Policy', 'NewsItem', 'Brief']);
export const MAX_STEPS = 6;
export const STATUSES = ['draft', 'final'];
export const PATTERN_LIMIT = 500;

/** The steps the model allows from a label: each relationship type in either direction, with the label it reaches. */
export function hopOptions(from: NodeLabel): { type: RelType; dir: 'out' | 'in'; to: NodeLabel }[] {
  const out: { type: RelType; dir: 'out' | 'in'; to: NodeLabel }[] = [];
  for (const [type, src, dst] of REL_SHAPES) {
    if (src === from) out.push({ type, dir: 'out', to: dst });
    if (dst === from) out.push({ type, dir: 'in', to: src });
  }
  return out;
}

/** "Agency MIIT ← ISSUED_BY ← Policy [2023]": the pattern in words, for the preview and the query's comment. */
export function describePattern(p: Pattern, name: (id: string, index: number) => string = (id) => id): string {
  const node = (n: PatternNode, i: number) => {
    const bits = [
      n.id ? name(n.id, i) : '',
      n.from || n.to ? `[${n.from ?? '…'}${n.to !== n.from ? ` – ${n.to ?? '…'}` : ''}]` : '',
      n.status ? `[${n.status}]` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return `${LABELS[n.label].display}${bits ? ` ${bits}` : ''}`;
  };
  return p.nodes
    .map((n, i) => (i === 0 ? node(n, i) : `${p.hops[i - 1]!.dir === 'out' ? `→ ${p.hops[i - 1]!.type} →` : `← ${p.hops[i - 1]!.type} ←`} ${node(n, i)}`))
    .join(' ');
}

/** The Cypher and its parameters, or what is wrong with the pattern. */
export function toCypher(p: Pattern, limit = PATTERN_LIMIT): { query: string; params: Record<string, unknown> } | { error: string } {
  if (!p.nodes.length) return { error: 'Choose what the pattern starts from.' };
  if (p.nodes.length > MAX_STEPS) return { error: `At most ${MAX_STEPS} nodes in a pattern.` };
  if (p.hops.length !== p.nodes.length - 1) return { error: 'Each step needs a relationship.' };
  const params: Record<string, unknown> = {};
  const where: string[] = [];
  let match = '';
  for (let i = 0; i < p.nodes.length; i++) {
    const n = p.nodes[i]!;
    // The model's names only: anything else never reaches the query text.
    if (!nodeLabel.options.includes(n.label)) return { error: `Step ${i + 1}: “${String(n.label)}” is not a label of the graph.` };
    if (i > 0) {
      const hop = p.hops[i - 1]!;
      const prev = p.nodes[i - 1]!.label;
      if (!relType.options.includes(hop.type) || !hopOptions(prev).some((o) => o.type === hop.type && o.dir === hop.dir && o.to === n.label))
        return {
          error: `Step ${i + 1}: no ${hop.type} ${hop.dir === 'out' ? 'from' : 'to'} ${prev} ${hop.dir === 'out' ? 'to' : 'from'} ${n.label} in the graph model.`,
        };
      match += hop.dir === 'out' ? `-[:${hop.type}]->` : `<-[:${hop.type}]-`;
    }
    const v = `n${i}`;
    if (n.id) {
      params[v] = n.id;
      match += `(${v}:${n.label} {id: $${v}})`;
    } else match += `(${v}:${n.label})`;
    for (const [k, d] of [
      ['from', n.from],
      ['to', n.to],
    ] as const) {
      if (!d) continue;
      if (!DATED.has(n.label)) return { error: `Step ${i + 1}: ${LABELS[n.label].plural} have no date to filter on.` };
      if (!validDate(d)) return { error: `Step ${i + 1}: “${d}” is not a date: use 2023, 2023-06 or 2023-06-30.` };
      const param = `${v}${k === 'from' ? 'From' : 'To'}`;
      params[param] = k === 'from' ? lowerBound(d) : upperBound(d);
      // toString: the date is a Neo4j date or an ISO string; either reads YYYY-MM-DD.
      where.push(`toString(${v}.date) ${k === 'from' ? '>=' : '<='} $${param}`);
    }
    if (n.status) {
      if (n.label !== 'Policy') return { error: `Step ${i + 1}: only policies have a draft or final status.` };
      if (!STATUSES.includes(n.status)) return { error: `Step ${i + 1}: a status is ${STATUSES.join(' or ')}.` };
      params[`${v}Status`] = n.status;
      where.push(`${v}.status = $${v}Status`);
    }
  }
  params.limit = limit;
  const vars = p.nodes.map((_, i) => `n${i}`).join(', ');
  // Checked above: labels, types, dates and statuses are the model's or validated; ids show as their parameters.
  const query = [
    `// Pattern: ${describePattern(p, (_, i) => `$n${i}`)}`,
    `MATCH ${match}`,
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    `RETURN ${vars}`,
    'LIMIT $limit',
  ]
    .filter(Boolean)
    .join('\n');
  return { query, params };
}
