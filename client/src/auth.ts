/**
 * The API token, for servers started with API_TOKEN: asked once (when a call answers 401), kept
 * in sessionStorage for this tab, sent as a bearer header — never put in a URL.
 */
const KEY = 'policyGraph.apiToken';

export function storedToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* storage disabled: nothing kept */
  }
}

let asking: Promise<string | undefined> | undefined;

/** Shows the token dialog; concurrent 401s share one question. */
export function askToken(wrong: boolean): Promise<string | undefined> {
  asking ??= new Promise<string | undefined>((resolve) => {
    const dialog = document.getElementById('token-dialog') as HTMLDialogElement | null;
    const input = document.getElementById('token-input') as HTMLInputElement | null;
    const note = document.getElementById('token-note');
    if (!dialog || !input) return resolve(undefined);
    if (note) note.textContent = wrong ? 'That token was refused. Try again.' : "Sign in with your token (from your admin), or the server's API_TOKEN.";
    input.value = '';
    dialog.addEventListener(
      'close',
      () => {
        const token = dialog.returnValue === 'ok' ? input.value.trim() : '';
        if (token) {
          try {
            sessionStorage.setItem(KEY, token);
          } catch {
            /* storage disabled: the token lives for this call only */
          }
        }
        resolve(token || undefined);
      },
      { once: true },
    );
    dialog.showModal();
    input.focus();
  }).finally(() => (asking = undefined));
  return asking;
}

export function authHeaders(token = storedToken()): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
