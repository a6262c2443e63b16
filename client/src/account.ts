/**
 * Who is signed in, in the header: "ana · analyst" with a sign-out, or a sign-in button when the
 * server has users and this tab holds no valid token. Hidden for single-user servers.
 */
import { askToken, authHeaders, forgetToken } from './auth.js';

interface Me {
  accounts: boolean;
  name?: string;
  role?: string;
}

export function mountAccount(): { refresh: () => Promise<void> } {
  const box = document.createElement('div');
  box.id = 'account';
  box.className = 'account';
  document.getElementById('toggle-details')?.before(box);

  async function refresh(): Promise<void> {
    // Plain fetch, not authFetch: a 401 here shows the sign-in button instead of a dialog.
    const res = await fetch('/api/me', { headers: authHeaders() }).catch(() => undefined);
    const me = res?.ok ? ((await res.json()) as Me) : res?.status === 401 ? { accounts: true } : undefined;
    box.replaceChildren();
    if (!me?.accounts) return;
    if (me.name) {
      const who = document.createElement('span');
      who.textContent = `${me.name} · ${me.role ?? ''}`;
      who.title = 'Signed in';
      box.append(
        who,
        button('Sign out', () => (forgetToken(), void refresh())),
      );
    } else {
      box.append(button('Sign in', async () => (await askToken(false), void refresh())));
    }
  }

  void refresh();
  return { refresh };
}

function button(text: string, onClick: () => unknown): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', () => void onClick());
  return b;
}
