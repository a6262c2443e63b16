import type { NewsLine } from '../parse/schema.js';
import type { CompanyFinder, CompanyMention } from './companies.js';
import { compileOnce, matchPhrases, phraseIndex, type PhraseIndex } from './normalize.js';
import type { DocumentWords } from './registry.js';
import { isKnown, mayStateDocument, readStatement, sentences, type Statement, type StatementContext } from './statement.js';

/**
 * The policy document a dated news line announces ("December 28: NDRC and MOST released the
 * “Implementation Plan for …”"), read by the same sentence reader as write-ups (extract/statement.ts),
 * or nothing. A line where a body acts without a document (a meeting, a fine, statistics) makes no
 * statement; this module further drops what the reader cannot tell from grammar: foreign bodies,
 * subjects that are no public body, and a single firm's approval ("SAMR approved Geely's plan").
 */

export interface NewsPolicy extends Statement {
  /** The sentence the policy was read from: the first of the line. */
  sentence: string;
  /** 'local' when the issuers are provincial or city bodies (not the registry's central ones). */
  level: 'central' | 'local';
}

export interface NewsPolicyContext extends StatementContext {
  companies: CompanyFinder;
}

/** Unresolved issuers of a news-line policy must be public bodies (an association or a bank is not). */
const PUBLIC_BODY =
  /\b(?:ministry|ministries|commission|administration|council|bureau|office|committee|department|agency|government|regulator|authority|court|procuratorate|congress|leading group|people's bank)\b/i;

/** `firms`: the companies found in the line (for the news item). */
export function readNewsPolicy(n: NewsLine, firms: CompanyMention[], ctx: NewsPolicyContext): NewsPolicy | undefined {
  if (!mayStateDocument(n.text, ctx.words)) return undefined;
  // The first sentence carries the news; later ones are background ("the plan follows the 2021 …").
  const sentence = /[.!?] /.test(n.text) ? sentences(n.text, 1)[0] : n.text.trim();
  if (!sentence) return undefined;
  const st = readStatement(sentence, ctx);
  if (!st) return undefined;
  const { parts } = st.issuers;
  if (hasAny(st.issuers.text, bodyWords(ctx.words).foreign)) return undefined;
  let local = false;
  for (const p of parts) {
    const known = isKnown(p, ctx.agencies);
    if (!known && !PUBLIC_BODY.test(p)) return undefined;
    if (!known && !local) local = isLocal(p, ctx);
  }
  if (namesAFirm(st.title, firms, ctx.companies)) return undefined;
  return { ...st, sentence, level: local ? 'local' : 'central' };
}

/** "Beijing City Government", "Guangdong Provincial Department of Commerce": a provincial or city body. */
function isLocal(name: string, ctx: NewsPolicyContext): boolean {
  if (hasAny(name, bodyWords(ctx.words).local)) return true;
  for (const w of name.split(/\s+/)) if (/^[A-Z]/.test(w) && ctx.companies.isPlace(w.replace(/['’]s$/, ''))) return true;
  return false;
}

/** A document of one firm ("Xiaomi's listing plan") is an approval, not a policy. */
function namesAFirm(title: string, firms: CompanyMention[], companies: CompanyFinder): boolean {
  const lower = title.toLowerCase();
  for (const m of firms) if (companies.inRegistry(m.name) && lower.includes(m.name.toLowerCase())) return true;
  return false;
}

/** Foreign and local body words as word sequences, matched on the words the other matchers split. */
const bodyWords = compileOnce((words: DocumentWords) => ({ foreign: phraseIndex(words.foreignBodies), local: phraseIndex(words.localBodies) }));

const hasAny = (text: string, index: PhraseIndex) => matchPhrases(text, index).length > 0;
