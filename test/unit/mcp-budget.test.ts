import { describe, expect, it } from 'vitest';
import { answer, fit, MCP_LIMITS } from '../../server/mcp/budget.js';
import { citationText, clip } from '../../server/mcp/citations.js';

describe('MCP answer budget', () => {
  it('keeps the leading items whose JSON fits, and counts the rest', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ i, s: 'x'.repeat(90) }));
    const { kept, omitted } = fit(items, 1000);
    expect(kept).toEqual(items.slice(0, kept.length));
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(1000 + kept.length);
    expect(kept.length + omitted).toBe(100);
    expect(omitted).toBeGreaterThan(0);
  });

  it('never answers empty for size alone: one oversized item is kept', () => {
    expect(fit([{ s: 'y'.repeat(5000) }], 100).kept).toHaveLength(1);
    expect(fit([], 100)).toEqual({ kept: [], omitted: 0 });
  });

  it('caps the text rendering and says where it was cut', () => {
    const res = answer({ truncated: false }, 'z'.repeat(MCP_LIMITS.maxText + 500));
    const text = (res.content[0] as { text: string }).text;
    expect(text.length).toBeLessThan(MCP_LIMITS.maxText + 100);
    expect(text).toMatch(/text cut at/);
  });
});

describe('MCP citations', () => {
  it('quote the sentence with brief title, date, file and line', () => {
    expect(
      citationText({ brief: 'b1', title: 'MERICS China Industries', date: '2023-01-17', file: 'b1.txt', line: 44, sentence: 'Issuing Body: MIIT, CAC' }),
    ).toBe('“Issuing Body: MIIT, CAC” (MERICS China Industries, 2023-01-17; b1.txt line 44)');
    expect(clip('a'.repeat(400))).toHaveLength(MCP_LIMITS.sentence);
  });
});
