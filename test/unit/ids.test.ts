import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newsNodeId, policyNodeId } from '../../server/graph/ids.js';
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
