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

/**
 * The next (or previous) neighbour of `center` clockwise from `current`, starting at twelve
 * o'clock. Arrows reach only the nearest neighbour each way; this reaches every one.
 */
export function nextAround(
  center: { x: number; y: number },
  current: string | undefined,
  candidates: { id: string; x: number; y: number }[],
  step: 1 | -1,
): string | undefined {
  if (!candidates.length) return undefined;
  const angle = (c: { x: number; y: number }) => {
    const a = Math.atan2(c.x - center.x, -(c.y - center.y));
    return a < 0 ? a + 2 * Math.PI : a;
  };
  const ring = [...candidates].sort((a, b) => angle(a) - angle(b) || a.id.localeCompare(b.id));
  const i = ring.findIndex((c) => c.id === current);
  if (i < 0) return (step === 1 ? ring[0] : ring[ring.length - 1])!.id;
  return ring[(i + step + ring.length) % ring.length]!.id;
}

const DIR: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * Keyboard: "/" searches; with a node selected, arrows move to the neighbour in that direction
 * (any visible node if it has none that way), "]" and "[" walk around every neighbour of the node
 * the walk started from (group nodes included), Enter expands, Delete removes; Ctrl+Z undoes.
 */
export function mountKeyboard(
  canvas: Canvas,
  actions: { focusSearch(): void; focusNode(id: string): void; expand(id: string): void; remove(): void; undo(): void },
) {
  const cy = canvas.cy;
  /** The node "]" and "[" walk around while the selection is one of its neighbours. */
  let hub: string | undefined;
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
    } else if ((e.key === ']' || e.key === '[') && selected.nonempty() && !onControl) {
      e.preventDefault();
      const around = hub ? cy.getElementById(hub) : cy.collection();
      const onRing = around.nonempty() && around.visible() && selected.neighborhood(`node[id = "${hub}"]`).nonempty();
      const center = (onRing ? around : selected) as NodeSingular;
      if (!onRing) hub = selected.id();
      const ring = center.neighborhood('node:visible').map((n) => ({ id: n.id(), ...(n as NodeSingular).position() }));
      const next = nextAround(center.position(), onRing ? selected.id() : undefined, ring, e.key === ']' ? 1 : -1);
      if (next) actions.focusNode(next);
    } else if (e.key === 'Enter' && selected.nonempty() && !onControl) {
      e.preventDefault();
      actions.expand(selected.id());
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && !onControl) actions.remove();
    else if (e.key === 'z' && (e.ctrlKey || e.metaKey)) actions.undo();
    else if (e.key === 'Escape') cy.elements().unselect();
  });
}
