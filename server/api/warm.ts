/**
 * Warms a fresh server: the first overview, search and report after start-up took 2-7 s (query
 * plans compiled, Neo4j's page cache cold, issue 30); warm they take 10-60 ms. So right after it
 * listens, the app asks itself what an analyst asks first, through its own HTTP API so the very
 * same queries (and the response caches) are warmed. Failures are only reported: a cold answer
 * is slow, not wrong.
 */
export interface Warmed {
  path: string;
  status: number;
  ms: number;
}

export async function warmUp(base: string, token?: string): Promise<Warmed[]> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const out: Warmed[] = [];
  const get = async (path: string) => {
    const started = performance.now();
    // A cold query can outlast the read timeout (408) on a loaded machine; by then its plan is
    // compiled and the pages are read, so the second try is the warm one.
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(base + path, { headers });
        const body = await res.text();
        if ((res.status === 408 || res.status === 503) && attempt === 0) continue;
        out.push({ path, status: res.status, ms: Math.round(performance.now() - started) });
        return res.ok ? body : undefined;
      } catch {
        out.push({ path, status: 0, ms: Math.round(performance.now() - started) });
        return undefined;
      }
    }
  };
  const overview = await get('/api/stats/overview');
  await get('/api/stats');
  await get('/api/stats/timeline');
  const top = overview ? (JSON.parse(overview) as { top: Record<string, { id: string; name: string; acronym?: string | null }[]> }).top : {};
  const agency = top.Agency?.[0];
  const company = top.Company?.[0];
  // Search by the first starting point's name, as an analyst would (the full-text index warms).
  await get(`/api/search?q=${encodeURIComponent(agency?.acronym ?? agency?.name ?? 'policy')}`);
  for (const [kind, node] of [
    ['agency', agency],
    ['company', company],
  ] as const) {
    if (!node) continue;
    await get(`/api/nodes/${encodeURIComponent(node.id)}`);
    await get(`/api/nodes/${encodeURIComponent(node.id)}/neighbors?limit=150`);
    await get(`/api/reports/${kind}/${encodeURIComponent(node.id)}?format=html`);
  }
  return out;
}

/** The address the app reaches itself at: loopback when it listens on every interface. */
export function selfBase(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}
