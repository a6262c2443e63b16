import fs from 'node:fs';
import path from 'node:path';
import { extractBrief } from '../extract/brief.js';
import { loadRegistry, type Registry } from '../extract/registry.js';
import type { ExtractedGraph } from '../extract/schema.js';
import { Deadline } from '../parse/budget.js';
import { parseBrief } from '../parse/brief.js';
import { prepareReader, readBriefFile, toSourceText } from '../parse/formats/read.js';
import type { SourceText } from '../parse/formats/schema.js';
import type { ParsedBrief } from '../parse/schema.js';
import { identityOf, type BriefIdentity } from './identity.js';
import { annotate } from './annotate.js';

export interface ExtractOptions {
  /** Time budget for reading, parsing and extracting one brief (default 10 s); see Deadline. */
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

/** A text or Markdown brief file → its graph (see loadBrief for every format). */
export function extractFile(file: string, opts: ExtractOptions = {}): ExtractedGraph {
  return extractText(fs.readFileSync(file, 'utf8'), file, opts);
}

/** One brief read from its file: its graph, and what the importer needs to recognise and re-extract it. */
export interface LoadedBrief {
  file: string;
  source: SourceText;
  parsed: ParsedBrief;
  identity: BriefIdentity;
  graph: ExtractedGraph;
}

/**
 * Any brief file (PDF, saved web page, text, Markdown) → its graph: the format reader gives the
 * text, the parser and the extractor run on it unchanged, and the graph is annotated with the
 * source's format, the page of each fact (PDFs), truncation and the brief's identity. The import
 * runs it on a thread of its own (BriefReader), which bounds its time and memory from outside.
 * `loading` is told while a format's library loads (once per process): no brief's time.
 */
export async function loadBrief(file: string, opts: ExtractOptions = {}, loading: (busy: boolean) => void = () => {}): Promise<LoadedBrief> {
  const registry = loadRegistry();
  const bytes = readBriefFile(file);
  loading(true);
  await prepareReader(bytes.format);
  loading(false);
  // The budget starts after the one-time loads (registries, pdf.js), which are no brief's fault.
  const deadline = new Deadline(path.basename(file), opts.budgetMs);
  const source = await toSourceText(bytes, deadline);
  const parsed = parseBrief(source.text, file, deadline);
  return { file, source, parsed, identity: identityOf(parsed), graph: graphOf(parsed, source, registry, deadline) };
}

/** The same brief under another id (the id it was first imported with). */
export function renamed(loaded: LoadedBrief, id: string): LoadedBrief {
  const parsed = { ...loaded.parsed, id };
  return { ...loaded, parsed, graph: graphOf(parsed, loaded.source, loadRegistry(), new Deadline(path.basename(loaded.file))) };
}

function graphOf(parsed: ParsedBrief, source: SourceText, registry: Registry, deadline: Deadline): ExtractedGraph {
  return annotate(extractBrief(parsed, registry, deadline), parsed, source, identityOf(parsed));
}

/** Brief files under the given files/folders (.pdf, .html, .htm, .txt, .md), sorted for a stable order. */
export function listBriefFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${input}: no such file or folder`);
    if (stat.isDirectory()) {
      for (const f of fs.readdirSync(input).sort()) if (BRIEF_FILE.test(f)) out.push(path.join(input, f));
    } else out.push(input);
  }
  return out;
}
export const BRIEF_FILE = /\.(txt|md|markdown|pdf|html?)$/i;
