/**
 * Facts of the sample briefs in seeds/ that the curation tests correct, found by hand: two names
 * for one carmaker, a news site taken for a company, and one policy's sector.
 */
export const SEED_FACTS = {
  keep: 'company:brilliance-auto',
  drop: 'company:bmw-brilliance',
  notACompany: 'company:yahoo',
  /** The news item that mentions the news site. */
  notACompanyNews: 'news:002_99a66f531def86f7:c9',
  policy: 'policy:2023-01-06:notice-on-carrying-out-pilot-work-on-identification-standards-for-expe',
  sector: 'sector:science-technology',
} as const;
