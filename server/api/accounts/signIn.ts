import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { atLeast, type Role, type SignedIn } from '../../accounts/roles.js';
import type { UserStore } from '../../accounts/users.js';
import { HttpError } from '../errors.js';

const signedIn = new WeakMap<Request, SignedIn>();

/** Who sent this request; undefined when no users are configured (single-user use). */
export function currentUser(req: Request): SignedIn | undefined {
  return signedIn.get(req);
}

/**
 * The author to record for a write: the signed-in user when there are accounts — never what the
 * body says — else the body's author (single-user use, as before accounts existed).
 */
export function authorOf(req: Request, claimed?: string): string | undefined {
  return currentUser(req)?.name ?? claimed;
}

export interface SignInOptions {
  users: UserStore;
  /** The shared API_TOKEN: single-user use; with users configured it signs in as an admin named "api-token". */
  apiToken?: string;
  /** TRUST_PROXY_USER: take the user from X-Forwarded-User / X-Forwarded-Email (oauth2-proxy), on loopback connections only. */
  trustProxyUser?: boolean;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** A connection from this machine (where the reverse proxy runs), as Node reports its address. */
export function fromLoopback(req: Request): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(a);
}

/**
 * Every /api request after the public contract. Without users: the optional API_TOKEN, exactly as
 * before. With users: a user's bearer token (or, when enabled, the proxy's header), else 401.
 */
export function signIn({ users, apiToken, trustProxyUser = false }: SignInOptions): RequestHandler {
  const shared = apiToken ? digest(apiToken) : undefined;
  const sharedMatches = (token: string | undefined) => !!shared && token !== undefined && timingSafeEqual(digest(token), shared);
  return (req, res, next) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
    const refuse = (message: string) => {
      res.set('WWW-Authenticate', 'Bearer');
      next(new HttpError(401, message));
    };
    if (!users.configured()) {
      if (!shared || sharedMatches(bearer)) return next();
      return refuse('Missing or wrong bearer token: send "Authorization: Bearer <API_TOKEN>".');
    }
    if (trustProxyUser && fromLoopback(req)) {
      const claimed = req.get('x-forwarded-user') || req.get('x-forwarded-email');
      if (claimed) {
        const user = users.find(claimed) ?? (req.get('x-forwarded-email') ? users.find(req.get('x-forwarded-email')!) : undefined);
        if (!user) return refuse(`The proxy signed in "${claimed}", who is no user here. An admin adds them: npm run users -- add ${claimed} --role viewer.`);
        signedIn.set(req, { name: user.name, role: user.role, via: 'proxy' });
        return next();
      }
    }
    if (bearer) {
      const user = users.verify(bearer);
      if (user) {
        signedIn.set(req, { name: user.name, role: user.role, via: 'token' });
        return next();
      }
      if (sharedMatches(bearer)) {
        signedIn.set(req, { name: 'api-token', role: 'admin', via: 'api-token' });
        return next();
      }
      return refuse('That token is not (or no longer) valid. Ask an admin for a new one: npm run users -- add NAME --role viewer.');
    }
    refuse('Sign in: send "Authorization: Bearer <your token>" (an admin creates one with npm run users -- add NAME --role viewer).');
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * 403 unless the signed-in user has at least `role`. `writesOnly`: reads stay open to viewers.
 * Without users configured everything is allowed, as before accounts existed.
 */
export function requireRole(role: Role, { writesOnly = false } = {}): RequestHandler {
  return (req, _res, next) => {
    if (writesOnly && SAFE.has(req.method)) return next();
    const user = currentUser(req);
    if (!user || atLeast(user.role, role)) return next();
    next(
      new HttpError(
        403,
        `${user.name} is a${user.role === 'admin' ? 'n' : ''} ${user.role}; this needs the ${role} role. An admin can change it (npm run users).`,
      ),
    );
  };
}
