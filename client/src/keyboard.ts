import type { NodeSingular } from 'cytoscape';
import type { Canvas } from './canvas.js';

/** The neighbour of `from` that lies most nearly in direction (dx, dy); pure geometry. */
export function neighbourInDirection(
  from: { x: number; y: number },
  candidates: { id: string; x: number; y: number }[],
  dx: number,
  dy: number,
): string | undefined {
  let best: { id: string; score: number } | undefined;
  for (const c of candidates) {
    const vx = c.x - from.x;
    const vy = c.y - from.y;
    const len = Math.hypot(vx, vy) || 1;
    const cos = (vx * dx + vy * dy) / len;
    if (cos < 0.2) continue; // not that way
    const score = len * (2 - cos);
    if (!best || score < best.score) best = { id: c.id, score };
  }
  return best?.id;
}

const DIR: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * Keyboard: "/" searches; with a node selected, arrows move to the neighbour in that direction
 * (any visible node if it has none that way), Enter expands, Delete removes; Ctrl+Z undoes.
 */
export function mountKeyboard(
  canvas: Canvas,
  actions: { focusSearch(): void; focusNode(id: string): void; expand(id: string): void; remove(): void; undo(): void },
) {
  const cy = canvas.cy;
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement | null;
    const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
    if (typing) return;
    const onControl = t instanceof HTMLButtonElement || t instanceof HTMLAnchorElement;
    const selected = cy.nodes(':selected').first() as NodeSingular;
    if (e.key === '/') {
      e.preventDefault();
      actions.focusSearch();
    } else if (DIR[e.key] && !onControl) {
      const visible = cy.nodes(':visible');
      if (!visible.length) return;
      e.preventDefault();
      if (selected.empty()) {
        // Start from the node nearest the middle of the view.
        const ext = cy.extent();
        const mid = { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
        const first = visible.min((n) => Math.hypot((n as NodeSingular).position().x - mid.x, (n as NodeSingular).position().y - mid.y)).ele as NodeSingular;
        return actions.focusNode(first.id());
      }
      const [dx, dy] = DIR[e.key]!;
      const from = selected.position();
      const near = selected.neighborhood('node:visible').map((n) => ({ id: n.id(), ...(n as NodeSingular).position() }));
      // Neighbours only; a node without neighbours steps to the nearest node that way.
      const next = near.length
        ? neighbourInDirection(from, near, dx, dy)
        : neighbourInDirection(
            from,
            visible.not(selected).map((n) => ({ id: n.id(), ...(n as NodeSingular).position() })),
            dx,
            dy,
          );
      if (next) actions.focusNode(next);
    } else if (e.key === 'Enter' && selected.nonempty() && !onControl) {
      e.preventDefault();
      actions.expand(selected.id());
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && !onControl) actions.remove();
    else if (e.key === 'z' && (e.ctrlKey || e.metaKey)) actions.undo();
    else if (e.key === 'Escape') cy.elements().unselect();
  });
}
