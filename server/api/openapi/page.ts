/**
 * /api/docs: a readable page of /api/openapi.json that needs nothing from the internet.
 * The script is served as its own file, since the app's Content-Security-Policy allows no inline script.
 */
export const docsHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Policy Graph API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem 4rem; color: #1d2330; }
  h1 { margin-bottom: .2rem; } .lead { color: #555; }
  details.op { border: 1px solid #d8dce5; border-radius: 6px; margin: .8rem 0; }
  details.op > summary { cursor: pointer; padding: .5rem .8rem; list-style: none; display: flex; gap: .8rem; align-items: baseline; }
  .m { font: 600 12px monospace; text-transform: uppercase; padding: .1rem .45rem; border-radius: 4px; color: #fff; background: #2f6fb4; }
  .m.post { background: #3a8a4f; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  .body { padding: 0 .8rem .6rem; }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
  pre { background: #f5f6f8; padding: .6rem; overflow: auto; max-height: 24rem; }
  h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
</style>
</head>
<body>
<h1>Policy Graph API</h1>
<p class="lead">Rendered from <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Schemas are JSON Schema 2020-12.</p>
<div id="doc">Loading…</div>
<script src="/api/docs/render.js"></script>
</body>
</html>
`;

export const docsScript = `'use strict';
(async function () {
  const root = document.getElementById('doc');
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const k of kids) e.append(k);
    return e;
  };
  const pretty = (v) => el('pre', {}, JSON.stringify(v, null, 2));
  let spec;
  try {
    const res = await fetch('/api/openapi.json');
    spec = await res.json();
  } catch (err) {
    root.textContent = 'Could not load openapi.json: ' + err.message;
    return;
  }
  root.textContent = '';
  root.append(el('p', {}, spec.info.description || ''), el('p', {}, 'Version ' + spec.info.version));
  const byTag = new Map();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const t of spec.tags || []) if (!byTag.has(t.name)) byTag.set(t.name, []);
  for (const [tag, ops] of byTag) {
    if (!ops.length) continue;
    const info = (spec.tags || []).find((t) => t.name === tag);
    root.append(el('h2', {}, tag + (info && info.description ? ' — ' + info.description : '')));
    for (const { path, method, op } of ops) {
      const body = el('div', { class: 'body' });
      if (op.description) body.append(el('p', {}, op.description));
      if (op.parameters && op.parameters.length) {
        const table = el('table', {}, el('tr', {}, el('th', {}, 'parameter'), el('th', {}, 'in'), el('th', {}, 'schema')));
        for (const p of op.parameters) table.append(el('tr', {}, el('td', {}, el('code', {}, p.name + (p.required ? ' *' : ''))), el('td', {}, p.in), el('td', {}, el('code', {}, JSON.stringify(p.schema)))));
        body.append(table);
      }
      if (op.requestBody) {
        for (const [type, c] of Object.entries(op.requestBody.content)) body.append(el('h4', {}, 'Request body (' + type + ')'), pretty(c.schema));
      }
      for (const [status, r] of Object.entries(op.responses || {})) {
        body.append(el('h4', {}, status + ' — ' + (r.description || '')));
        for (const [type, c] of Object.entries(r.content || {})) body.append(el('div', {}, el('code', {}, type)), pretty(c.schema));
      }
      const details = el('details', { class: 'op' }, el('summary', {}, el('span', { class: 'm ' + method }, method), el('code', {}, path), el('span', {}, op.summary || '')), body);
      root.append(details);
    }
  }
  const schemas = (spec.components && spec.components.schemas) || {};
  if (Object.keys(schemas).length) {
    root.append(el('h2', {}, 'Schemas'));
    for (const [name, s] of Object.entries(schemas)) root.append(el('details', { id: 'schema-' + name }, el('summary', {}, el('code', {}, name)), pretty(s)));
  }
})();
`;
