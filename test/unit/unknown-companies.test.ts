import { describe, expect, it } from 'vitest';
import { AgencyResolver } from '../../server/extract/agencies.js';
import { CompanyFinder } from '../../server/extract/companies.js';
import { loadRegistry } from '../../server/extract/registry.js';
import { extractText } from '../../server/import/pipeline.js';

// Invented firms that no registry lists, named the way news sections name small companies.
const registry = loadRegistry();
const finder = () =>
  new CompanyFinder({
    gazetteer: registry.companies,
    agencies: new AgencyResolver(registry.agencies),
    outlets: registry.outlets,
    places: registry.places,
    cues: registry.companyCues,
  });
const names = (text: string) =>
  finder()
    .find(text, 'corporate-news')
    .map((m) => m.name);

describe('companies the registry does not know', () => {
  it.each([
    ['battery start-up X', 'Battery start-up Qingtao Energy raised CNY 1 billion in a Series B round.', 'Qingtao Energy'],
    ['X, a Shenzhen-based chipmaker', 'Xinsheng Semiconductor, a Shenzhen-based chipmaker, opened a 12-inch wafer line.', 'Xinsheng Semiconductor'],
    ['chipmaker X said', 'On Monday, chipmaker Hexin Micro said it would double capacity.', 'Hexin Micro'],
    ['a sentence-initial cue: "Chipmaker X said"', 'Chipmaker Hexin Micro said it would double capacity.', 'Hexin Micro'],
    ['robotics unicorn X', 'Logistics unicorn Kuaiyun Robotics signed a deal with a port operator.', 'Kuaiyun Robotics'],
    ['firms such as X and Y', 'Lidar firms such as Weiguang Tech and Ruixin Optics cut prices.', 'Weiguang Tech'],
  ])('%s', (_what, text, name) => {
    expect(names(text)).toContain(name);
  });

  it.each([
    ['"the start-up said"', 'The start-up said it would expand abroad.'],
    ['an outlet in the cue position', 'Caixin, a business news platform, reported the deal.'],
    ['a place in the cue position', 'Hefei, a city that courted EV makers for years, opened a new park.'],
    ['a place before "-based"', 'A Shenzhen-based start-up opened an office.'],
    ['an agency among companies', 'Partners including the Ministry of Commerce backed the fund.'],
    ['a product after its maker', 'Smartphone maker Xiaomi launched the Mi 11 Ultra, its new flagship phone.'],
  ])('not a company: %s', (_what, text) => {
    expect(names(text).filter((n) => n !== 'Xiaomi')).toEqual([]);
  });

  it('marks cue-found companies registry: false and gazetteer companies registry: true', () => {
    const brief = [
      'MARCH 6, 2024',
      'Noteworthy',
      'Corporate news',
      '  • March 2: Battery start-up Qingtao Energy and CATL signed a supply deal (Caixin article)',
      '  • March 3: Xinsheng Semiconductor, a Shenzhen-based chipmaker, opened a 12-inch wafer line (Xinsheng Semiconductor press release)',
    ].join('\n');
    const g = extractText(brief, 'firms.txt');
    const companies = Object.fromEntries(g.nodes.filter((n) => n.label === 'Company').map((n) => [n.properties.name, n.properties.registry]));
    expect(companies).toEqual({ 'Qingtao Energy': false, CATL: true, 'Xinsheng Semiconductor': false });
    expect(g.nodes.some((n) => n.label === 'Company' && n.properties.name === 'Caixin')).toBe(false);
  });
});
