import { describe, expect, it } from 'vitest';
import { ViewState } from './state.js';

const node = (id: string, label = 'Agency') => ({ data: { id, label, name: id } });
const edge = (id: string, source: string, target: string) => ({ data: { id, source, target, type: 'ISSUED_BY' } });

describe('ViewState', () => {
  it('merges elements once and keeps edges only when both ends are on the canvas', () => {
    const s = new ViewState();
    const c1 = s.merge({ nodes: [node('agency:MIIT')], edges: [edge('e1', 'policy:a', 'agency:MIIT')] });
    expect(c1.added.nodes.map((n) => n.data.id)).toEqual(['agency:MIIT']);
    expect(c1.added.edges).toEqual([]);
    const c2 = s.merge({ nodes: [node('agency:MIIT'), node('policy:a', 'Policy')], edges: [edge('e1', 'policy:a', 'agency:MIIT')] });
    expect(c2.added.nodes.map((n) => n.data.id)).toEqual(['policy:a']);
    expect(c2.added.edges.map((e) => e.data.id)).toEqual(['e1']);
    expect(s.nodeIds.sort()).toEqual(['agency:MIIT', 'policy:a']);
  });

  it('removes a node with its edges, and undo brings both back', () => {
    const s = new ViewState();
    s.merge({ nodes: [node('a'), node('b'), node('c')], edges: [edge('ab', 'a', 'b'), edge('bc', 'b', 'c')] });
    const removed = s.remove(['b']);
    expect(removed.removed).toEqual({ nodes: ['b'], edges: ['ab', 'bc'] });
    expect(s.edgeIds).toEqual([]);
    const back = s.undo()!;
    expect(back.added.nodes.map((n) => n.data.id)).toEqual(['b']);
    expect(back.added.edges.map((e) => e.data.id).sort()).toEqual(['ab', 'bc']);
    expect(s.nodeIds.sort()).toEqual(['a', 'b', 'c']);
  });

  it('undoes merges step by step and has nothing left to undo after the first', () => {
    const s = new ViewState();
    s.merge({ nodes: [node('a')], edges: [] });
    s.merge({ nodes: [node('b')], edges: [] });
    expect(s.undo()!.removed.nodes).toEqual(['b']);
    expect(s.undo()!.removed.nodes).toEqual(['a']);
    expect(s.undo()).toBeUndefined();
    expect(s.canUndo).toBe(false);
  });

  it('records no step for a merge or removal that changes nothing', () => {
    const s = new ViewState();
    s.merge({ nodes: [node('a')], edges: [] });
    s.merge({ nodes: [node('a')], edges: [] });
    s.remove(['zzz']);
    s.undo();
    expect(s.canUndo).toBe(false);
    expect(s.nodeIds).toEqual([]);
  });

  it('exports exactly the visible elements', () => {
    const s = new ViewState();
    s.merge({ nodes: [node('a'), node('b')], edges: [edge('ab', 'a', 'b')] });
    s.remove(['b']);
    expect(s.toElements()).toEqual({ nodes: [node('a')], edges: [] });
  });
});
