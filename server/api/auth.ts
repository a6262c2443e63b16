import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** With API_TOKEN set, every /api request needs `Authorization: Bearer <token>`. */
export function bearerAuth(token: string | undefined): RequestHandler {
  if (!token) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req, res, next) => {
    const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    // Compare digests: constant time regardless of the presented token's length.
    if (m && timingSafeEqual(digest(m[1]!.trim()), expected)) return next();
    res.set('WWW-Authenticate', 'Bearer');
    next(new HttpError(401, 'Missing or wrong bearer token: send "Authorization: Bearer <API_TOKEN>".'));
  };
}
