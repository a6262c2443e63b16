import fs from 'node:fs';
import path from 'node:path';
import { extractBrief } from '../extract/brief.js';
import { loadRegistry } from '../extract/registry.js';
import type { ExtractedGraph } from '../extract/schema.js';
import { parseBrief } from '../parse/brief.js';

/** text → parsed brief → entities with provenance. No database. */
export function extractText(text: string, file: string): ExtractedGraph {
  return extractBrief(parseBrief(text, file), loadRegistry());
}

export function extractFile(file: string): ExtractedGraph {
  return extractText(fs.readFileSync(file, 'utf8'), file);
}

/** Brief files under the given files/folders (.txt and .md), sorted for a stable order. */
export function listBriefFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${input}: no such file or folder`);
    if (stat.isDirectory()) {
      for (const f of fs.readdirSync(input).sort()) if (/\.(txt|md|markdown)$/i.test(f)) out.push(path.join(input, f));
    } else out.push(input);
  }
  return out;
}
