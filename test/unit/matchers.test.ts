import { describe, expect, it } from 'vitest';
import { AgencyResolver } from '../../server/extract/agencies.js';
import { matchPhrases, phraseIndex } from '../../server/extract/normalize.js';
import { loadRegistry } from '../../server/extract/registry.js';

// The matchers share one tokenisation of each text; these are its edges.
describe('agency and phrase matching at script boundaries', () => {
  const agencies = new AgencyResolver(loadRegistry().agencies);
  const ids = (text: string) => agencies.findMentions(text).map((m) => [m.ref.id, m.start]);

  it('finds an acronym written inside Chinese text, and acronyms in English prose', () => {
    expect(ids('由NDRC发布的通知')).toEqual([['agency:NDRC', 1]]);
    expect(ids('MIIT and NDRC said')).toEqual([
      ['agency:MIIT', 0],
      ['agency:NDRC', 9],
    ]);
    expect(ids('the MoF’s plan')).toEqual([['agency:MOF', 4]]);
    expect(ids('miit said')).toEqual([]);
  });

  it('ends a word at an emoji, and keeps offsets exact', () => {
    const index = phraseIndex(['BYD', 'Contemporary Amperex']);
    const text = 'BYD😀 and Contemporary  Amperex.';
    expect(matchPhrases(text, index).map(([p, s, e]) => [p, text.slice(s, e)])).toEqual([
      ['BYD', 'BYD'],
      ['Contemporary Amperex', 'Contemporary  Amperex'],
    ]);
  });

  it('matches words case-insensitively by their characters, as toLowerCase would', () => {
    // İ lower-cases to two units; a word-final Σ to ς, any other Σ to σ.
    const index = phraseIndex(['Öl AG', 'İstanbul Port', 'ΣΕΛΑΣ']);
    const text = 'ÖL ag and İSTANBUL PORT and σελας and ΣΕΛΑΣ, not σελασ or ΣΕΛΑΣΑ';
    expect(matchPhrases(text, index).map(([p, s, e]) => [p, text.slice(s, e)])).toEqual([
      ['Öl AG', 'ÖL ag'],
      ['İstanbul Port', 'İSTANBUL PORT'],
      ['ΣΕΛΑΣ', 'σελας'],
      ['ΣΕΛΑΣ', 'ΣΕΛΑΣ'],
    ]);
  });

  it('finds the words of an index compiled after the text was first read', () => {
    const text = 'Zyxwvut Quarkonium Holdings expanded.';
    expect(matchPhrases(text, phraseIndex(['Holdings']))).toEqual([['Holdings', 19, 27]]);
    // Same text, so its tokens come from the cache: numbered before these words were known.
    expect(matchPhrases(text, phraseIndex(['Zyxwvut Quarkonium']))).toEqual([['Zyxwvut Quarkonium', 0, 18]]);
  });
});
