import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../accounts/audit.js';
import { auditEntrySchema } from '../../accounts/audit.js';
import { roleSchema } from '../../accounts/roles.js';
import { UserStoreError, userName, type UserStore } from '../../accounts/users.js';
import { HttpError } from '../errors.js';
import { body } from '../params.js';
import { formatIssues } from '../../issues.js';
import { currentUser, requireRole } from './signIn.js';

export const meSchema = z.object({
  accounts: z.boolean().meta({ description: 'Whether this server has users; false: single-user use' }),
  name: z.string().optional(),
  role: roleSchema.optional(),
  via: z.enum(['token', 'proxy', 'api-token']).optional(),
});
export const publicUserSchema = z.object({ name: z.string(), role: roleSchema, created: z.string() });
export const userListSchema = z.object({ users: z.array(publicUserSchema) });
export const userRequest = z.object({ name: userName, role: roleSchema });
export const userCreatedSchema = z.object({
  user: publicUserSchema,
  token: z.string().meta({ description: 'Shown this once; the server keeps only its hash' }),
});
export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.coerce.number().int().min(0).optional(),
});
export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), total: z.number().int(), next: z.number().int().optional() });

const guarded = <T>(work: () => T): T => {
  try {
    return work();
  } catch (err) {
    if (err instanceof UserStoreError) throw new HttpError(err.status, err.message);
    throw err;
  }
};

/** GET /me (anyone signed in), /users (admin), /audit (admin). */
export function accountsRouter(users: UserStore, audit: AuditLog): Router {
  const router = Router();

  router.get('/me', (req, res) => {
    const user = currentUser(req);
    res.json(meSchema.parse({ accounts: users.configured(), ...(user ?? {}) }));
  });

  const admin = requireRole('admin');
  router.get('/users', admin, (_req, res) => {
    res.json(userListSchema.parse({ users: guarded(() => users.list()) }));
  });
  router.post('/users', admin, (req, res) => {
    const request = body(req, userRequest);
    const made = guarded(() => users.add(request.name, request.role));
    res.locals.auditDetail = `added ${made.user.name} (${made.user.role})`;
    res.status(201).json(userCreatedSchema.parse(made));
  });
  router.delete('/users/:name', admin, (req, res) => {
    const gone = guarded(() => users.revoke(String(req.params.name)));
    res.locals.auditDetail = `revoked ${gone.name}`;
    res.json(publicUserSchema.parse(gone));
  });

  router.get('/audit', admin, (req, res) => {
    const query = auditQuery.safeParse(req.query);
    if (!query.success) throw new HttpError(400, formatIssues(query.error.issues, { root: 'query' }));
    res.json(auditPageSchema.parse(audit.page(query.data.limit, query.data.cursor)));
  });

  return router;
}
