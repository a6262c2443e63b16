import { z } from 'zod';
import { nodeLabel, relType } from '../graph/model.js';

const propValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.array(z.number())]);
export const properties = z.record(z.string(), propValue);

export const graphNode = z.object({ id: z.string().min(1), label: nodeLabel, properties });
export type GraphNode = z.infer<typeof graphNode>;

/** Every extracted relationship carries its provenance: brief id, evidence text, source line. */
export const relProvenance = z.object({
  brief: z.string().min(1),
  evidence: z.string().min(1),
  /** Line of the brief's text (for a PDF or web page: of the text extracted from it). */
  line: z.number().int().positive(),
  /** Page of a PDF brief that the line is on. */
  page: z.number().int().positive().optional(),
});

// catchall rather than an intersection with `properties`: same rule, a fifth of zod's work per row.

export const graphRel = z.object({
  type: relType,
  source: z.string().min(1),
  target: z.string().min(1),
  properties: relProvenance.catchall(propValue),
});
export type GraphRel = z.infer<typeof graphRel>;

/** The dry-run contract (`npm run import -- FILE --dry-run --json OUT`): keep it stable. */
export const extractedGraph = z.object({
  brief: z.string(),
  nodes: z.array(graphNode),
  relationships: z.array(graphRel),
  warnings: z.array(z.object({ line: z.number().int().optional(), message: z.string() })),
});
export type ExtractedGraph = z.infer<typeof extractedGraph>;
