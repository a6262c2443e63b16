import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newsNodeId, policyNodeId, uncutPolicyId } from '../../server/graph/ids.js';
import { extractText } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';

describe('ids from what a fact is (server/graph/ids.ts)', () => {
  it('a policy: its Chinese title when given, else its normalised title and lead issuer; never its date', () => {
    expect(policyNodeId({ title: 'Plan A', titleZh: '《关于加快智慧港口建设的意见》', leadIssuer: 'agency:MOT' })).toBe('policy:关于加快智慧港口建设的意见');
    expect(policyNodeId({ title: 'Plan B', titleZh: '关于加快智慧港口建设的意见' })).toBe('policy:关于加快智慧港口建设的意见');
    expect(policyNodeId({ title: 'The “Action Plan” for Ports', leadIssuer: 'agency:MOT' })).toBe('policy:action-plan-for-ports:mot');
    expect(policyNodeId({ title: 'action plan for ports', leadIssuer: 'agency:MOT' })).toBe('policy:action-plan-for-ports:mot');
    expect(policyNodeId({ title: 'Action Plan for Ports', leadIssuer: 'agency:unresolved:zhejiang-provincial-government' })).toBe(
      'policy:action-plan-for-ports:zhejiang-provincial-government',
    );
    expect(policyNodeId({ title: 'Plan for carbon peaking' })).toBe('policy:plan-for-carbon-peaking:unnamed');
  });

  it('a policy whose title starts like another: the whole title, not its first 70 characters (issue 28)', () => {
    const office = 'Notice of the General Office of the Ministry of Industry and Information Technology on';
    const a = { title: `${office} Carrying out the 2024 Pilot Program for Smart Factories`, leadIssuer: 'agency:MIIT' };
    const b = { title: `${office} Issuing the Guidelines for Hydrogen Standards`, leadIssuer: 'agency:MIIT' };
    expect(policyNodeId(a)).not.toBe(policyNodeId(b));
    expect(policyNodeId(a)).toBe(
      'policy:notice-of-the-general-office-of-the-ministry-of-industry-and-information-technology-on-carrying-out-the-2024-pilot-program-for-smart-factories:miit',
    );
    // Case, quotes and a leading article still make no other document.
    expect(policyNodeId({ ...a, title: `The “${a.title.toUpperCase()}”` })).toBe(policyNodeId(a));
    // The id the importer before issue 28 gave it, and the one it has now (for the migration),
    // with the issuer the id holds; none for a title it did not cut, or an id of another title.
    const cut = 'policy:notice-of-the-general-office-of-the-ministry-of-industry-and-informati:miit';
    expect(uncutPolicyId(cut, a.title)).toBe(policyNodeId(a));
    expect(uncutPolicyId(cut, b.title)).toBe(policyNodeId(b));
    expect(uncutPolicyId(cut.replace(':miit', ':ndrc'), a.title)).toBe(policyNodeId({ ...a, leadIssuer: 'agency:NDRC' }));
    expect(uncutPolicyId(policyNodeId(a), a.title)).toBeUndefined();
    expect(uncutPolicyId('policy:action-plan-for-ports:mot', 'Action Plan for Ports')).toBeUndefined();
    expect(uncutPolicyId('policy:关于开展智能工厂试点的通知', a.title)).toBeUndefined();
  });

  it('a policy with a title of thousands of characters: an id of bounded size that still tells two such titles apart', () => {
    const long = 'Implementation Rules on the Management of '.repeat(100);
    const one = policyNodeId({ title: `${long} Batteries`, leadIssuer: 'agency:MIIT' });
    const two = policyNodeId({ title: `${long} Robots`, leadIssuer: 'agency:MIIT' });
    expect(one).not.toBe(two);
    expect(one.length).toBeLessThanOrEqual('policy:'.length + 160 + ':miit'.length);
    expect(one).toMatch(/^policy:implementation-rules-on-the-management-of-[a-z-]+-[0-9a-f]{8}:miit$/);
    expect(policyNodeId({ title: `${long} Batteries`, leadIssuer: 'agency:MIIT' })).toBe(one);
  });

  it('a brief stating two documents whose titles share their first 80 characters: two policies', () => {
    const text = fs.readFileSync(fromRoot('seeds', '004_5729922ff7017db5.txt'), 'utf8').split('\n');
    const first = text.findIndex((l) => /^- \*February \d+:\*/.test(l));
    const office = 'Notice of the General Office of the Ministry of Industry and Information Technology on';
    const lines = [
      `- *February 1:* The MIIT released the “${office} Carrying out the 2024 Pilot Program for Smart Factories” ([MIIT notice](#))`,
      `- *February 2:* The MIIT released the “${office} Issuing the Guidelines for Hydrogen Standards” ([MIIT notice](#))`,
    ];
    const graph = extractText([...text.slice(0, first), ...lines, ...text.slice(first)].join('\n'), '004_5729922ff7017db5.txt');
    const titles = graph.nodes.filter((n) => n.label === 'Policy' && String(n.properties.title).startsWith(office)).map((n) => n.properties.title);
    expect(titles.sort()).toEqual([
      `${office} Carrying out the 2024 Pilot Program for Smart Factories`,
      `${office} Issuing the Guidelines for Hydrogen Standards`,
    ]);
  });

  it('a news item: its date and text', () => {
    expect(newsNodeId({ date: '2024-02-04', text: 'The State Council issued new regulations on carbon emissions trading' })).toBe(
      'news:2024-02-04:the-state-council-issued-new-regulations-on-carbon-emissions',
    );
  });

  it('a news item: an ASCII line (the one-pass key) and a line with other characters (the general path) give the same kind of key', () => {
    // Quotes dropped, "&" read as "and", runs of punctuation one dash, cut at 60 without a trailing dash.
    expect(newsNodeId({ date: '2024-02-04', text: `"R&D" & AI: MIIT's -- new   plan (2024-2026)!` })).toBe(
      'news:2024-02-04:r-and-d-and-ai-miits-new-plan-2024-2026',
    );
    expect(newsNodeId({ date: '2024-02-04', text: `“R&D” & AI: MIIT’s -- new   plan (2024-2026)!` })).toBe(
      'news:2024-02-04:r-and-d-and-ai-miits-new-plan-2024-2026',
    );
    expect(newsNodeId({ date: '2024-02-04', text: `${'x'.repeat(59)} & more` })).toBe(`news:2024-02-04:${'x'.repeat(59)}`);
    expect(newsNodeId({ date: '2024-02-04', text: '!!!' })).toBe('news:2024-02-04:untitled');
  });

  it('a seed with a news line inserted at the top of its list and two write-ups swapped keeps every id', () => {
    const file = fromRoot('seeds', '004_5729922ff7017db5.txt');
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const first = lines.findIndex((l) => /^- \*February \d+:\*/.test(l));
    const inserted = [...lines.slice(0, first), '- *February 1:* The MIIT released a list of 50 smart factories ([MIIT notice](#))', ...lines.slice(first)];
    // Swap write-ups 1 and 2: from their numbered headings (the last "1.", after the contents) to the next.
    const at = (n: number) => inserted.findLastIndex((l) => new RegExp(`^#* *${n}\\. `).test(l));
    const [a, b, c] = [at(1), at(2), at(3)];
    expect(a >= 0 && b > a && c > b).toBe(true);
    const edited = [...inserted.slice(0, a), ...inserted.slice(b, c), ...inserted.slice(a, b), ...inserted.slice(c)].join('\n');
    const ids = (t: string) => new Set(extractText(t, '004_5729922ff7017db5.txt').nodes.map((n) => n.id));
    const before = ids(text);
    const after = ids(edited);
    expect([...before].filter((id) => !after.has(id))).toEqual([]);
    expect([...after].filter((id) => !before.has(id)).sort()).toEqual([
      'news:2024-02-01:the-miit-released-a-list-of-50-smart-factories',
      'policy:list-of-50-smart-factories:miit',
    ]);
  });
});
