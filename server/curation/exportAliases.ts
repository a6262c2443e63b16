import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ManagedTransaction } from 'neo4j-driver';
import { idKey, labelOfId, type NodeLabel } from '../graph/model.js';
import { fromRoot } from '../paths.js';
import type { CorrectionState } from './state.js';

/** The registry files an alias can go to: one JSON object per line, so a patch shows one line per entry. */
const FILES = { Agency: 'server/extract/data/agencies.json', Company: 'server/extract/data/companies.json' } as const satisfies Partial<
  Record<NodeLabel, string>
>;

interface Entry {
  id?: string;
  name: string;
  aliases: string[];
  acronyms?: string[];
  nameZh?: string;
}

const KEEP_NAMES = `UNWIND $ids AS id
OPTIONAL MATCH (a:Agency {id: id}) OPTIONAL MATCH (c:Company {id: id})
RETURN id, coalesce(a.name, c.name) AS name, c.curation AS curation`;

/**
 * Aliases learnt from merges and alias corrections of agencies and companies, as a unified diff
 * of the registry files (apply it with `git apply`), and the names no registry entry takes.
 */
export async function exportAliases(tx: ManagedTransaction, state: CorrectionState): Promise<{ patch: string; unplaced: string[] }> {
  const wanted = new Map<string, Set<string>>();
  const add = (id: string, name: string) => wanted.set(id, (wanted.get(id) ?? new Set()).add(name));
  for (const c of state.active()) {
    if (c.kind === 'alias' && /^(agency|company):/.test(c.node)) add(c.node, c.name);
    if (c.kind === 'merge' && /^(agency|company):/.test(c.keep)) {
      const hidden = (await tx.run('MATCH (n:Merged {id: $id, mergedBy: $cid}) RETURN n.addedAliases AS a', { id: c.drop, cid: c.id })).records[0];
      for (const a of (hidden?.get('a') as string[] | null) ?? []) add(c.keep, a);
    }
  }
  // The registry knows a company by the name the extractor gives it (before any rename).
  const names = new Map<string, string>();
  for (const r of (await tx.run(KEEP_NAMES, { ids: [...wanted.keys()] })).records) {
    const curation = r.get('curation') as string | null;
    const extracted = curation ? (JSON.parse(curation) as { name?: { extracted?: string } }).name?.extracted : undefined;
    if (r.get('name')) names.set(r.get('id') as string, extracted ?? (r.get('name') as string));
  }
  const unplaced: string[] = [];
  let patch = '';
  for (const [label, file] of Object.entries(FILES)) {
    const lines = fs.readFileSync(fromRoot(file), 'utf8').split('\n');
    const entryAt = (i: number) => {
      const m = /^(\s*)(\{.*\})(,?)\s*$/.exec(lines[i] ?? '');
      return m ? { indent: m[1]!, entry: JSON.parse(m[2]!) as Entry, comma: m[3]! } : undefined;
    };
    const namesOfEntry = (e: Entry) => [e.name, e.nameZh, ...(e.acronyms ?? []), ...e.aliases].filter((x): x is string => !!x);
    /** The line of the entry that has `name` among its names (case-insensitive), or -1. */
    const lineOf = (name: string | undefined, except = -1) =>
      lines.findIndex((_, i) => i !== except && !!name && !!entryAt(i) && namesOfEntry(entryAt(i)!.entry).some((n) => n.toLowerCase() === name.toLowerCase()));
    const dropped = new Set<number>();
    let changed = false;
    for (const [id, aliases] of wanted) {
      if (labelOfId(id) !== label) continue;
      const i = label === 'Agency' ? lines.findIndex((_, k) => entryAt(k)?.entry.id === idKey('Agency', id)) : lineOf(names.get(id));
      if (i < 0) {
        unplaced.push(`${id} (${[...aliases].join(', ')}): no entry in ${file}; add one by hand`);
        continue;
      }
      const at = entryAt(i)!;
      const known = new Set(namesOfEntry(at.entry).map((x) => x.toLowerCase()));
      const fresh: string[] = [];
      for (const a of aliases) {
        if (known.has(a.toLowerCase())) continue;
        // A registry name belongs to one entry only. A company merged into another brings its
        // whole entry along (the entry goes, its names join the kept one); an agency entry is
        // never removed (node ids derive from it), so such a name is left for a person to decide.
        const other = lineOf(a, i);
        if (other >= 0) {
          const o = entryAt(other)!.entry;
          if (label === 'Company' && !dropped.has(other)) {
            dropped.add(other);
            for (const n of namesOfEntry(o)) {
              if (known.has(n.toLowerCase())) continue;
              known.add(n.toLowerCase());
              fresh.push(n);
            }
          } else if (!dropped.has(other))
            unplaced.push(`${id}: "${a}" is a name of registry entry ${o.id ?? o.name}; an agency entry is never removed, so decide by hand`);
          continue;
        }
        known.add(a.toLowerCase());
        fresh.push(a);
      }
      if (!fresh.length) continue;
      at.entry.aliases = [...at.entry.aliases, ...fresh];
      // The files' own style: one entry per line, a space after each colon and comma.
      lines[i] = `${at.indent}${JSON.stringify(at.entry).replace(/","/g, '", "').replace(/":/g, '": ').replace(/],"/g, '], "')}${at.comma}`;
      changed = true;
    }
    if (!changed) continue;
    const kept = lines.filter((_, i) => !dropped.has(i));
    // The last entry of the array has no comma.
    const last = kept.findLastIndex((l) => /^\s*\{.*\},?\s*$/.test(l));
    if (last >= 0) kept[last] = kept[last]!.replace(/\},\s*$/, '}');
    patch += unifiedDiff(file, kept.join('\n'));
  }
  return { patch, unplaced };
}

function unifiedDiff(file: string, next: string): string {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-aliases-')), path.basename(file));
  fs.writeFileSync(tmp, next);
  const r = spawnSync('git', ['diff', '--no-index', '--no-color', `--src-prefix=a/`, `--dst-prefix=b/`, fromRoot(file), tmp], { encoding: 'utf8' });
  fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  // git names the two files by their paths; the patch names the registry file on both sides.
  return r.stdout.replace(/^(diff --git|---|\+\+\+) .*$/gm, (line) =>
    line.startsWith('diff') ? `diff --git a/${file} b/${file}` : line.startsWith('---') ? `--- a/${file}` : `+++ b/${file}`,
  );
}
