import { Router } from 'express';
import { openApiDocument } from './contract.js';
import { docsHtml, docsScript } from './page.js';

/** GET /api/openapi.json and GET /api/docs (a page rendering it). */
export function openApiRouter(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(docsHtml);
  });
  router.get('/docs/render.js', (_req, res) => {
    res.type('js').send(docsScript);
  });
  return router;
}
