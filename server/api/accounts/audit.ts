import type { RequestHandler } from 'express';
import type { AuditLog } from '../../accounts/audit.js';
import { currentUser } from './signIn.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Mounted before each router that writes: once a write has succeeded (status below 400), one
 * line in the audit log. Refused writes changed nothing and are not logged here (the request
 * log has them).
 */
export function audited(audit: AuditLog): RequestHandler {
  return (req, res, next) => {
    if (SAFE.has(req.method)) return next();
    // Written as the status goes out, before the client can see the answer: a reader of the log
    // right after a write finds its line.
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
    res.writeHead = ((...args: unknown[]) => {
      const status = typeof args[0] === 'number' ? args[0] : res.statusCode;
      if (status < 400) record(status);
      return writeHead(...args);
    }) as typeof res.writeHead;
    const record = (status: number) => {
      const detail = res.locals.auditDetail as string | undefined;
      audit.append({
        who: currentUser(req)?.name ?? 'local',
        what: `${req.method} ${req.baseUrl}${req.path === '/' ? '' : req.path}`,
        from: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        status,
        ...(detail ? { detail } : {}),
      });
    };
    next();
  };
}
