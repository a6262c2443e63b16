import { describe, expect, it } from 'vitest';
import { cleanEvidence, evidenceProps } from '../../server/extract/evidence.js';

describe('cleanEvidence', () => {
  it('reads a Markdown news line as the brief reads', () => {
    expect(
      cleanEvidence('- *November 3:* NDRC releases an implementation plan ([NDRC notice \\(CN\\)](#); [Global Times article \\(EN\\)](https://x.cn/a))'),
    ).toBe('November 3: NDRC releases an implementation plan (NDRC notice (CN); Global Times article (EN))');
  });

  it('drops strong and weak emphasis, headings and PDF debris but keeps words, quotes and inner symbols', () => {
    expect(cleanEvidence('## **Title**: _Made in China_ 2025')).toBe('Title: Made in China 2025');
    expect(cleanEvidence('the “ﬁrst” data\u00adbase\fpage 2*3 snake_case')).toBe('the “first” database page 2*3 snake_case');
  });

  it('leaves plain text alone and keeps the raw text only when it changed', () => {
    expect(evidenceProps('Issuing Body: MIIT, CAC, et. al.')).toEqual({ evidence: 'Issuing Body: MIIT, CAC, et. al.' });
    expect(evidenceProps('- *May 1:* X')).toEqual({ evidence: 'May 1: X', raw: '- *May 1:* X' });
  });
});
