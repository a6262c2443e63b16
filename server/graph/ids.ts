import { createHash } from 'node:crypto';
import { nodeId } from './model.js';
import { memoise, slug } from '../extract/normalize.js';

/**
 * Node ids from what a fact is, never from where a brief puts it: an inserted news line, a
 * reordered write-up or a second brief naming the same plan must land on the same node, so that
 * corrections and saved views keep following the fact (issue 27). One function per label whose
 * key is not a registry id or a name slug.
 */

/**
 * Characters of a normalised English title kept whole in a key. Titles often share long openings
 * ("Notice of the General Office of the Ministry of Industry and Information Technology on …" is 84
 * characters before it says what it is about), so a cut key made two documents one node (issue 28):
 * a longer title keeps its start and a hash of the whole, which also bounds an id's size.
 */
const TITLE_KEY = 160;
/** The cut of the first id scheme (issue 27), kept to find its ids (curation/migrateIds.ts). */
const LEGACY_TITLE_KEY = 70;
/** Characters of a news item's text kept in its id. */
const NEWS_KEY = 60;

/**
 * A title as compared across briefs: case, quotes, a leading article and punctuation do not make
 * another document; a "Draft" or a "(2021-2025)" stays one (the draft, and the plan for another
 * period, is its own document).
 * Remembered: a news line's policy is looked up among the write-ups' titles, then given its id,
 * by the same key.
 */
export const titleKey = memoise((title: string): string => boundedSlug(comparable(title), TITLE_KEY));

const comparable = (title: string) =>
  title
    .normalize('NFKC')
    .replace(/[“”"‘’'《》]/g, '')
    .replace(/^(?:the|a|an)\s+/i, '');

/** The whole slug, or for a longer one its start and the first 8 hex digits of the whole's SHA-1. */
function boundedSlug(s: string, max: number): string {
  const whole = slug(s, Infinity);
  if (whole.length <= max) return whole;
  return `${whole.slice(0, max - 9).replace(/-+$/, '')}-${createHash('sha1').update(whole).digest('hex').slice(0, 8)}`;
}

/** A Chinese title without its brackets, quotes and spaces ("《关于…的通知》" = "关于…的通知"). */
export function titleZhKey(titleZh: string): string {
  return slug(titleZh.normalize('NFKC').replace(/\s+/g, ''), 120);
}

/**
 * A policy: its Chinese title when the brief gives one (the document's own name, the same in every
 * brief), else its normalised English title and lead issuer ("policy:action-plan-for-…:miit"). No
 * date and no position: a later brief's mention of the plan is the same node.
 */
export function policyNodeId(p: { title: string; titleZh?: string | undefined; leadIssuer?: string | undefined }): string {
  const zh = p.titleZh ? titleZhKey(p.titleZh) : '';
  if (zh) return nodeId('Policy', zh);
  return nodeId('Policy', `${titleKey(p.title) || 'untitled'}:${p.leadIssuer ? issuerKey(p.leadIssuer) : 'unnamed'}`);
}

/**
 * The id a policy has now, when `id` is the one the importer before issue 28 gave it (its English
 * title cut at 70 characters: "policy:<cut title>:<issuer>"); else undefined. The issuer is read
 * from the id itself, not from the graph's lead issuer, which a curation may have moved since.
 */
export function uncutPolicyId(id: string, title: string): string | undefined {
  const m = /^policy:([^:]+):([^:]+)$/.exec(id);
  const cut = slug(comparable(title), LEGACY_TITLE_KEY);
  const whole = titleKey(title);
  if (!m || m[1] !== cut || cut === whole) return undefined;
  return nodeId('Policy', `${whole}:${m[2]}`);
}

/** "agency:MIIT" → "miit", "agency:unresolved:beijing-city-government" → "beijing-city-government". */
function issuerKey(agencyId: string): string {
  return slug(agencyId.replace(/^agency:(?:unresolved:)?/, ''), 60);
}

/**
 * A news item: its date and the start of its normalised text ("news:2022-12-28:ndrc-and-most-released-…").
 * Two lines of one day that share those words are told apart by the caller (see Builder.newsId).
 */
export function newsNodeId(n: { date: string; text: string }): string {
  // Only the start is kept: slugging the whole text (and remembering it) cost a fifth of the news
  // items' extraction. Twice the kept length leaves room for the punctuation the slug drops.
  const start = n.text.slice(0, 2 * NEWS_KEY);
  const key = asciiSlug(start, NEWS_KEY) ?? slug(start.normalize('NFKC').replace(/[“”"‘’']/g, ''), NEWS_KEY);
  return nodeId('NewsItem', `${n.date}:${key || 'untitled'}`);
}

/**
 * What the general path above gives for a text of ASCII characters only (most news lines), in one
 * pass and without a memo: each line's text is met once, so remembering it only filled the memo.
 * Quotes are dropped, "&" reads "and", any other run of non-alphanumerics is one "-". Undefined
 * for any other character: normalisation and CJK are the general path's.
 */
function asciiSlug(s: string, max: number): string | undefined {
  let out = '';
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c > 127) return undefined;
    if (c === 34 || c === 39) continue;
    if (c === 38) {
      out += out ? '-and' : 'and';
      gap = true;
      continue;
    }
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && out) out += '-';
      gap = false;
      out += String.fromCharCode(c);
    } else gap = true;
  }
  return out.slice(0, max).replace(/-+$/, '');
}
