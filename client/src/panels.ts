import { byId } from './dom.js';

/** Collapsible side panels, so the canvas keeps its room on small screens (state per tab). */
export function mountPanels() {
  const KEY = 'policyGraph.panels';
  const saved = (() => {
    try {
      return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, boolean>;
    } catch {
      return {};
    }
  })();
  const small = window.innerWidth <= 1100;
  for (const [button, panel, cls] of [
    ['toggle-controls', 'controls', 'controls-collapsed'],
    ['toggle-details', 'details', 'details-collapsed'],
  ] as const) {
    const b = byId(button);
    const set = (collapsed: boolean) => {
      document.body.classList.toggle(cls, collapsed);
      b.setAttribute('aria-expanded', String(!collapsed));
      saved[panel] = collapsed;
      try {
        sessionStorage.setItem(KEY, JSON.stringify(saved));
      } catch {
        /* not kept */
      }
      window.dispatchEvent(new Event('resize'));
    };
    // On small screens the controls start folded; the details stay.
    set(saved[panel] ?? (small && panel === 'controls'));
    b.addEventListener('click', () => set(!document.body.classList.contains(cls)));
  }
}
