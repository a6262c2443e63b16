import { duplicatesQuery, duplicatesSchema } from '../duplicates/router.js';
/**
 * The API contract: every endpoint with its path, inputs and outputs, built from the zod schemas
 * that the routers already validate requests and responses with. `openApiDocument()` turns it into
 * the OpenAPI 3.1 document served at /api/openapi.json; a test holds the mounted routes to it.
 */
import { measuresSchema } from '../nodes/measures.js';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { agencyReport, companyReport } from '../../reports/model.js';
import { reportFormat } from '../../reports/service.js';
import { reportItemsQuery, reportItemsSchema } from '../../reports/items.js';
import { appVersion } from '../../version.js';
import { cypherBody } from '../cypher/router.js';
import { correctionId, correctionRequest } from '../../curation/schema.js';
import { correctionListSchema, correctionMadeSchema, undoQuery } from '../corrections/router.js';
import { cypherResultSchema } from '../cypher/execute.js';
import { errorBodySchema } from '../errors.js';
import { healthSchema } from '../health/router.js';
import { elementsBody, neighborsQuery, neighborsSchema, nodeDetailSchema } from '../nodes/router.js';
import { elementsSchema } from '../elements.js';
import { pathsQuery, pathsResultSchema } from '../paths/router.js';
import { savedQueryListSchema } from '../queries/router.js';
import { searchQuery, searchResultSchema } from '../search/router.js';
import { relatedSchema } from '../related/router.js';
import { overviewSchema, statsSchema, timelineSchema } from '../stats/router.js';
import { auditPageSchema, auditQuery, meSchema, publicUserSchema, userCreatedSchema, userListSchema, userRequest } from '../accounts/router.js';
import { noteListSchema, noteQuery } from '../notes/router.js';
import { noteRequest, noteSchema } from '../../notes/store.js';
import { viewCreatedSchema, viewListQuery, viewListSchema } from '../views/router.js';
import { savedViewSchema, viewSchema } from '../views/store.js';
import { changesEndpoints } from './changesContract.js';

type Method = 'get' | 'post' | 'put' | 'delete';

/** One endpoint: an Express-style path (`/api/nodes/:id`) and its OpenAPI operation. */
export interface Endpoint {
  method: Method;
  path: string;
  operation: ZodOpenApiOperationObject;
}

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(errorBodySchema, description);
const nodeIdPath = z.object({ id: z.string().meta({ description: 'A node id: label prefix and key, e.g. agency:MIIT', example: 'agency:MIIT' }) });
/** Errors every route can answer with: the host guard runs first, and a bug is a 500. */
const everywhere = {
  403: error(
    "The Host header is not loopback or in ALLOWED_HOSTS, or a state-changing request came from an origin other than the app's own and ALLOWED_ORIGINS",
  ),
  500: error('A bug; the message only points to the server log'),
};
/** Behind the bearer token: every route but the public contract and its page. */
const guarded = { 401: error('Users are configured (or API_TOKEN is set) and the bearer token is missing, wrong or revoked') };
/** Routes that need more than the viewer role once users are configured. */
const needs = (role: string) => ({ 403: error(`The signed-in user's role is below ${role} (or the host or origin guard refused)`) });
/** Routes that ask Neo4j. */
const database = {
  503: error('Neo4j is unavailable or restarting, or every connection to it is in use (Retry-After)'),
};
/** Routes that take a JSON body. */
const body = {
  413: error('The body is over 100 kB'),
  415: error('The body is in a charset other than UTF-8 or in an unsupported content encoding'),
};
/** Routes that never ask Neo4j (files on disk, the contract). */
const NO_DATABASE = new Set([
  'get /api/queries',
  'get /api/views',
  'post /api/views',
  'get /api/views/:id',
  'get /api/me',
  'get /api/users',
  'post /api/users',
  'delete /api/users/:name',
  'get /api/audit',
  'get /api/notes',
  'post /api/notes',
  'delete /api/notes/:id',
]);
const queryErrors = {
  400: error('Invalid input, or a Cypher syntax error (details.position)'),
  403: error('Refused by the console guard: a write, an administration command or a procedure outside the allow-list (details.reason)'),
  408: error('The query ran past CYPHER_TIMEOUT_MS and was terminated'),
  422: error('The query needed more memory than one transaction may use'),
  429: error('CYPHER_MAX_CONCURRENT console queries are already running (Retry-After)'),
};

export const savedRunBody = z.object({
  params: z.record(z.string(), z.unknown()).optional().meta({ description: "Values for the saved query's parameters; defaults fill the rest" }),
});

export const endpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/api/health',
    operation: {
      tags: ['system'],
      summary: 'App and database status',
      responses: { 200: json(healthSchema, 'Up; database reachable'), 503: json(healthSchema, 'Database unreachable, degraded or restarting') },
    },
  },
  {
    method: 'get',
    path: '/api/search',
    operation: {
      tags: ['graph'],
      summary: 'Find nodes by name, acronym, Chinese name or text',
      description: 'Exact matches first, then aliases, prefixes and full-text score. labels is a comma-separated list of node labels.',
      requestParams: { query: searchQuery },
      responses: { 200: json(searchResultSchema, 'Ranked matches'), 400: error('Invalid query parameters') },
    },
  },
  {
    method: 'post',
    path: '/api/nodes/elements',
    operation: {
      tags: ['graph'],
      summary: 'Cytoscape elements for a set of node ids and the relationships among them',
      requestBody: { content: { 'application/json': { schema: elementsBody } } },
      responses: { 200: json(z.object({ elements: elementsSchema }), 'Nodes and the edges between them'), 400: error('Invalid body') },
    },
  },
  {
    method: 'get',
    path: '/api/duplicates',
    operation: {
      tags: ['curation'],
      summary: 'Likely duplicates to review (companies, then agencies and policies), with the evidence for both sides',
      description:
        'Entities are compared only within blocks of shared rare name tokens (never all pairs). Ranked by name similarity, shared names, news naming both and registry hints. Pairs marked "not the same" (a `distinct` correction) are left out.',
      requestParams: { query: duplicatesQuery },
      responses: { 200: json(duplicatesSchema, 'A page of candidate pairs'), 400: error('Invalid parameters') },
    },
  },
  {
    method: 'post',
    path: '/api/nodes/measures',
    operation: {
      tags: ['graph'],
      summary: 'Whole-graph measures per node (degree, policies led, news mentions) for the style rules',
      requestBody: { content: { 'application/json': { schema: elementsBody } } },
      responses: { 200: json(measuresSchema, 'Measures per node id (unknown ids left out)'), 400: error('Invalid body') },
    },
  },
  {
    method: 'get',
    path: '/api/nodes/:id',
    operation: {
      tags: ['graph'],
      summary: 'A node with its properties, degree per relationship type and provenance (briefs and evidence)',
      requestParams: { path: nodeIdPath },
      responses: { 200: json(nodeDetailSchema, 'The node'), 400: error('Not a node id'), 404: error('No such node') },
    },
  },
  {
    method: 'get',
    path: '/api/nodes/:id/neighbors',
    operation: {
      tags: ['graph'],
      summary: "A node's neighbourhood as Cytoscape elements, filtered by type, label and date",
      requestParams: { path: nodeIdPath, query: neighborsQuery },
      responses: { 200: json(neighborsSchema, 'Neighbours (truncated at limit)'), 400: error('Invalid parameters'), 404: error('No such node') },
    },
  },
  {
    method: 'get',
    path: '/api/paths',
    operation: {
      tags: ['graph'],
      summary: 'Shortest connections between two nodes, explained in words with their evidence',
      requestParams: { query: pathsQuery },
      responses: {
        200: json(pathsResultSchema, 'Paths (none found: an empty list)'),
        400: error('Invalid parameters'),
        404: error('An end node does not exist'),
      },
    },
  },
  {
    method: 'post',
    path: '/api/cypher',
    operation: {
      tags: ['cypher'],
      summary: 'Run read-only Cypher (timeout and row cap from the server configuration)',
      requestBody: { content: { 'application/json': { schema: cypherBody } } },
      responses: { 200: json(cypherResultSchema, 'Columns, rows and the graph elements found in them'), ...queryErrors },
    },
  },
  {
    method: 'get',
    path: '/api/queries',
    operation: {
      tags: ['cypher'],
      summary: 'The saved queries (cypher/queries/*.cypher) with their parameters',
      responses: { 200: json(savedQueryListSchema, 'Saved queries') },
    },
  },
  {
    method: 'post',
    path: '/api/queries/:name/run',
    operation: {
      tags: ['cypher'],
      summary: 'Run a saved query',
      requestParams: { path: z.object({ name: z.string().meta({ example: 'agency-policies' }) }) },
      requestBody: { content: { 'application/json': { schema: savedRunBody } } },
      responses: { 200: json(cypherResultSchema, 'Result'), ...queryErrors, 404: error('No saved query of that name') },
    },
  },
  {
    method: 'get',
    path: '/api/views',
    operation: {
      tags: ['views'],
      summary: 'Named saved views of the explorer, newest first, a page at a time',
      description: "Pass the answer's next as cursor for the next (older) page; there is no next on the last page.",
      requestParams: { query: viewListQuery },
      responses: { 200: json(viewListSchema, 'A page of views'), 400: error('Invalid limit or cursor') },
    },
  },
  {
    method: 'post',
    path: '/api/views',
    operation: {
      tags: ['views'],
      summary: 'Store an explorer view (nodes with positions, zoom, pan, selection, filters, path, panel) under a short id',
      requestBody: { content: { 'application/json': { schema: viewSchema } } },
      responses: {
        201: json(viewCreatedSchema, 'Stored; the link is /#v=<id>'),
        400: error('Not a valid view (at most 1,500 nodes; text well-formed Unicode): the field is named'),
        413: error('The body, or the view as stored, is over 100 kB: save fewer nodes'),
        507: error('The view store is full (count or total bytes) or its disk is: an operator deletes old view files'),
        ...needs('analyst'),
      },
    },
  },
  {
    method: 'get',
    path: '/api/views/:id',
    operation: {
      tags: ['views'],
      summary: 'One stored view',
      requestParams: { path: z.object({ id: z.string().meta({ example: 'Ab3_x9-kQ2mN' }) }) },
      responses: { 200: json(savedViewSchema, 'The view'), 404: error('No view with that id') },
    },
  },
  {
    method: 'get',
    path: '/api/corrections',
    operation: {
      tags: ['curation'],
      summary: 'Every correction in the log, in order, with what the graph shows of it (applied, pending, stale, undone); bad lines of the file in problems',
      responses: { 200: json(correctionListSchema, 'Corrections') },
    },
  },
  {
    method: 'post',
    path: '/api/corrections',
    operation: {
      tags: ['curation'],
      summary: 'Correct the graph (merge, rename, alias, reject, reject-rel, link, undo): recorded in the log and applied in one transaction',
      requestBody: { content: { 'application/json': { schema: correctionRequest } } },
      responses: {
        201: json(correctionMadeSchema, 'Recorded and applied'),
        400: error('Not a valid correction (the field is named; text must be well-formed Unicode)'),
        404: error('Nothing to correct: no such node, relationship or correction'),
        409: error('Already undone, an undo that must wait for a later one (named), or a bad line in the corrections file (run `npm run curate -- check`)'),
        500: error('Recorded in the log but not in the graph (listed as pending; `npm run curate -- apply` applies it)'),
        503: error('Another process holds the corrections file (a correction, `curate apply`) for too long; retry'),
        ...needs('analyst'),
      },
    },
  },
  {
    method: 'delete',
    path: '/api/corrections/:id',
    operation: {
      tags: ['curation'],
      summary: 'Undo a correction: appends a reversal to the log and restores the graph as it was',
      requestParams: { path: z.object({ id: correctionId.meta({ example: 'c-mi3x9k2a-1f2e3d' }) }), query: undoQuery },
      responses: {
        200: json(correctionMadeSchema, 'The undo, recorded and applied'),
        400: error('Not a correction id, or the id is an undo'),
        404: error('No correction with that id'),
        409: error(
          'Already undone; a node it names was merged away or rejected since (undo that correction first, named); or a bad line in the corrections file',
        ),
        503: error('Another process holds the corrections file for too long; retry'),
        ...needs('analyst'),
      },
    },
  },
  {
    method: 'get',
    path: '/api/stats',
    operation: {
      tags: ['graph'],
      summary: 'Counts per label and relationship type, and the date ranges covered',
      responses: { 200: json(statsSchema, 'Statistics') },
    },
  },
  {
    method: 'get',
    path: '/api/stats/overview',
    operation: {
      tags: ['graph'],
      summary: 'The first view: counts, date ranges, the most connected agencies, sectors and companies, the newest briefs',
      responses: { 200: json(overviewSchema, 'Overview') },
    },
  },
  {
    method: 'get',
    path: '/api/stats/timeline',
    operation: {
      tags: ['graph'],
      summary: 'Policies and news items per month, for the timeline',
      responses: { 200: json(timelineSchema, 'Counts per month') },
    },
  },
  {
    method: 'get',
    path: '/api/related/:id',
    operation: {
      tags: ['graph'],
      summary: "One-step questions: a company's related policies and agencies, an agency's co-issuers, a policy's policies on the same sectors",
      description: 'Each item says how it is related (direct, through news, through a sector: a weak link) and carries evidence.',
      requestParams: { path: nodeIdPath },
      responses: {
        200: json(relatedSchema, 'Related nodes with evidence'),
        400: error('Not a node id, or no question for this label'),
        404: error('No such node'),
      },
    },
  },
  {
    method: 'get',
    path: '/api/reports/:kind/:id',
    operation: {
      tags: ['reports'],
      summary: 'The report on an agency or a company',
      description: 'id is a node id or a name ("MoF", "Tesla"). Unknown names answer 404 with close candidates in details.',
      requestParams: {
        path: z.object({ kind: z.enum(['agency', 'company']), id: z.string().meta({ example: 'MIIT' }) }),
        query: z.object({ format: reportFormat.default('html') }),
      },
      responses: {
        200: {
          description: 'The report in the requested format',
          content: {
            'text/html': { schema: z.string() },
            'text/markdown': { schema: z.string() },
            'application/json': { schema: z.union([agencyReport, companyReport]) },
          },
        },
        400: error('Invalid parameters'),
        404: error('No such agency or company'),
      },
    },
  },
  {
    method: 'get',
    path: '/api/reports/:kind/:id/items',
    operation: {
      tags: ['reports'],
      summary: 'One list of a report in full, a page at a time, as JSON or CSV',
      description:
        'A report shows the first items of each list (newest or most connected first) and says how many more there are; this pages through the whole list in the same order. total is the size of the whole list.',
      requestParams: {
        path: z.object({ kind: z.enum(['agency', 'company']), id: z.string().meta({ example: 'MIIT' }) }),
        query: reportItemsQuery,
      },
      responses: {
        200: {
          description: 'A page of the list',
          content: { 'application/json': { schema: reportItemsSchema }, 'text/csv': { schema: z.string() } },
        },
        400: error('Invalid parameters, or a section the kind of report does not have'),
        404: error('No such agency or company'),
        422: error('The query needed more memory than one transaction may use'),
      },
    },
  },
  {
    method: 'get',
    path: '/api/notes',
    operation: {
      tags: ['notes'],
      summary: "Analysts' notes on a node or a saved view (target view:<id>), oldest first, with author and date",
      requestParams: { query: noteQuery },
      responses: { 200: json(noteListSchema, 'Notes'), 400: error('Not a node id or view:<id>') },
    },
  },
  {
    method: 'post',
    path: '/api/notes',
    operation: {
      tags: ['notes'],
      summary: 'Attach a short note (at most 500 characters) to a node or a saved view; the author is the signed-in user',
      requestBody: { content: { 'application/json': { schema: noteRequest } } },
      responses: {
        201: json(noteSchema, 'Stored'),
        400: error('Not a valid target or text (well-formed Unicode, 1–500 characters)'),
        507: error('The notes file is full'),
        ...needs('analyst'),
      },
    },
  },
  {
    method: 'delete',
    path: '/api/notes/:id',
    operation: {
      tags: ['notes'],
      summary: 'Delete a note',
      requestParams: { path: z.object({ id: z.string() }) },
      responses: { 200: json(noteSchema, 'Deleted'), 404: error('No such note'), ...needs('analyst') },
    },
  },
  {
    method: 'get',
    path: '/api/me',
    operation: {
      tags: ['accounts'],
      summary: 'Who is signed in, with which role; accounts: false when the server has no users (single-user use)',
      responses: { 200: json(meSchema, 'The signed-in user') },
    },
  },
  {
    method: 'get',
    path: '/api/users',
    operation: {
      tags: ['accounts'],
      summary: 'The users and their roles (admin)',
      responses: { 200: json(userListSchema, 'Users, without their tokens'), ...needs('admin') },
    },
  },
  {
    method: 'post',
    path: '/api/users',
    operation: {
      tags: ['accounts'],
      summary: 'Add a user (admin); the answer holds their token, the only time it exists in clear',
      requestBody: { content: { 'application/json': { schema: userRequest } } },
      responses: {
        201: json(userCreatedSchema, 'Added'),
        400: error('Not a valid name or role'),
        409: error('The name is taken'),
        507: error('The users file is full'),
        ...needs('admin'),
      },
    },
  },
  {
    method: 'delete',
    path: '/api/users/:name',
    operation: {
      tags: ['accounts'],
      summary: 'Revoke a user (admin): their token stops working at once',
      requestParams: { path: z.object({ name: z.string() }) },
      responses: { 200: json(publicUserSchema, 'Revoked'), 404: error('No such user'), ...needs('admin') },
    },
  },
  {
    method: 'get',
    path: '/api/audit',
    operation: {
      tags: ['accounts'],
      summary: 'The audit log (admin): every write with who, when, what and from where, newest first, a page at a time',
      requestParams: { query: auditQuery },
      responses: { 200: json(auditPageSchema, 'A page of the log'), 400: error('Invalid limit or cursor'), ...needs('admin') },
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operation: {
      tags: ['system'],
      summary: 'This document',
      security: [],
      responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.object({ openapi: z.string() }).loose() } } } },
    },
  },
  {
    method: 'get',
    path: '/api/docs',
    operation: {
      tags: ['system'],
      summary: 'A readable page of this document',
      security: [],
      responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
    },
  },
  {
    method: 'get',
    path: '/api/docs/render.js',
    operation: {
      tags: ['system'],
      summary: "The docs page's script",
      security: [],
      responses: { 200: { description: 'JavaScript', content: { 'text/javascript': { schema: z.string() } } } },
    },
  },
  ...changesEndpoints,
];

/** Express `/a/:id` → OpenAPI `/a/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of every endpoint (built once). */
export function openApiDocument() {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const e of endpoints) {
    const p = (paths[openApiPath(e.path)] ??= {});
    const responses = {
      ...everywhere,
      ...(e.operation.security ? {} : guarded),
      ...(e.operation.security || NO_DATABASE.has(`${e.method} ${e.path}`) ? {} : database),
      ...(e.operation.requestBody ? body : {}),
      ...e.operation.responses,
    };
    p[e.method] = {
      operationId: `${e.method}${e.path.replace(/\/api/, '').replace(/[/:.]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      ...e.operation,
      responses,
    };
  }
  cached = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Policy Graph API',
      version: appVersion,
      description:
        'The knowledge graph of MERICS China Industries briefs: search, nodes and neighbourhoods, paths, read-only Cypher, saved queries, statistics and reports. Errors are JSON: {"error": {"status", "message", "details"?}}.',
    },
    servers: [{ url: '/' }],
    components: {
      // Named here so the document refers to them instead of repeating them.
      schemas: {
        Error: errorBodySchema,
        // The recursive JSON value of Cypher parameters.
        JsonValue: cypherBody.shape.params.unwrap().valueType,
        Elements: elementsSchema,
        Health: healthSchema,
        SearchResult: searchResultSchema,
        NodeDetail: nodeDetailSchema,
        Neighbors: neighborsSchema,
        Paths: pathsResultSchema,
        CypherResult: cypherResultSchema,
        SavedQueries: savedQueryListSchema,
        Stats: statsSchema,
        Overview: overviewSchema,
        Timeline: timelineSchema,
        Related: relatedSchema,
        AgencyReport: agencyReport,
        CompanyReport: companyReport,
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: "A user's token (npm run users), or API_TOKEN when the server sets it" } },
    },
    // No token unless API_TOKEN is set on the server; then a bearer token.
    security: [{}, { bearer: [] }],
    tags: [
      { name: 'graph', description: 'Search and explore' },
      { name: 'cypher', description: 'Read-only Cypher and saved queries' },
      { name: 'reports', description: 'Agency and company reports' },
      { name: 'system', description: 'Health and this contract' },
      { name: 'notes', description: "Analysts' notes on nodes and saved views" },
      { name: 'accounts', description: 'Users, roles and the audit log (docs/security.md)' },
    ],
    paths,
  });
  return cached;
}
