/**
 * Subquery expressions (`COLLECT {}`, `COUNT {}`, `EXISTS {}`) inside another expression — a list
 * comprehension, `CASE`, `reduce`, a predicate, a map projection — are planned as nested plans:
 * their operators are not children in the plan the driver reports, and the only trace of them is
 * their text in the Details of the operator that evaluates the outer expression (issue 32: a
 * `LOAD CSV` and `db.stats.retrieve` ran that way). That text is Neo4j's own rendering of the
 * parsed query (keywords in capitals, literals quoted, procedures resolved to `ResolvedCall(name(…`),
 * and the check on it fails closed: a nested subquery passes only when every keyword in it belongs
 * to a read-only clause or expression. Anything else, a word this list does not know included, is
 * refused; the analyst can write the same subquery as a `CALL {}` clause, whose operators the plan
 * does show.
 */

/** Keywords Neo4j prints for read-only clauses and expressions. */
const READ_WORDS: ReadonlySet<string> = new Set(
  [
    'MATCH OPTIONAL WHERE WITH RETURN AS DISTINCT ORDER BY ASC ASCENDING DESC DESCENDING SKIP OFFSET LIMIT UNION ALL UNWIND',
    'AND OR XOR NOT IS NULL TRUE FALSE IN STARTS ENDS CONTAINS CASE WHEN THEN ELSE END COLLECT COUNT EXISTS',
    'SHORTEST PATH PATHS ANY GROUP GROUPS NFC NFD NFKC NFKD NORMALIZED',
    // Types in `IS :: …` and casts.
    'BOOLEAN STRING INTEGER FLOAT DATE LOCAL ZONED TIME DATETIME DURATION POINT NODE RELATIONSHIP MAP LIST PROPERTY VALUE NOTHING',
  ]
    .join(' ')
    .split(' '),
);

export type NestedRefusal =
  { reason: 'load-csv' } | { reason: 'procedure'; procedure: string } | { reason: 'nested'; word: string } | { reason: 'unreadable'; at: string };

/**
 * Checks one operator's Details (or any text argument) for subquery expressions that may not run
 * in the console; undefined when there are none, or only read-only ones.
 */
export function checkNested(text: string, allowedProcedures: ReadonlySet<string>): NestedRefusal | undefined {
  // On the raw text as well as the masked one: a quote the masking misreads cannot hide these.
  if (/\bLOAD\s+CSV\b/i.test(text)) return { reason: 'load-csv' };
  for (const m of text.matchAll(/ResolvedCall\(\s*([^\s(]*)\(/g)) {
    if (!allowedProcedures.has(m[1]!)) return { reason: 'procedure', procedure: m[1]! };
  }
  if (!/\b(?:COLLECT|COUNT|EXISTS)\s*\{|ResolvedCall/.test(text)) return undefined;
  const masked = mask(text);
  if (masked === undefined) return { reason: 'unreadable', at: text.slice(0, 80) };
  const calls = withoutAllowedCalls(masked, allowedProcedures);
  if (typeof calls !== 'string') return calls;
  for (const start of calls.matchAll(/\b(?:COLLECT|COUNT|EXISTS)\s*\{/g)) {
    const open = start.index + start[0].length - 1;
    const close = matching(calls, open, '{', '}');
    if (close === undefined) return { reason: 'unreadable', at: calls.slice(start.index, start.index + 80) };
    const refusal = checkBody(calls.slice(open + 1, close));
    if (refusal) return refusal;
  }
  return undefined;
}

function checkBody(body: string): NestedRefusal | undefined {
  // A CALL {} subquery inside is read like the rest of the body; procedure calls print as
  // ResolvedCall and were handled before.
  const text = body.replace(/\bCALL\s*(?:\([^(){}]*\)\s*)?\{/g, '{');
  // Capitalised words not in a label, type, property or parameter position, nor a map key.
  for (const m of text.matchAll(/(?<![\w.:|&!$%])([A-Z][A-Z_]+)\b(?!\s*:(?!:))/g)) {
    if (!READ_WORDS.has(m[1]!)) return { reason: 'nested', word: m[1]! };
  }
  // Neo4j's internal forms (UnresolvedCall(…), …) that a nested subquery should never contain.
  const internal = /\b([A-Z][a-z]+[A-Z]\w*)\(/.exec(text);
  if (internal) return { reason: 'nested', word: internal[1]! };
  return undefined;
}

/** Removes `ResolvedCall(…)` blocks of allowed procedures, so their signatures are not read as clauses. */
function withoutAllowedCalls(masked: string, allowed: ReadonlySet<string>): string | NestedRefusal {
  let out = masked;
  for (;;) {
    const at = out.indexOf('ResolvedCall(');
    if (at < 0) return out;
    const name = /^ResolvedCall\(([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\(/.exec(out.slice(at))?.[1];
    if (!name || !allowed.has(name)) return { reason: 'procedure', procedure: name ?? out.slice(at, at + 60) };
    const close = matching(out, at + 'ResolvedCall'.length, '(', ')');
    if (close === undefined) return { reason: 'unreadable', at: out.slice(at, at + 80) };
    out = `${out.slice(0, at)}_${out.slice(close + 1)}`;
  }
}

/**
 * The text with every string literal replaced by `""` and every backticked name by `_`, so that
 * neither can fake or hide a keyword or a brace. Neo4j prints strings in double quotes (single
 * quotes in procedure signatures) with backslash escapes, and doubles a backtick inside a name.
 * undefined when a literal or name does not end.
 */
export function mask(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return undefined;
      out += '""';
      i = j;
    } else if (c === '`') {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) return undefined;
        if (text[j] === '`' && text[j + 1] === '`') j += 2;
        else if (text[j] === '`') break;
        else j++;
      }
      out += '_';
      i = j;
    } else out += c;
  }
  return out;
}

/** Index of the bracket that closes the one at `open`, in masked text. */
function matching(text: string, open: number, left: string, right: string): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === left) depth++;
    else if (text[i] === right && --depth === 0) return i;
  }
  return undefined;
}
