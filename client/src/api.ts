import type { z } from 'zod';
import type { Elements } from '../../server/api/elements.js';
import type { nodeDetailSchema, neighborsSchema } from '../../server/api/nodes/router.js';
import type { pathsResultSchema } from '../../server/api/paths/router.js';
import type { relatedSchema } from '../../server/api/related/router.js';
import type { searchResultSchema } from '../../server/api/search/router.js';
import type { overviewSchema, statsSchema, timelineSchema } from '../../server/api/stats/router.js';
import type { CypherResult } from '../../server/api/cypher/execute.js';
import type { Measures } from '../../server/api/nodes/measures.js';
import type { duplicatesSchema } from '../../server/api/duplicates/router.js';
import type { SavedQuery } from '../../server/api/queries/catalog.js';
import type { savedViewSchema, View } from '../../server/api/views/store.js';
import type { viewListSchema } from '../../server/api/views/router.js';
import type { correctionListSchema, correctionMadeSchema } from '../../server/api/corrections/router.js';
import type { CorrectionRequest } from '../../server/curation/schema.js';
import { askToken, authHeaders, forgetToken, storedToken } from './auth.js';

// Types come from the server's zod schemas (type-only imports: nothing of the server is bundled).
export type SearchResult = z.infer<typeof searchResultSchema>['results'][number];
export type NodeDetail = z.infer<typeof nodeDetailSchema>;
export type Neighbors = z.infer<typeof neighborsSchema>;
export type PathsResult = z.infer<typeof pathsResultSchema>;
export type Related = z.infer<typeof relatedSchema>;
export type Stats = z.infer<typeof statsSchema>;
export type Overview = z.infer<typeof overviewSchema>;
export type Timeline = z.infer<typeof timelineSchema>;
export type Duplicates = z.infer<typeof duplicatesSchema>;
export type { CypherResult, Elements, SavedQuery, View };
export type SavedView = z.infer<typeof savedViewSchema>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * fetch with the bearer token; a 401 asks for the token once and retries. A 401 speaks of the token
 * the request carried, not of the one stored now: a request sent before the analyst signed in
 * and answered after it retries with the new token, instead of forgetting it and asking again
 * ("That token was refused") as it did when the answers of the first page load came in late.
 */
export async function authFetch(path: string, init?: RequestInit): Promise<Response> {
  const send = (token: string | undefined) => fetch(path, { ...init, headers: { ...(token ? authHeaders(token) : {}), ...(init?.headers ?? {}) } });
  const sent = storedToken();
  let res = await send(sent);
  if (res.status !== 401) return res;
  const now = storedToken();
  if (now && now !== sent) return send(now);
  if (sent) forgetToken();
  const token = await askToken(!!sent);
  if (token) res = await send(token);
  return res;
}

/**
 * Identical reads within this long share one request: a double-click is two taps and a dbltap,
 * and each tap asked for the same details (issue 30: three identical requests). Any write
 * forgets them, so a read after a correction is fresh.
 */
const SHARE_MS = 1000;
const reads = new Map<string, { at: number; answer: Promise<unknown> }>();

function call<T>(path: string, init?: RequestInit): Promise<T> {
  if (init?.method && init.method !== 'GET') {
    reads.clear();
    return send<T>(path, init);
  }
  const now = performance.now();
  const hit = reads.get(path);
  if (hit && now - hit.at < SHARE_MS) return hit.answer as Promise<T>;
  const answer = send<T>(path, init);
  reads.set(path, { at: now, answer });
  // A failed read is asked again next time, not shared.
  answer.catch(() => reads.get(path)?.answer === answer && reads.delete(path));
  for (const [k, v] of reads) if (now - v.at >= SHARE_MS) reads.delete(k);
  return answer;
}

async function send<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await authFetch(path, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Is Policy Graph still running?');
  }
  const body = (await res.json().catch(() => ({}))) as { error?: { message: string; details?: unknown } };
  if (!res.ok) throw new ApiError(res.status, body.error?.message ?? `HTTP ${res.status}`, body.error?.details);
  return body as T;
}

const qs = (p: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(p)
      .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const api = {
  search: (q: string, limit = 10, labels?: string) => call<{ results: SearchResult[] }>(`/api/search?${qs({ q, limit, labels })}`),
  node: (id: string) => call<NodeDetail>(`/api/nodes/${encodeURIComponent(id)}`),
  neighbors: (id: string, f: { types?: string; labels?: string; from?: string; to?: string; limit?: number }) =>
    call<Neighbors>(`/api/nodes/${encodeURIComponent(id)}/neighbors?${qs(f)}`),
  duplicates: (offset = 0, limit = 20, label?: string) => call<Duplicates>(`/api/duplicates?${qs({ offset, limit, label })}`),
  measures: (ids: string[]) => call<{ measures: Measures }>('/api/nodes/measures', { method: 'POST', body: JSON.stringify({ ids }) }),
  elements: (ids: string[]) => call<{ elements: Elements }>('/api/nodes/elements', { method: 'POST', body: JSON.stringify({ ids }) }),
  paths: (from: string, to: string, maxLength = 4, limit = 5) => call<PathsResult>(`/api/paths?${qs({ from, to, maxLength, limit })}`),
  related: (id: string) => call<Related>(`/api/related/${encodeURIComponent(id)}`),
  stats: () => call<Stats>('/api/stats'),
  overview: () => call<Overview>('/api/stats/overview'),
  timeline: () => call<Timeline>('/api/stats/timeline'),
  cypher: (query: string, params: Record<string, unknown> = {}) =>
    call<CypherResult>('/api/cypher', { method: 'POST', body: JSON.stringify({ query, params }) }),
  queries: () => call<{ queries: SavedQuery[] }>('/api/queries'),
  saveView: (view: View) => call<{ id: string; created: string }>('/api/views', { method: 'POST', body: JSON.stringify(view) }),
  view: (id: string) => call<SavedView>(`/api/views/${encodeURIComponent(id)}`),
  views: (cursor?: number) => call<z.infer<typeof viewListSchema>>(`/api/views?${qs({ cursor })}`),
  corrections: () => call<z.infer<typeof correctionListSchema>>('/api/corrections'),
  correct: (request: CorrectionRequest) => call<z.infer<typeof correctionMadeSchema>>('/api/corrections', { method: 'POST', body: JSON.stringify(request) }),
  undoCorrection: (id: string) => call<z.infer<typeof correctionMadeSchema>>(`/api/corrections/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  runQuery: (name: string, params: Record<string, unknown> = {}) =>
    call<CypherResult>(`/api/queries/${encodeURIComponent(name)}/run`, { method: 'POST', body: JSON.stringify({ params }) }),
};
