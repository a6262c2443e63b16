import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * Against DNS rebinding and cross-site requests. A web page on another site can make the
 * browser send requests to 127.0.0.1:3000 under its own host name; without a token that would
 * reach the console. So: the Host header must name loopback, the configured HOST or one of
 * ALLOWED_HOSTS; and a request that changes state must come from the app's own origin (the
 * scheme, name and port the browser used to reach it) or one of ALLOWED_ORIGINS. Another port of
 * the same machine is another origin: any local program (a dev server, a notebook, a page served
 * by `python -m http.server`) could otherwise post to the app.
 */
export function hostGuard(allowedHosts: readonly string[], allowedOrigins: readonly string[] = []): RequestHandler {
  const names = new Set(allowedHosts.map((h) => h.toLowerCase()));
  const origins = new Set(allowedOrigins.map(normalOrigin).filter((o): o is string => !!o));
  return (req, _res, next) => {
    const hostHeader = req.get('host');
    const host = hostname(hostHeader);
    if (!host || !(isLoopback(host) || names.has(host))) {
      return next(new HttpError(403, `Host "${hostHeader ?? ''}" is not allowed. If this is the name users reach the app by, add it to ALLOWED_HOSTS.`));
    }
    if (!SAFE_METHODS.has(req.method)) {
      const origin = req.get('origin');
      if (origin !== undefined && origin !== 'null') {
        const from = normalOrigin(origin);
        if (!from || !(origins.has(from) || sameOrigin(from, hostHeader!))) {
          return next(
            new HttpError(
              403,
              `Requests from ${origin} may not change anything here. If that is a page of this app (a proxy or dev server in front of it), add ${from ?? 'its origin'} to ALLOWED_ORIGINS.`,
            ),
          );
        }
      } else if (origin === 'null' || CROSS.has(req.get('sec-fetch-site') ?? '')) {
        return next(new HttpError(403, 'Cross-site requests may not change anything here.'));
      }
    }
    next();
  };
}

/** Without an Origin header: another site, or another port of this one ("same-site"). */
const CROSS = new Set(['cross-site', 'same-site']);

/** "HTTP://LocalHost:80" → "http://localhost"; undefined when not an http(s) origin. */
export function normalOrigin(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The page's origin is the one the request was sent to: same name and port as the Host header. */
function sameOrigin(origin: string, hostHeader: string): boolean {
  return normalOrigin(`${new URL(origin).protocol}//${hostHeader}`) === origin;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** "Example.org:3000" → "example.org"; "[::1]:3000" → "::1". */
export function hostname(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  return h.replace(/:\d+$/, '').replace(/\.$/, '');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
