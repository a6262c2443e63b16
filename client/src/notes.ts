/**
 * Analysts' notes on a node or a saved view (target `view:<id>`), with author and date, and a
 * field to add one. A viewer's attempt answers 403 and the message says so.
 */
import { authFetch } from './api.js';
import { append, clear, h } from './dom.js';

interface Note {
  id: string;
  target: string;
  text: string;
  at: string;
  author?: string;
}

export function notesSection(target: string): HTMLElement {
  const list = h('ul', { class: 'notes' });
  const message = h('p', { class: 'muted', role: 'status' });
  const input = h('textarea', { rows: '2', maxlength: '500', placeholder: 'Add a note (e.g. checked against the gov.cn text)', 'aria-label': 'New note' });
  const section = h(
    'section',
    { class: 'notes-section' },
    h('h3', {}, 'Notes'),
    list,
    input,
    h('button', { type: 'button', onclick: () => void add() }, 'Add note'),
    message,
  );

  async function load() {
    const res = await authFetch(`/api/notes?target=${encodeURIComponent(target)}`).catch(() => undefined);
    if (!res?.ok) return;
    const { notes } = (await res.json()) as { notes: Note[] };
    clear(list);
    for (const n of notes) append(list, h('li', {}, n.text, h('span', { class: 'muted' }, ` — ${n.author ? `${n.author}, ` : ''}${n.at.slice(0, 10)}`)));
  }

  async function add() {
    const text = input.value.trim();
    if (!text) return;
    const res = await authFetch('/api/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target, text }) });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      message.textContent = body.error?.message ?? `HTTP ${res.status}`;
      return;
    }
    input.value = '';
    message.textContent = '';
    await load();
  }

  void load();
  return section;
}
