/**
 * Facts of the sample briefs in seeds/ that the curation tests correct, found by hand: two names
 * for one carmaker, a news site taken for a company, and one policy's sector.
 */
export const SEED_FACTS = {
  keep: 'company:brilliance-auto',
  drop: 'company:bmw-brilliance',
  notACompany: 'company:yahoo',
  /** The news item that mentions the news site. */
  notACompanyNews: 'news:2021-11-01:yahoo-ends-its-presence-in-china-citing-an-increasingly-chal',
  policy: 'policy:科技部办公厅人力资源社会保障部办公厅关于在深圳-广州-杭州-重庆-上海-北京开展外籍-高精尖缺-人才认定标准试点工作的通知',
  sector: 'sector:science-technology',
} as const;
