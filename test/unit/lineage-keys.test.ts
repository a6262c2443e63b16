import { describe, expect, it } from 'vitest';
import { editionMark, lineageKey } from '../../server/lineage/keys.js';

describe('lineage keys: a draft, its final version and its editions share one', () => {
  const final = 'Measures for the Administration of Generative Artificial Intelligence Services';
  it.each([
    `${final} (Draft for Comments)`,
    `${final} (Draft)`,
    `Draft ${final}`,
    `${final} (Exposure Draft)`,
    `${final} for public comment`,
    `“${final}” (2024 Revision)`,
    `The ${final}`,
  ])('%s', (title) => {
    expect(lineageKey(title)).toBe(lineageKey(final));
  });

  it('keeps documents of other titles apart', () => {
    expect(lineageKey(`Interim ${final}`)).not.toBe(lineageKey(final));
    expect(lineageKey('Notice on Launching a Pilot Program')).not.toBe(lineageKey('Notice on Launching a Pilot Scheme'));
  });

  it('names the edition marker, and none for a plain or draft title', () => {
    expect(editionMark('Artificial Intelligence Model Law Version 2.0 (Expert Suggestion Draft)')).toBe('version 2.0');
    expect(editionMark(`${final} (2024 Revision)`)).toBe('2024 revision');
    expect(editionMark(`${final} (Draft for Comments)`)).toBe('');
    expect(lineageKey('Artificial Intelligence Model Law Version 2.0 (Expert Suggestion Draft)')).toBe(
      lineageKey('Artificial Intelligence Model Law Version 1.0'),
    );
  });
});
