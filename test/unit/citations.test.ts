import { describe, expect, it } from 'vitest';
import { splitCitation } from '../../server/parse/brief.js';
import { citationWords } from '../../server/parse/citations.js';

// Invented outlets and sentences: the words come from outlets.json's sourceWords, not the seeds.
const words = citationWords();

describe('citation words (outlets.json sourceWords)', () => {
  it('recognises a kind of source, in any case and with several words', () => {
    for (const t of ['Lakeside Courier article', 'Ministry of Ports PRESS RELEASE', 'Qinghe Daily WeChat post', 'Harbour Gazette (CN)', 'CN'])
      expect(words.mentionsSource(t), t).toBe(true);
  });

  it('does not read a word inside another word, or a lower-case language code, as a source', () => {
    for (const t of ['up 30% on the year', 'Postal Savings Bank', 'reportedly', 'en route', 'cn']) expect(words.mentionsSource(t), t).toBe(false);
  });

  it('removes one trailing source word, never the whole source', () => {
    expect(words.withoutSourceWord('Lakeside Courier article')).toBe('Lakeside Courier');
    expect(words.withoutSourceWord('Harbour Gazette press release')).toBe('Harbour Gazette');
    expect(words.withoutSourceWord('Qinghe Daily')).toBe('Qinghe Daily');
    expect(words.withoutSourceWord('report')).toBe('report');
  });
});

describe('splitCitation', () => {
  it('takes a trailing parenthesis that names sources apart from the sentence', () => {
    expect(splitCitation('Port of Qinghe opens a new berth (Harbour Gazette report; Qinghe Port Authority notice (CN))')).toEqual({
      text: 'Port of Qinghe opens a new berth',
      sources: ['Harbour Gazette report', 'Qinghe Port Authority notice'],
    });
  });

  it('leaves a parenthesis that is part of the sentence', () => {
    expect(splitCitation('Exports of widgets rose (up 30% on the year)')).toEqual({ text: 'Exports of widgets rose (up 30% on the year)', sources: [] });
  });

  it('reads an unclosed citation at the very end', () => {
    expect(splitCitation('Lakeside Motors opens a plant (Lakeside Courier article')).toEqual({
      text: 'Lakeside Motors opens a plant',
      sources: ['Lakeside Courier article'],
    });
  });
});
