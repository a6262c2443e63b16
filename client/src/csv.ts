// One CSV writer for the app: the server's, with the spreadsheet-formula guard.
export { toCsv } from '../../server/csv.js';

/** A graph value in a result row, as the console returns it (see server/api/elements.ts toJson). */
export type GraphCell =
  { kind: 'node'; id: string; label: string; name: string } | { kind: 'rel'; id: string; type: string } | { kind: 'path'; nodes: string[] };

export function graphCell(v: unknown): GraphCell | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.id === 'string' && Array.isArray(o.labels) && o.properties && typeof o.properties === 'object') {
    const p = o.properties as Record<string, unknown>;
    return { kind: 'node', id: o.id, label: String(o.labels[0] ?? 'Node'), name: String(p.acronym ?? p.name ?? p.title ?? o.id) };
  }
  if (typeof o.id === 'string' && typeof o.type === 'string' && o.properties) return { kind: 'rel', id: o.id, type: o.type };
  if (Array.isArray(o.nodes) && Array.isArray(o.relationships)) return { kind: 'path', nodes: o.nodes.map((n) => String((n as { id?: unknown }).id)) };
  return undefined;
}

/** A cell as CSV text: nodes by name and id, relationships by type and id. */
export function cellText(v: unknown): unknown {
  const g = graphCell(v);
  if (g?.kind === 'node') return `${g.name} (${g.id})`;
  if (g?.kind === 'rel') return `${g.type} (${g.id})`;
  if (g?.kind === 'path') return g.nodes.join(' → ');
  if (Array.isArray(v)) return v.map((x) => cellText(x)).join('; ');
  return v;
}

/** Parses the console's parameter editor: a JSON object, or `key=value` lines (numbers and true/false typed). */
export function parseParams(text: string): Record<string, unknown> {
  const t = text.trim();
  if (!t) return {};
  if (/^[[{]/.test(t)) {
    const v = JSON.parse(t) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('Parameters: expected a JSON object.');
    return v as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const line of t.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^\s*\$?(\w+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!m) throw new Error(`Parameters: cannot read "${line}" (expected name=value).`);
    const raw = m[2]!;
    out[m[1]!] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw === 'true' ? true : raw === 'false' ? false : raw.replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}
