import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * How much one MCP answer may hold. A model reads every character of a tool result into its
 * context, so answers are far smaller than the API's: a list is cut where its JSON passes
 * `maxChars`, and says so (`truncated`, with a hint to narrow the question).
 */
export const MCP_LIMITS = Object.freeze({
  /** Serialised size of a tool's structured answer (about 4,000 tokens); the text rendering is of the same items. */
  maxChars: 16_000,
  /** Hard cap of the text rendering, whatever the items. */
  maxText: 20_000,
  /** Characters kept of one quoted sentence. */
  sentence: 300,
  /** Citations listed per item (a node's evidence lists more, one per fact). */
  citationsPerItem: 3,
  /**
   * Server-side limit of the MCP tools' own reads (search, names, citations, policies): an
   * assistant waits longer than a person typing ahead, and a cold start on a busy machine is slow.
   */
  timeoutMs: 15_000,
});

/** The leading items whose JSON fits in `budget` characters; at least one, so an answer is never empty for size alone. */
export function fit<T>(items: readonly T[], budget: number): { kept: T[]; omitted: number } {
  let used = 0;
  const kept: T[] = [];
  for (const item of items) {
    const size = JSON.stringify(item).length + 1;
    if (kept.length && used + size > budget) break;
    used += size;
    kept.push(item);
  }
  return { kept, omitted: items.length - kept.length };
}

/** The structured answer and its text rendering, the text capped at maxText. */
export function answer(structured: Record<string, unknown>, text: string): CallToolResult {
  const shown = text.length > MCP_LIMITS.maxText ? `${text.slice(0, MCP_LIMITS.maxText)}\n… [text cut at ${MCP_LIMITS.maxText} characters]` : text;
  return { content: [{ type: 'text', text: shown }], structuredContent: structured };
}

/** The closing line of a cut answer's text. */
export const truncationNote = (what: string, hint: string) => `\n[truncated: ${what}. ${hint}]`;
