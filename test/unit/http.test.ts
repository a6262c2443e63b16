import { describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { createApp } from '../../server/api/app.js';
import type { Executor } from '../../server/graph/executor.js';

// An executor that fails like a bug would: the app must answer 500 without details.
const broken = {
  read: async () => {
    throw new Error('secret internal detail at /srv/app/server.ts:42');
  },
} as unknown as Executor;

describe('HTTP error handling without a database', () => {
  it('answers an unexpected error with a generic 500 and no stack trace', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await request(createApp({ executor: broken })).get('/api/stats');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { status: 500, message: 'Internal error; the server log has the details.' } });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|server\.ts|at /);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('unknown routes are JSON 404s, malformed JSON is a 400, nothing reaches the executor', async () => {
    const app = createApp({ executor: broken });
    const r404 = await request(app).get('/nowhere');
    expect(r404.status).toBe(404);
    expect(r404.body.error.message).toMatch(/No route/);
    const r400 = await request(app).post('/api/cypher').set('content-type', 'application/json').send('{"query": ');
    expect(r400.status).toBe(400);
    expect(r400.body.error.message).toBe('Malformed JSON body.');
  });
});
