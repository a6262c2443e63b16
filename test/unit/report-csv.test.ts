import { describe, expect, it } from 'vitest';
import { itemsToCsv } from '../../server/reports/items.js';

describe('report items as CSV', () => {
  it('flattens citations and lists, quotes per RFC 4180 and defuses formulas', () => {
    const csv = itemsToCsv([
      {
        id: 'policy:a',
        title: 'Plan, "new"',
        coIssuers: ['NDRC', 'MOF'],
        citations: [
          { evidence: 'Issuing body: MIIT\nand NDRC', brief: 'b1', briefTitle: 'T', briefDate: '2024-01-02', line: 4 },
          { evidence: 'second', brief: 'b2', briefTitle: null, briefDate: null, line: null },
        ],
      },
      {
        id: 'company:x',
        name: '=HYPERLINK("http://evil")',
        agencies: [{ id: 'agency:MIIT', name: 'MIIT', lead: true }],
        citation: { evidence: '+1', brief: 'b3', briefTitle: null, briefDate: null, line: 7 },
      },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,title,coIssuers,evidence,brief,briefTitle,briefDate,line,name,agencies');
    expect(lines[1]).toBe('policy:a,"Plan, ""new""",NDRC; MOF,"Issuing body: MIIT\nand NDRC",b1,T,2024-01-02,4,,');
    expect(lines[2]).toBe(`company:x,,,'+1,b3,,,7,"'=HYPERLINK(""http://evil"")",MIIT`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
