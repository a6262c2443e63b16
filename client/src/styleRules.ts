/**
 * Style and filter rules as pure functions: which elements a rule matches, what each element
 * looks like under a list of rules (later rules win), presets, and the legend's sentences. No
 * Cytoscape here, so it is tested in Node; stylePanel.ts puts the looks on the canvas.
 */
import type { StyleRule } from '../../server/api/views/style.js';
import { LABELS, type NodeLabel } from '../../server/graph/model.js';
import { lowerBound, upperBound } from './filters.js';

export type { StyleRule };

/** Whole-graph measures fetched from POST /api/nodes/measures (server/api/nodes/measures.ts). */
export const MEASURES = ['graphDegree', 'policiesLed', 'mentions'] as const;

/** The fields offered in the rule form, with the words the legend uses. */
export const FIELDS: Record<string, string> = {
  label: 'type',
  graphDegree: 'links in the graph',
  policiesLed: 'policies led',
  mentions: 'news items naming it',
  degree: 'links on the canvas',
  date: 'date',
  status: 'status (draft or final)',
  extraction: 'extraction ("prose": read from a sentence)',
  kind: 'kind',
  type: 'type property',
  name: 'name',
  weak: 'weak link (same sector, place, outlet)',
};

/**
 * Labels a link passes through when it only means "in the same …": the same set the path search
 * calls weak (WEAK_VIA in server/api/paths/router.ts).
 */
const WEAK_VIA = new Set(['Sector', 'Place', 'Outlet', 'Target', 'Brief']);
export const isWeakEdge = (sourceLabel: string, targetLabel: string) => WEAK_VIA.has(sourceLabel) || WEAK_VIA.has(targetLabel);

export interface Subject {
  id: string;
  on: 'node' | 'edge';
  /** Node label or relationship type. */
  label: string;
  data: Record<string, unknown>;
}

export interface Look {
  color?: string;
  size?: number;
  shape?: string;
  label?: string;
  hidden?: boolean;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function compare(v: unknown, op: StyleRule['op'], want: string | undefined): boolean {
  if (op === 'any') return true;
  const missing = v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);
  if (op === 'exists') return !missing;
  if (op === 'missing') return missing;
  if (missing) return op === '!=';
  const w = (want ?? '').trim();
  const text = Array.isArray(v) ? v.join(' ') : String(v);
  if (op === 'contains') return text.toLowerCase().includes(w.toLowerCase());
  if (op === '=' || op === '!=') return (text.toLowerCase() === w.toLowerCase()) === (op === '=');
  // >= and <=: numbers as numbers, dates as dates ("<= 2023" takes in all of 2023), else text.
  const n = Number(w);
  if (typeof v === 'number' || (typeof v !== 'boolean' && w !== '' && !Number.isNaN(n) && !Number.isNaN(Number(text)) && !DATE.test(w))) {
    return op === '>=' ? Number(text) >= n : Number(text) <= n;
  }
  if (DATE.test(w)) return op === '>=' ? text >= lowerBound(w) : text.slice(0, 10) <= upperBound(w);
  return op === '>=' ? text >= w : text <= w;
}

export function matches(rule: StyleRule, s: Subject): boolean {
  if (rule.on !== s.on) return false;
  if (rule.label && rule.label !== s.label) return false;
  const v = rule.field === 'label' ? s.label : s.data[rule.field];
  return compare(v, rule.op, rule.value);
}

/** Sizes mapped from a measure run from this to that many pixels across the matched elements. */
export const SIZE_RANGE = { node: [22, 72], edge: [1, 8] } as const;

/** Each element's look under the rules, in order (a later rule overrides an earlier one). */
export function looks(rules: StyleRule[], subjects: Subject[]): Map<string, Look> {
  const out = new Map<string, Look>();
  for (const rule of rules) {
    const hit = subjects.filter((s) => matches(rule, s));
    let scale: ((s: Subject) => number) | undefined;
    if (rule.action === 'size' && rule.arg?.startsWith('by:')) {
      const field = rule.arg.slice(3);
      const val = (s: Subject) => Number(s.data[field] ?? 0) || 0;
      const vals = hit.map(val);
      const lo = Math.min(...vals);
      const hi = Math.max(...vals);
      const [a, b] = SIZE_RANGE[rule.on];
      scale = (s) => (hi > lo ? a + ((b - a) * (val(s) - lo)) / (hi - lo) : (a + b) / 2);
    }
    for (const s of hit) {
      const look = out.get(s.id) ?? {};
      if (rule.action === 'hide') look.hidden = true;
      else if (rule.action === 'color') look.color = rule.arg!;
      else if (rule.action === 'shape') look.shape = rule.arg!;
      else if (rule.action === 'size') look.size = scale ? Math.round(scale(s)) : Number(rule.arg);
      else if (rule.action === 'label') {
        const v = s.data[rule.arg!];
        look.label = v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
      }
      out.set(s.id, look);
    }
  }
  return out;
}

/** Whether a rule needs the whole-graph measures. */
export const needsMeasures = (rules: StyleRule[]) =>
  rules.some((r) => (MEASURES as readonly string[]).includes(r.field) || (MEASURES as readonly string[]).some((m) => r.arg === `by:${m}`));

const labelWords = (r: StyleRule) =>
  r.on === 'node' ? (r.label ? (LABELS[r.label as NodeLabel]?.plural ?? r.label) : 'nodes') : r.label ? `${r.label} links` : 'links';

/** The legend's sentence for a rule: its name, or one made from it. */
export function describeRule(r: StyleRule): string {
  if (r.name) return r.name;
  const field = FIELDS[r.field] ?? r.field;
  const cond =
    r.op === 'any' ? '' : r.op === 'exists' ? ` with a ${field}` : r.op === 'missing' ? ` without a ${field}` : ` with ${field} ${r.op} ${r.value ?? ''}`;
  const what = `${labelWords(r)}${cond}`;
  switch (r.action) {
    case 'hide':
      return `Hidden: ${what}`;
    case 'color':
      return `${what[0]!.toUpperCase()}${what.slice(1)}`;
    case 'size':
      return r.arg?.startsWith('by:')
        ? `${what[0]!.toUpperCase()}${what.slice(1)}, sized by ${FIELDS[r.arg.slice(3)] ?? r.arg.slice(3)}`
        : `${what}: size ${r.arg}`;
    case 'shape':
      return `${what[0]!.toUpperCase()}${what.slice(1)} (${r.arg})`;
    case 'label':
      return `${what[0]!.toUpperCase()}${what.slice(1)}, labelled by ${FIELDS[r.arg ?? ''] ?? r.arg}`;
  }
}

/** The presets the panel offers as one click each. */
export const PRESETS: Record<string, { title: string; rule: StyleRule }> = {
  'hide-news': { title: 'Hide news items', rule: { on: 'node', label: 'NewsItem', field: 'label', op: 'any', action: 'hide', name: 'News items hidden' } },
  'drafts-colour': {
    title: 'Drafts in another colour',
    rule: { on: 'node', label: 'Policy', field: 'status', op: '=', value: 'draft', action: 'color', arg: '#ed8936', name: 'Draft policies' },
  },
  'agencies-by-policies': {
    title: 'Size agencies by policies led',
    rule: { on: 'node', label: 'Agency', field: 'policiesLed', op: 'any', action: 'size', arg: 'by:policiesLed', name: 'Agencies sized by policies led' },
  },
  'hide-weak': {
    title: 'Hide weak links (same sector…)',
    rule: { on: 'edge', field: 'weak', op: '=', value: 'true', action: 'hide', name: 'Weak links hidden' },
  },
  'prose-colour': {
    title: 'Facts read from prose in another colour',
    rule: { on: 'node', field: 'extraction', op: '=', value: 'prose', action: 'color', arg: '#d53f8c', name: 'Read from a sentence (prose)' },
  },
};

/** The preset a rule is, if it is one (the panel shows presets as ticked boxes). */
export const presetOf = (r: StyleRule) => Object.keys(PRESETS).find((k) => JSON.stringify(PRESETS[k]!.rule) === JSON.stringify(r));
