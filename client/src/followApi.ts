import type { z } from 'zod';
import type { changesSchema } from '../../server/changes/service.js';
import type { feedSchema } from '../../server/watch/feed.js';
import type { WatchList, WatchListInput } from '../../server/watch/schema.js';
import type { comparisonSchema } from '../../server/compare/compare.js';
import { ApiError, authFetch } from './api.js';

// Types from the server's zod schemas (type-only: nothing of the server is bundled).
export type Changes = z.infer<typeof changesSchema>;
export type Feed = z.infer<typeof feedSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type { WatchList };

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await authFetch(path, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  const body = (await res.json().catch(() => ({}))) as { error?: { message: string } };
  if (!res.ok) throw new ApiError(res.status, body.error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

/** An SVG chart from the server as an image source (a data URL: no markup of ours enters the page). */
async function svg(path: string): Promise<string> {
  const res = await authFetch(path);
  if (!res.ok) throw new ApiError(res.status, `HTTP ${res.status}`);
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(await res.text())))}`;
}

const enc = encodeURIComponent;
export const followApi = {
  changes: (since?: string) => call<Changes>(`/api/changes${since ? `?since=${enc(since)}` : ''}`),
  lists: () => call<{ lists: WatchList[] }>('/api/watchlists'),
  list: (id: string) => call<WatchList>(`/api/watchlists/${enc(id)}`),
  create: (input: WatchListInput) => call<WatchList>('/api/watchlists', { method: 'POST', body: JSON.stringify(input) }),
  update: (id: string, input: WatchListInput) => call<WatchList>(`/api/watchlists/${enc(id)}`, { method: 'PUT', body: JSON.stringify(input) }),
  feed: (id: string, since?: string) => call<Feed>(`/api/watchlists/${enc(id)}/feed${since ? `?since=${enc(since)}` : ''}`),
  trendChart: (id: string) => svg(`/api/trends/${enc(id)}?format=svg`),
  compare: (ids: string[]) => call<Comparison>(`/api/trends/compare?ids=${enc(ids.join(','))}`),
  compareChart: (ids: string[]) => svg(`/api/trends/compare?ids=${enc(ids.join(','))}&format=svg`),
};
