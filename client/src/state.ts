import type { CyEdge, CyNode, Elements } from '../../server/api/elements.js';

/**
 * What is on the canvas, as plain data: merging API elements, removing nodes, undo. No
 * Cytoscape here, so it is tested in Node; main.ts mirrors changes onto the canvas.
 */
interface Snapshot {
  nodes: string[];
  edges: string[];
}

export interface Change {
  added: { nodes: CyNode[]; edges: CyEdge[] };
  removed: { nodes: string[]; edges: string[] };
}

export class ViewState {
  /** Every element seen this session, so undo can bring removed ones back. */
  readonly #seenNodes = new Map<string, CyNode>();
  readonly #seenEdges = new Map<string, CyEdge>();
  #nodes = new Set<string>();
  #edges = new Set<string>();
  readonly #history: Snapshot[] = [];
  readonly maxHistory = 100;

  get nodeIds(): string[] {
    return [...this.#nodes];
  }

  get edgeIds(): string[] {
    return [...this.#edges];
  }

  node(id: string): CyNode | undefined {
    return this.#seenNodes.get(id);
  }

  edge(id: string): CyEdge | undefined {
    return this.#seenEdges.get(id);
  }

  get canUndo(): boolean {
    return this.#history.length > 0;
  }

  /** Adds nodes and the edges whose two ends are on the canvas. */
  merge(elements: Elements): Change {
    this.#checkpoint();
    const added: Change['added'] = { nodes: [], edges: [] };
    for (const n of elements.nodes) {
      this.#seenNodes.set(n.data.id, n);
      if (!this.#nodes.has(n.data.id)) {
        this.#nodes.add(n.data.id);
        added.nodes.push(n);
      }
    }
    for (const e of elements.edges) {
      this.#seenEdges.set(e.data.id, e);
      if (!this.#edges.has(e.data.id) && this.#nodes.has(e.data.source) && this.#nodes.has(e.data.target)) {
        this.#edges.add(e.data.id);
        added.edges.push(e);
      }
    }
    if (!added.nodes.length && !added.edges.length) this.#history.pop();
    return { added, removed: { nodes: [], edges: [] } };
  }

  /** Removes nodes and every edge touching them. */
  remove(ids: string[]): Change {
    this.#checkpoint();
    const gone = new Set(ids.filter((id) => this.#nodes.has(id)));
    const edges = [...this.#edges].filter((e) => {
      const d = this.#seenEdges.get(e)!.data;
      return gone.has(d.source) || gone.has(d.target);
    });
    for (const id of gone) this.#nodes.delete(id);
    for (const e of edges) this.#edges.delete(e);
    if (!gone.size) this.#history.pop();
    return { added: { nodes: [], edges: [] }, removed: { nodes: [...gone], edges } };
  }

  /** Back to the state before the last merge or remove. */
  undo(): Change | undefined {
    const prev = this.#history.pop();
    if (!prev) return undefined;
    const prevNodes = new Set(prev.nodes);
    const prevEdges = new Set(prev.edges);
    const change: Change = {
      added: {
        nodes: prev.nodes.filter((id) => !this.#nodes.has(id)).map((id) => this.#seenNodes.get(id)!),
        edges: prev.edges.filter((id) => !this.#edges.has(id)).map((id) => this.#seenEdges.get(id)!),
      },
      removed: { nodes: [...this.#nodes].filter((id) => !prevNodes.has(id)), edges: [...this.#edges].filter((id) => !prevEdges.has(id)) },
    };
    this.#nodes = prevNodes;
    this.#edges = prevEdges;
    return change;
  }

  /** The visible elements as Cytoscape JSON (for export). */
  toElements(): Elements {
    return { nodes: this.nodeIds.map((id) => this.#seenNodes.get(id)!), edges: this.edgeIds.map((id) => this.#seenEdges.get(id)!) };
  }

  #checkpoint() {
    this.#history.push({ nodes: [...this.#nodes], edges: [...this.#edges] });
    if (this.#history.length > this.maxHistory) this.#history.shift();
  }
}
