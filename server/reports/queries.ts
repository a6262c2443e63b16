import fs from 'node:fs';
import { fromRoot } from '../paths.js';

/** The report queries live in cypher/reports/ so analysts can read and adapt them. */
const NAMES = [
  'agency-totals',
  'agency-by-year',
  'agency-policies',
  'agency-coissuers',
  'agency-sectors',
  'agency-targets',
  'agency-news',
  'agency-companies',
  'agency-companies-count',
  'company-totals',
  'company-by-year',
  'company-mentions',
  'company-sectors',
  'company-policies',
  'company-agencies',
  'company-peers',
  'company-peers-count',
] as const;
export type ReportQuery = (typeof NAMES)[number];

export const reportQueries = Object.fromEntries(NAMES.map((n) => [n, fs.readFileSync(fromRoot('cypher/reports', `${n}.cypher`), 'utf8')])) as Record<
  ReportQuery,
  string
>;
