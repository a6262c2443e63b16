import { nodeId } from '../graph/model.js';
import type { ExtractedGraph } from '../extract/schema.js';
import type { SourceText } from '../parse/formats/schema.js';
import type { ParsedBrief } from '../parse/schema.js';
import type { BriefIdentity } from './identity.js';

/**
 * What the extractor cannot know about a brief's file, added to its graph: the Brief node's
 * format and identity keys, and, for paged formats, the page of every fact beside its line (the
 * line numbers refer to the extracted text; the page is what a reader of the PDF looks up).
 */
export function annotate(graph: ExtractedGraph, parsed: ParsedBrief, source: SourceText, identity: BriefIdentity): ExtractedGraph {
  const pageOf = (line: unknown) => (source.pages && typeof line === 'number' ? source.pages[line - 1] : undefined);
  const briefId = nodeId('Brief', parsed.id);
  const nodes = graph.nodes.map((n) => {
    if (n.id === briefId) {
      const truncated = parsed.truncatedAtLine
        ? {
            truncated: true,
            truncatedAtLine: parsed.truncatedAtLine,
            ...(pageOf(parsed.truncatedAtLine) ? { truncatedAtPage: pageOf(parsed.truncatedAtLine)! } : {}),
          }
        : {};
      return { ...n, properties: { ...n.properties, format: source.format, ...truncated, titleKey: identity.titleKey, contentKeys: identity.contentKeys } };
    }
    const page = pageOf(n.properties.line);
    return page ? { ...n, properties: { ...n.properties, page } } : n;
  });
  const relationships = graph.relationships.map((r) => {
    const page = pageOf(r.properties.line);
    return page ? { ...r, properties: { ...r.properties, page } } : r;
  });
  const warnings = [...source.notes.map((message) => ({ message })), ...graph.warnings];
  return { ...graph, nodes, relationships, warnings };
}
