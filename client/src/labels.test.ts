import { describe, expect, it } from 'vitest';
import { clip, fullLabel, shortLabel, shortPolicyTitle } from './labels.js';

describe('canvas labels', () => {
  it('drops the document-type prefix of policies, keeping them distinct', () => {
    const titles = [
      'Implementation Plan for Improving Data Security Capabilities in the Industrial Sector (2024-2026)',
      'Implementation Plan for Promoting Equipment Updates in the Industrial Field',
      'Implementation Plan to Promote the High-Quality Development of the API Industry',
      'Notice on Improving the Collaborative and Stable Development of the Lithium-ion Battery Industry Supply Chain',
      '14th Five-Year Plan for the Development of the ICT Industry',
      'Guiding Opinions on Promoting the Development of the Data Security Industry',
      'Measures for Data Export Security Evaluation (Draft for Comments)',
    ];
    const short = titles.map((t) => shortLabel({ label: 'Policy', title: t, name: t }));
    expect(short[0]).toBe('Data Security Capabilities in…');
    expect(short[1]).toBe('Equipment Updates in the…');
    expect(short[4]).toBe('Development of the ICT…');
    expect(shortPolicyTitle(titles[6]!)).toBe('Data Export Security Evaluation (draft)');
    expect(new Set(short).size).toBe(short.length);
    for (const s of short) expect(s.length).toBeLessThanOrEqual(30);
    expect(short.some((s) => s.startsWith('Implementation Plan'))).toBe(false);
  });

  it('labels briefs by topics and date, news by month and first words, agencies by acronym', () => {
    expect(
      shortLabel({
        label: 'Brief',
        title: 'MERICS China Industries: Data market + Foreign talent',
        topics: ['Data market', 'Foreign talent'],
        date: '2023-01-17',
      }),
    ).toBe('2023-01-17 · Data market + Foreign…');
    expect(shortLabel({ label: 'Brief', title: 'MERICS China Industries (2021-12-07)', topics: [], date: '2021-12-07' })).toBe('2021-12-07 · Brief');
    expect(shortLabel({ label: 'NewsItem', name: '2022-12-15: The State Council issued a Five-Year Plan for logistics', date: '2022-12-15' })).toBe(
      'Dec 2022 · State Council issued a…',
    );
    expect(shortLabel({ label: 'Agency', acronym: 'MIIT', name: 'Ministry of Industry and Information Technology' })).toBe('MIIT');
    expect(fullLabel({ label: 'Agency', acronym: 'MIIT', name: 'Ministry of Industry and Information Technology' })).toBe(
      'MIIT — Ministry of Industry and Information Technology',
    );
  });

  it('clips at a word boundary', () => {
    expect(clip('one two three four five six seven eight', 20)).toBe('one two three four…');
    expect(clip('short', 20)).toBe('short');
  });
});
