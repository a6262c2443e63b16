import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config.js';

export type LogLevel = Config['LOG_LEVEL'];

/**
 * One JSON line per request (method, path, status, time, request id) on stdout.
 * Headers are not logged: Authorization carries the API token. 5xx log as error, 4xx as warn.
 */
export function requestLogger(level: LogLevel, destination?: NodeJS.WritableStream): RequestHandler {
  const logger = pinoHttp(
    {
      level,
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination as never,
  );
  return logger as unknown as RequestHandler;
}
