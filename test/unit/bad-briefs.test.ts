import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';

const seed = fs.readFileSync(listBriefFiles([fromRoot('seeds')])[0]!, 'utf8');

describe('hostile or unusual briefs', () => {
  it('refuses a 20 MB file at once with the file name', () => {
    const huge = seed.repeat(Math.ceil((20 * 1024 * 1024) / seed.length));
    // CPU time of this process (other work on the machine does not count): refused by size, not parsed.
    const cpu = process.cpuUsage();
    expect(() => extractText(huge, 'huge.txt')).toThrow(/^huge\.txt: file is 20\.\d MB/);
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
  });

  it('keeps an issuer line of 30 agencies: known ones resolved, unknown ones kept unresolved', () => {
    const known = [
      'MIIT',
      'NDRC',
      'MOF',
      'MOST',
      'MOE',
      'MOHRSS',
      'MEE',
      'MOHURD',
      'MOT',
      'MOFCOM',
      'NHC',
      'MEM',
      'PBOC',
      'SASAC',
      'SAMR',
      'CSRC',
      'CAC',
      'NDA',
      'NEA',
      'CNIPA',
      'STA',
      'NFRA',
      'MPS',
      'MWR',
      'MNR',
      'MCT',
      'NRTA',
    ];
    const unknown = ['Provincial Task Office A', 'Provincial Task Office B', 'Provincial Task Office C'];
    const text = seed.replace('Issuing bodies: CCPCC, State Council', `Issuing bodies: ${[...known, ...unknown].join(', ')}`);
    const g = extractText(text, 'many.txt');
    const policy = g.nodes.find((n) => n.label === 'Policy' && String(n.properties.title).startsWith('Opinions of the Chinese Communist Party'))!;
    const issuers = g.relationships.filter((r) => r.type === 'ISSUED_BY' && r.source === policy.id).map((r) => r.target);
    expect(issuers).toHaveLength(30);
    for (const k of known) expect(issuers).toContain(`agency:${k}`);
    expect(issuers.filter((i) => i.startsWith('agency:unresolved:'))).toHaveLength(3);
  });

  it('keeps HTML and script in a title as plain text', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)> Plan';
    const g = extractText(seed.replace('Guiding Opinions on Promoting the Development of the Data Security Industry', evil), 'evil.txt');
    const p = g.nodes.find((n) => n.label === 'Policy' && String(n.properties.title).includes('<script>'));
    expect(p?.properties.title).toBe(evil);
  });

  it('imports the news of a dated brief without a Top 5 section, with a warning', () => {
    const dated = fs.readFileSync(fromRoot('seeds/004_5729922ff7017db5.txt'), 'utf8');
    const cut = dated.slice(0, dated.indexOf('CONTENTS')) + dated.slice(dated.lastIndexOf('NOTEWORTHY'));
    const g = extractText(cut, 'news-only.txt');
    // No write-up policies; the policies its news lines announce are still read, each tied to its item.
    const policies = g.nodes.filter((n) => n.label === 'Policy');
    expect(policies.filter((p) => p.properties.extraction !== 'news')).toHaveLength(0);
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) expect(g.relationships.some((r) => r.type === 'ANNOUNCES' && r.target === p.id)).toBe(true);
    expect(g.nodes.filter((n) => n.label === 'NewsItem')).toHaveLength(14);
    expect(g.warnings.map((w) => w.message).join(' ')).toMatch(/no MERICS Top 5 write-ups/);
  });

  it('refuses news that cannot be dated, naming the line', () => {
    const undated = seed.slice(0, seed.indexOf('MERICS Top 5')) + seed.slice(seed.indexOf('NOTEWORTHY'));
    expect(() => extractText(undated, 'undated.txt')).toThrow(/^undated\.txt:\d+: news items give no year/);
  });
});
