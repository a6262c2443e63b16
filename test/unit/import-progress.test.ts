import { describe, expect, it } from 'vitest';
import type { BriefOutcome } from '../../server/import/importer.js';
import { interruptedLines, summariseWarnings } from '../../server/import/outcomeLines.js';
import { duration, pace } from '../../server/import/progress.js';

const ok = (file: string, warnings: string[] = []): BriefOutcome => ({
  file,
  brief: file.replace('.txt', ''),
  status: 'ok',
  ok: true,
  warnings,
  nodes: 1,
  relationships: 1,
});

describe('import progress', () => {
  it('gives the rate and the time left from the briefs done so far', () => {
    expect(pace(0, 272, 5000)).toBe('');
    expect(pace(40, 272, 20_000)).toBe('2.0 briefs/s, 1 min 56 s left');
    expect(pace(3, 272, 60_000)).toBe('3.0 briefs/min, 1 h 29 min left');
    expect(pace(272, 272, 136_000)).toBe('2.0 briefs/s');
    expect(duration(12_400)).toBe('12 s');
  });

  it('summarises repeated warnings: the count and the first places, most frequent first', () => {
    const lines = summariseWarnings([
      ok('a.txt', ['line 3: unknown agency "NDRCC"', 'line 9: no date']),
      ok('b.txt', ['line 4: unknown agency "NDRCC"']),
      ok('c.txt', ['line 5: unknown agency "NDRCC"']),
      ok('d.txt', ['line 6: unknown agency "NDRCC"']),
    ]);
    expect(lines).toEqual(['warning (4×)    unknown agency "NDRCC" — a.txt:3, b.txt:4, c.txt:5, …', 'warning (1×)    no date — a.txt:9']);
  });

  it('names the committed briefs after Ctrl-C and says how to resume', () => {
    const lines = interruptedLines([ok('/x/a.txt'), { ...ok('/x/b.txt'), status: 'failed', ok: false }], 10);
    expect(lines[0]).toBe('Interrupted: 1 of 10 brief(s) were committed:');
    expect(lines[1]).toBe('  a.txt (/x/a)');
    expect(lines.at(-1)).toMatch(/run the same command again/);
  });
});
