/**
 * How much a report lists. A report on a hub stays a document a person reads: each list shows its
 * first items (newest or most connected first) and says how many more there are; the items
 * endpoint (`/api/reports/:kind/:id/items`) pages through every list, also as CSV. The numbers
 * also bound what each report query reads into memory, so no report nears Neo4j's transaction
 * memory cap whatever the size of the hub.
 */
export const REPORT_LIMITS = Object.freeze({
  /** Newest policies an agency report lists (split into led and co-issued). */
  policies: 40,
  /** Most frequent co-issuers. */
  coIssuers: 15,
  /** Most targeted sectors (agency) or most tagged sectors (company). */
  sectors: 12,
  /** Targets of the newest policies. */
  targets: 30,
  /** Newest news items naming an agency. */
  news: 30,
  /** Most connected companies linked to an agency. */
  companies: 25,
  /** Newest mentions of a company. */
  mentions: 40,
  /** Newest policies on a company's sectors (policy and sector pairs). */
  companyPolicies: 30,
  /** Agencies behind those policies, most policies first. */
  agencies: 15,
  /** Other companies, those sharing an item first. */
  peers: 25,
  /** Dated entries of a company's timeline (its newest mentions and policies). */
  timeline: 40,
  /** Citations per listed item. */
  citations: 3,
  /** Examples per co-issuer or sector (policy titles or sentences). */
  examples: 5,
  /** Sectors through which weak links (same sector, no shared item) are looked for. */
  linkSectors: 3,
  /** Largest page the items endpoint serves in one response. */
  page: 500,
});
