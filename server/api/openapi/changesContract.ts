import { z } from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import { errorBodySchema } from '../errors.js';
import { changesSchema } from '../../changes/service.js';
import { changesQuery } from '../changes/router.js';
import { feedSchema } from '../../watch/feed.js';
import { watchListInput, watchListSchema } from '../../watch/schema.js';
import { feedQuery, watchIdPath, watchListsSchema } from '../watch/router.js';
import { trendSchema } from '../../trends/series.js';
import { comparisonSchema } from '../../compare/compare.js';
import { compareQuery, trendQuery } from '../trends/router.js';

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
  {
    method: 'get',
    path: '/api/watchlists',
    operation: { tags: ['watch'], summary: 'Every watch-list, by name', responses: { 200: json(watchListsSchema, 'The lists') } },
  },
  {
    method: 'post',
    path: '/api/watchlists',
    operation: {
      tags: ['watch'],
      summary: 'Make a watch-list: a name and up to 200 agency, company, sector or policy ids',
      requestBody: { content: { 'application/json': { schema: watchListInput } } },
      responses: {
        201: json(watchListSchema, 'Made; the link is /#watch=<id>'),
        400: error('Not a valid list (the field is named: name, entities.N, author)'),
        409: error('A list of that name exists'),
        507: error('The store is full'),
      },
    },
  },
  {
    method: 'get',
    path: '/api/watchlists/:id',
    operation: {
      tags: ['watch'],
      summary: 'One watch-list',
      requestParams: { path: watchIdPath },
      responses: { 200: json(watchListSchema, 'The list'), 404: error('No such list') },
    },
  },
  {
    method: 'put',
    path: '/api/watchlists/:id',
    operation: {
      tags: ['watch'],
      summary: "Replace a watch-list's name and entities",
      requestParams: { path: watchIdPath },
      requestBody: { content: { 'application/json': { schema: watchListInput } } },
      responses: {
        200: json(watchListSchema, 'Saved'),
        400: error('Not a valid list (the field is named)'),
        404: error('No such list'),
        409: error('Another list has that name'),
      },
    },
  },
  {
    method: 'delete',
    path: '/api/watchlists/:id',
    operation: {
      tags: ['watch'],
      summary: 'Delete a watch-list',
      requestParams: { path: watchIdPath },
      responses: { 204: { description: 'Deleted' }, 404: error('No such list') },
    },
  },
  {
    method: 'get',
    path: '/api/watchlists/:id/feed',
    operation: {
      tags: ['watch'],
      summary: "New facts touching the list's entities, newest first, each with its sentence and brief: JSON, Atom, or a digest (md, html)",
      description:
        "Facts come from the import history (GET /api/changes): relationships added by an import with a watched node on one end. Atom entries link to the explorer on the fact's node (/#n=<id>).",
      requestParams: { path: watchIdPath, query: feedQuery },
      responses: {
        200: {
          description: 'The feed',
          content: {
            'application/json': { schema: feedSchema },
            'application/atom+xml': { schema: z.string() },
            'text/markdown': { schema: z.string() },
            'text/html': { schema: z.string() },
          },
        },
        400: error('Bad since, limit, offset or format'),
        404: error('No such list'),
      },
    },
  },
  {
    method: 'get',
    path: '/api/trends/compare',
    operation: {
      tags: ['trends'],
      summary:
        'Two to four agencies, sectors or companies side by side: counts, trends on one axis, shared and distinct co-issuers, sectors and companies, each cell citing its sentence',
      requestParams: { query: compareQuery },
      responses: {
        200: {
          description: 'The comparison',
          content: {
            'application/json': { schema: comparisonSchema },
            'text/markdown': { schema: z.string() },
            'text/html': { schema: z.string() },
            'image/svg+xml': { schema: z.string() },
          },
        },
        400: error('Fewer than 2 or more than 4 ids, or an id that is no agency, sector or company'),
      },
    },
  },
  {
    method: 'get',
    path: '/api/trends/:id',
    operation: {
      tags: ['trends'],
      summary: 'Counts per quarter over the whole archive for an agency, sector or company (policies, news items, co-issuers), as JSON or an SVG line chart',
      requestParams: { path: z.object({ id: z.string().meta({ example: 'agency:MIIT' }) }), query: trendQuery },
      responses: {
        200: { description: 'The series or the chart', content: { 'application/json': { schema: trendSchema }, 'image/svg+xml': { schema: z.string() } } },
        400: error('Not an agency, sector or company id'),
        404: error('No such node'),
      },
    },
  },
];
