import { describe, expect, it } from 'vitest';
import { cellText, parseParams, toCsv } from './csv.js';

describe('console helpers', () => {
  it('CSV quotes commas, quotes and newlines', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });
  it("CSV guards text a spreadsheet would run as a formula, as the report's CSV does; numbers stay numbers", () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")'], ['@SUM(1)'], [-5], ['-5']])).toBe('a\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(1)\r\n-5\r\n\'-5\r\n');
  });
  it('cells: nodes by name and id', () => {
    expect(cellText({ id: 'agency:MIIT', labels: ['Agency'], properties: { acronym: 'MIIT' } })).toBe('MIIT (agency:MIIT)');
    expect(cellText([1, 2])).toBe('1; 2');
  });
  it('parameters as JSON or key=value lines', () => {
    expect(parseParams('{"agency": "agency:NDRC"}')).toEqual({ agency: 'agency:NDRC' });
    expect(parseParams('agency=agency:NDRC\n$limit: 5\nflag=true\nname="a b"')).toEqual({ agency: 'agency:NDRC', limit: 5, flag: true, name: 'a b' });
    expect(() => parseParams('[1]')).toThrow(/JSON object/);
    expect(() => parseParams('nonsense')).toThrow(/cannot read/);
  });
});
