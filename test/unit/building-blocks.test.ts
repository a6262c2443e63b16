// Extractor and helper building blocks on invented input: names, sentences and figures that are in
// none of the sample briefs, so a rule that only fits the seeds fails here.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileOnce } from '../../server/extract/normalize.js';
import { SectorTagger } from '../../server/extract/sectors.js';
import { TakenSpans } from '../../server/extract/spans.js';
import { rememberRecent } from '../../server/recent.js';
import { extractTargets } from '../../server/extract/targets.js';
import { formatIssues } from '../../server/issues.js';
import { inferYear, ISO_DATE, ISO_DATE_OR_PART, parseDayMonthPrefix, parseFullDate } from '../../server/parse/dates.js';
import { isoDate } from '../../server/parse/schema.js';

describe('date grammar', () => {
  it('reads the written forms of a full date', () => {
    expect(parseFullDate('Sept. 3, 2031')).toEqual({ iso: '2031-09-03' });
    expect(parseFullDate('14th February 2029')).toEqual({ iso: '2029-02-14' });
    expect(parseFullDate('2030-7-9 (revised)')).toEqual({ iso: '2030-07-09' });
    expect(parseFullDate('2027年11月30日')).toEqual({ iso: '2027-11-30' });
  });

  it('names an impossible day instead of rolling it over, and ignores what is no date', () => {
    expect(parseFullDate('February 30, 2031')).toEqual({ error: '"February 30, 2031" is not a valid calendar date' });
    expect(parseFullDate('Octember 3, 2031')).toBeUndefined();
    expect(parseFullDate('Chapter 12')).toBeUndefined();
  });

  it('takes a news line apart at its "Month D:" prefix', () => {
    const p = parseDayMonthPrefix('Aug 17: The Lakeshore Robotics Bureau fined two drone makers.');
    expect(p).toMatchObject({ month: 8, day: 17, rest: 'The Lakeshore Robotics Bureau fined two drone makers.' });
    expect(p?.year).toBeUndefined();
    expect(parseDayMonthPrefix('Lakeshore fined two drone makers on Aug 17.')).toBeUndefined();
  });

  it('gives a yearless date the year closest to the brief', () => {
    expect(inferYear(12, 28, '2031-01-05')).toBe(2030);
    expect(inferYear(1, 3, '2030-12-20')).toBe(2031);
    expect(inferYear(6, 1, '2030-06-20')).toBe(2030);
  });

  it('has one grammar for stored dates and one for filter bounds', () => {
    expect(['2031-04-05'].every((d) => ISO_DATE.test(d))).toBe(true);
    expect(['2031-4-5', '2031-04', '31-04-05', '2031-04-05T00:00'].some((d) => ISO_DATE.test(d))).toBe(false);
    expect(['2031', '2031-04', '2031-04-05'].every((d) => ISO_DATE_OR_PART.test(d))).toBe(true);
    expect(ISO_DATE_OR_PART.test('2031-4')).toBe(false);
    expect(isoDate.safeParse('05/04/2031').error?.issues[0]?.message).toBe('expected YYYY-MM-DD');
  });
});

describe('target extraction', () => {
  const units = ['charging piles', 'hydrogen stations'];

  it('finds money, percentages and counted units, but not bare years', () => {
    const [t] = extractTargets([{ text: 'Build 4,500 hydrogen stations and cut costs by 18 percent by 2033, with CNY 2.5 billion in grants.' }], '', units);
    expect(t?.values).toEqual(['4,500 hydrogen stations', '18 percent', 'CNY 2.5 billion']);
    expect(t?.year).toBe(2033);
  });

  it('takes the year from the summary when the bullet has none, and skips bullets with no quantity', () => {
    const targets = extractTargets(
      [{ text: 'Install 900 charging piles along rural roads.' }, { text: 'Encourage mutual recognition of test results.' }],
      'The plan runs until 2034 and covers three provinces.',
      units,
    );
    expect(targets).toEqual([{ text: 'Install 900 charging piles along rural roads.', values: ['900 charging piles'], year: 2034 }]);
  });

  it('does not count a unit the data file does not list', () => {
    expect(extractTargets([{ text: 'Plant 300 orchards.' }], '', units)).toEqual([]);
  });

  it('counts an acronym the write-up coins for a listed unit, and only in that write-up', () => {
    const withZones = [...units, 'zones'];
    const summary = 'The plan covers Marine Economy Demonstration Zones (MEDZ) along the coast.';
    const bullet = [{ text: 'Approve 45 new MEDZ and 12 MEDZs for offshore wind by 2030.' }];
    expect(extractTargets(bullet, summary, withZones)[0]?.values).toEqual(['45 new MEDZ', '12 MEDZ']);
    // Not defined here, or defined for something targets do not count: not a unit.
    expect(extractTargets(bullet, 'The plan covers the coast.', withZones)).toEqual([]);
    expect(extractTargets(bullet, 'The Marine Economy Development Board (MEDZ) leads.', withZones)).toEqual([]);
  });
});

describe('rememberRecent', () => {
  it('computes a text once while it is among the last few, again once it has dropped out', () => {
    const seen: string[] = [];
    const len = rememberRecent(2, (t: string) => (seen.push(t), t.length));
    expect([len('ab'), len('ab'), len('cde'), len('ab')]).toEqual([2, 2, 3, 2]);
    expect(seen).toEqual(['ab', 'cde']);
    len('f'); // 'ab' is now the oldest of more than two
    len('ab');
    expect(seen).toEqual(['ab', 'cde', 'f', 'ab']);
  });
});

describe('taken spans', () => {
  it('refuses any overlap, before and after it outgrows its short list', () => {
    const taken = new TakenSpans(1000);
    // Every third 10-character stretch: 0-10, 30-40, … 30 spans, past the list's size.
    for (let s = 0; s < 900; s += 30) {
      expect(taken.free(s, s + 10)).toBe(true);
      taken.take(s, s + 10);
      expect(taken.free(s, s + 10)).toBe(false);
      expect(taken.free(s + 9, s + 12)).toBe(false);
      expect(taken.free(s - 2, s + 1)).toBe(false);
      expect(taken.free(s - 5, s)).toBe(true);
      expect(taken.free(s + 10, s + 30)).toBe(true);
    }
    expect(taken.free(905, 1000)).toBe(true);
  });

  it('takes a span found by a later pass between earlier ones', () => {
    const taken = new TakenSpans(100);
    taken.take(50, 60);
    taken.take(10, 20);
    expect(taken.free(15, 55)).toBe(false);
    expect(taken.free(20, 50)).toBe(true);
  });
});

describe('sector keywords', () => {
  const sectors = [
    { id: 'aquaculture', name: 'Aquaculture', keywords: ['fish farming', 'aquaculture'], keywordsZh: ['水产养殖'] },
    { id: 'textiles', name: 'Textiles', keywords: ['textile', 'garment'], keywordsZh: [] },
  ];

  it('ranks sectors by weighted hits and cites the sentence of the strongest one', () => {
    const hits = new SectorTagger(sectors).score([
      { text: 'Coastal fish farming gets new subsidies. Garment exports are mentioned once.', weight: 1 },
      { text: 'Rules for aquaculture feed.', weight: 3 },
    ]);
    expect(hits.map((h) => h.sector.id)).toEqual(['aquaculture', 'textiles']);
    expect(hits[0]?.evidence).toBe('Rules for aquaculture feed.');
  });

  it('matches Chinese keywords as written and English ones as whole words', () => {
    const tagger = new SectorTagger(sectors);
    expect(tagger.score([{ text: '支持深远海水产养殖发展。', weight: 1 }]).map((h) => h.sector.id)).toEqual(['aquaculture']);
    expect(tagger.score([{ text: 'Textiles-free packaging and pretextile notes.', weight: 1 }])).toEqual([]);
  });
});

describe('compileOnce', () => {
  it('compiles once per input object and again for a new one', () => {
    let runs = 0;
    const compile = compileOnce((words: string[]) => {
      runs++;
      return new RegExp(words.join('|'));
    });
    const list = ['alpha', 'beta'];
    expect(compile(list)).toBe(compile(list));
    expect(runs).toBe(1);
    compile(['alpha', 'beta']);
    expect(runs).toBe(2);
  });
});

describe('formatIssues', () => {
  const schema = z.object({ limit: z.number().int(), name: z.string() });
  const issues = schema.safeParse({ limit: 1.5, name: 3 }).error!.issues;

  it('names each field with its message, on one line', () => {
    expect(formatIssues(issues)).toBe('limit: Invalid input: expected int, received number; name: Invalid input: expected string, received number');
  });

  it('names the whole value, prefixes paths, and says how many it left out', () => {
    const whole = z.string().safeParse(4).error!.issues;
    expect(formatIssues(whole, { root: 'body' })).toMatch(/^body: /);
    expect(formatIssues(issues, { prefix: 'params.', max: 1 })).toBe('params.limit: Invalid input: expected int, received number (and 1 more)');
  });
});
