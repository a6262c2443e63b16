import fs from 'node:fs';
import path from 'node:path';
import { extractBrief } from '../extract/brief.js';
import { loadRegistry } from '../extract/registry.js';
import type { ExtractedGraph } from '../extract/schema.js';
import { Deadline } from '../parse/budget.js';
import { parseBrief } from '../parse/brief.js';

export interface ExtractOptions {
  /** Time budget for parsing and extracting one brief (default 10 s); see Deadline. */
  budgetMs?: number;
}

/**
 * text → parsed brief → entities with provenance. No database. A brief that takes longer than
 * its budget fails alone with a BriefTimeoutError naming the file.
 */
export function extractText(text: string, file: string, opts: ExtractOptions = {}): ExtractedGraph {
  const registry = loadRegistry();
  // The budget starts after the one-time registry load, which is no brief's fault.
  const deadline = new Deadline(path.basename(file), opts.budgetMs);
  return extractBrief(parseBrief(text, file, deadline), registry, deadline);
}

export function extractFile(file: string, opts: ExtractOptions = {}): ExtractedGraph {
  return extractText(fs.readFileSync(file, 'utf8'), file, opts);
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
