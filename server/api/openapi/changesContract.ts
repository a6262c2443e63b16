import { z } from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { errorBodySchema } from '../errors.js';
import { changesSchema } from '../../changes/service.js';
import { changesQuery } from '../changes/router.js';

/** Endpoints of the change history, watch-lists, trends and comparisons (issue 29); contract.ts lists them with the rest. */
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(errorBodySchema, description);

export const changesEndpoints: { method: 'get' | 'post' | 'put' | 'delete'; path: string; operation: ZodOpenApiOperationObject }[] = [
  {
    method: 'get',
    path: '/api/changes',
    operation: {
      tags: ['changes'],
      summary: 'What imports added to the graph and removed from it, by label, since an import or a date',
      description:
        'Every import (npm run import, the start-up seed import) is recorded in .data/changes/imports.jsonl. Net changes: a node added and later removed is neither. Names are read from the graph for the page shown.',
      requestParams: { query: changesQuery },
      responses: {
        200: json(changesSchema, 'The imports covered and their changes'),
        400: error('since names no import and is no date, or a bad limit, offset or type'),
      },
    },
  },
];
