import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * Against DNS rebinding and cross-site requests. A web page on another site can make the
 * browser send requests to 127.0.0.1:3000 under its own host name; without a token that would
 * reach the console. So: the Host header must name loopback, the configured HOST or one of
 * ALLOWED_HOSTS; and a request that changes state must not come from a foreign Origin.
 */
export function hostGuard(allowed: readonly string[]): RequestHandler {
  const names = new Set(allowed.map((h) => h.toLowerCase()));
  return (req, _res, next) => {
    const host = hostname(req.get('host'));
    if (!host || !(isLoopback(host) || names.has(host))) {
      return next(new HttpError(403, `Host "${req.get('host') ?? ''}" is not allowed. If this is the name users reach the app by, add it to ALLOWED_HOSTS.`));
    }
    if (!SAFE_METHODS.has(req.method)) {
      const origin = req.get('origin');
      if (origin !== undefined && origin !== 'null') {
        const from = originHost(origin);
        if (!from || !(isLoopback(from) || names.has(from) || from === host)) {
          return next(new HttpError(403, `Requests from ${origin} may not change anything here.`));
        }
      } else if (origin === 'null' || req.get('sec-fetch-site') === 'cross-site') {
        return next(new HttpError(403, 'Cross-site requests may not change anything here.'));
      }
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** "Example.org:3000" → "example.org"; "[::1]:3000" → "::1". */
export function hostname(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  return h.replace(/:\d+$/, '').replace(/\.$/, '');
}

function originHost(origin: string): string | undefined {
  try {
    return hostname(new URL(origin).host);
  } catch {
    return undefined;
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
