/**
 * Short, distinct canvas labels per node type. Pure: tested in Node. The full text stays in
 * `data.name` (shown on hover and selection); the canvas draws `data.short`.
 */
import { DEFAULTS } from './defaults.js';

/** Document-type openings shared by many policy titles; they say nothing about the subject. */
const POLICY_PREFIXES = [
  /^["“”]?\s*14th\s+Five[- ]Year["“”]?\s+(Special\s+)?Plan\s+(for|on)\s+(the\s+)?/i,
  /^(Three|Five)[- ]year\s+Action\s+Plan\s+(to|for|on)\s+(the\s+)?/i,
  /^(Guiding\s+|Implementation\s+|Several\s+)?Opinions\s+(of\s+.{0,90}?\s+)?(on|regarding|about|to)\s+(the\s+)?/i,
  /^(Implementation|Action|Work|Special)\s+Plan\s+(to|for|on)\s+(the\s+)?/i,
  /^(Interim\s+|Administrative\s+|Several\s+)?Measures\s+(for|on|to)\s+(the\s+)?/i,
  /^(Circular|Notice|Announcement|Decision)\s+(of\s+.{0,60}?\s+)?(on|regarding|about)\s+(the\s+)?/i,
  /^Announcement\s+of\s+(the\s+)?/i,
  /^Guidelines?\s+(for|on)\s+(the\s+)?/i,
];
/** Openings that carry no meaning on their own after the prefix is gone. */
const FILLER =
  /^(Accelerate|Accelerating|Promote|Promoting|Further|Carrying\s+out|Carry\s+out|Launching|Improving|Building|Organizing\s+and\s+Carrying\s+out\s+the\s+Work\s+of)\s+(the\s+)?/i;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2022-12-15" → "Dec 2022"; anything else unchanged. */
export function monthLabel(date: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** Cuts at a word boundary near `max`, with an ellipsis. */
export function clip(text: string, max: number = DEFAULTS.labels.maxChars): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  if (s[max - 1] === ' ') return `${cut}…`;
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

export function shortPolicyTitle(title: string): string {
  let s = title.trim();
  for (const re of POLICY_PREFIXES) {
    const next = s.replace(re, '');
    if (next !== s && next.length > 8) {
      s = next;
      break;
    }
  }
  const unfilled = s.replace(FILLER, '');
  if (unfilled.length > 8) s = unfilled;
  s = s.replace(/^["“”]+|["“”]+$/g, '').replace(/\s*\((Draft|Expert)[^)]*\)\s*$/i, ' (draft)');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** News: "Dec 2022 · State Council issued a Five-Year…" (date first, then the opening words). */
export function shortNews(text: string, date?: string): string {
  const body = text.replace(/^\d{4}-\d{2}(-\d{2})?\s*[:–—-]\s*/, '').replace(/^(The|A|An)\s+/, '');
  return `${date ? `${monthLabel(date)} · ` : ''}${clip(body, DEFAULTS.labels.maxChars - 6)}`;
}

/** Briefs: their topics and date, not the series name every brief shares. */
export function shortBrief(title: string, topics: unknown, date?: string): string {
  const list = Array.isArray(topics) ? topics.map(String).filter(Boolean) : [];
  const what = list.length ? list.join(' + ') : title.replace(/^MERICS China Industries\s*[:–—-]?\s*/i, '').replace(/^\(.*\)$/, '') || 'Brief';
  return `${date ? `${date} · ` : ''}${clip(what, DEFAULTS.labels.maxChars - 4)}`;
}

/** The canvas label of a node from its data (as the API sends it). */
export function shortLabel(d: Record<string, unknown>): string {
  const name = String(d.name ?? d.title ?? d.id ?? '');
  const date = typeof d.date === 'string' ? d.date : undefined;
  switch (d.label) {
    case 'Agency':
      return clip(String(d.acronym || name));
    case 'Policy':
      return clip(shortPolicyTitle(String(d.title ?? name)));
    case 'NewsItem':
      return shortNews(String(d.text ?? name), date);
    case 'Brief':
      return shortBrief(String(d.title ?? name), d.topics, date);
    case 'Target':
      return clip(String(d.text ?? name), DEFAULTS.labels.maxChars - 4);
    default:
      return clip(name);
  }
}

/** The full text for hover and selection. */
export function fullLabel(d: Record<string, unknown>): string {
  const name = String(d.title ?? d.name ?? d.text ?? d.id ?? '');
  const date = typeof d.date === 'string' ? d.date : '';
  if (d.label === 'Agency' && d.acronym && d.acronym !== name) return `${String(d.acronym)} — ${name}`;
  if (date && !name.startsWith(date)) return `${name} (${date})`;
  return name;
}
