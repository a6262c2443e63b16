import neo4j, { type Integer } from 'neo4j-driver';

/**
 * Extracted property values → the Neo4j types analysts query with. The dry-run JSON keeps plain
 * strings and numbers (its contract and the seed scorer read them); only the graph write converts.
 *
 * - Whole numbers become integers: the driver sends every JS number as a float, so a target year
 *   would otherwise read `2025.0` in Cypher tables and `valueType()` would say FLOAT.
 * - `date` properties become Neo4j dates, so `date.truncate`, `duration.between` and
 *   `p.date >= date('2022-01-01')` work. A month-only ("2024-03") or year-only ("2024") date is
 *   stored as its first day with `datePrecision: 'month' | 'year'`, so no precision is invented
 *   silently; full dates carry `datePrecision: 'day'`.
 */

type Plain = string | number | boolean | string[] | number[];
export type Typed = string | number | boolean | Integer | InstanceType<typeof neo4j.types.Date> | string[] | (number | Integer)[];

/** Properties holding calendar dates (ISO strings in the extracted graph). */
const DATE_KEYS = new Set(['date']);

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export type DatePrecision = 'day' | 'month' | 'year';

/** "2024-03-05" | "2024-03" | "2024" → a Neo4j date and how much of it the source stated; undefined otherwise. */
export function toNeo4jDate(iso: string): { date: InstanceType<typeof neo4j.types.Date>; precision: DatePrecision } | undefined {
  const m = ISO.exec(iso.trim());
  if (!m) return undefined;
  const precision: DatePrecision = m[3] ? 'day' : m[2] ? 'month' : 'year';
  return { date: new neo4j.types.Date(Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)), precision };
}

/** Whole numbers as Neo4j integers (the driver sends every JS number as a float). */
export const typedNumber = (n: number): number | Integer => (Number.isSafeInteger(n) ? neo4j.int(n) : n);

/** One property map, typed for writing. Unknown shapes pass through unchanged. */
export function typedProps(props: Record<string, Plain>): Record<string, Typed> {
  const out: Record<string, Typed> = {};
  for (const [k, v] of Object.entries(props)) {
    if (DATE_KEYS.has(k) && typeof v === 'string') {
      const d = toNeo4jDate(v);
      if (d) {
        out[k] = d.date;
        out[`${k}Precision`] = d.precision;
        continue;
      }
    }
    if (typeof v === 'number') out[k] = typedNumber(v);
    // A list property must hold one type: integers only when every element is whole.
    else if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'number'))
      out[k] = (v as number[]).every(Number.isSafeInteger) ? (v as number[]).map((x) => neo4j.int(x)) : v;
    else out[k] = v;
  }
  return out;
}
