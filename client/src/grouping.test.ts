import { describe, expect, it } from 'vitest';
import { countLabel, groupNeighbours } from './grouping.js';

const node = (id: string, label: string) => ({ data: { id, label, name: id } });
const edge = (id: string, source: string, target: string, type: string) => ({ data: { id, source, target, type } });

describe('grouping neighbours', () => {
  it('groups labels with more new members than the threshold, keeps the rest direct', () => {
    const news = Array.from({ length: 5 }, (_, i) => node(`news:${i}`, 'NewsItem'));
    const elements = {
      nodes: [node('agency:MIIT', 'Agency'), ...news, node('policy:a', 'Policy'), node('policy:b', 'Policy')],
      edges: [
        ...news.map((n, i) => edge(`e${i}`, n.data.id, 'agency:MIIT', 'INVOLVES')),
        edge('p1', 'policy:a', 'agency:MIIT', 'ISSUED_BY'),
        edge('p2', 'policy:b', 'agency:MIIT', 'ISSUED_BY'),
      ],
    };
    const { direct, groups } = groupNeighbours('agency:MIIT', elements, (id) => id === 'news:0', 3);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.title).toBe('4 news items');
    expect(groups[0]!.types).toEqual(['INVOLVES']);
    expect(groups[0]!.edges).toHaveLength(4);
    expect(direct.nodes.map((n) => n.data.id).sort()).toEqual(['agency:MIIT', 'news:0', 'policy:a', 'policy:b']);
    expect(direct.edges.map((e) => e.data.id).sort()).toEqual(['e0', 'p1', 'p2']);
  });

  it('says counts in words', () => {
    expect(countLabel('Policy', 15)).toBe('15 policies');
    expect(countLabel('NewsItem', 1)).toBe('1 news item');
  });
});
