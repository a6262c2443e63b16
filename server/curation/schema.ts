import { z } from 'zod';
import { labelOfId, REL_SHAPES, relType } from '../graph/model.js';
import { isWellFormed, WELL_FORMED_MESSAGE } from '../wellFormed.js';

/**
 * A correction is a fact about the graph with its own provenance (who, when, why). The log file
 * holds one per line; these schemas validate each line and each API request.
 */
/**
 * Neo4j keeps U+FFFD for a lone surrogate, so the graph's value would no longer equal the log's
 * and undo and re-apply could not find what the correction wrote (server/wellFormed.ts).
 */
const wellFormed = (s: z.ZodString) => s.refine(isWellFormed, WELL_FORMED_MESSAGE);

const nodeId = wellFormed(z.string().trim())
  .min(3)
  .max(300)
  .refine((id) => !!labelOfId(id), 'not a node id (expected e.g. company:catl)')
  // A brief is a source, not a fact: correct what it says, never the brief itself.
  .refine((id) => labelOfId(id) !== 'Brief', 'briefs cannot be corrected; correct the facts they state');
/** Free text of a correction (a name, a note, a reason, an author): trimmed, bounded, well-formed Unicode. */
export const correctionText = (max: number) => wellFormed(z.string().trim().min(1).max(max));
const text = correctionText;

export const correctionId = z.string().regex(/^c-[a-z0-9]{6,12}-[a-f0-9]{6}$/, 'not a correction id (expected e.g. c-mi3x9k2a-1f2e3d)');

const common = {
  reason: text(1000).optional(),
  author: text(120).optional(),
};

const sameLabel = (a: string, b: string) => labelOfId(a) === labelOfId(b);
const knownShape = (from: string, type: string, to: string) => REL_SHAPES.some(([t, f, x]) => t === type && f === labelOfId(from) && x === labelOfId(to));

const stampShape = { id: correctionId, at: z.iso.datetime() };
const merge = z.object({ kind: z.literal('merge'), keep: nodeId, drop: nodeId, ...common });
const rename = z.object({ kind: z.literal('rename'), node: nodeId, name: text(300), ...common });
const alias = z.object({ kind: z.literal('alias'), node: nodeId, name: text(300), ...common });
const reject = z.object({ kind: z.literal('reject'), node: nodeId, ...common });
const rejectRel = z.object({ kind: z.literal('reject-rel'), from: nodeId, type: relType, to: nodeId, brief: text(300).optional(), ...common });
const link = z.object({ kind: z.literal('link'), from: nodeId, type: relType, to: nodeId, note: text(1000), ...common });
/** "Not the same": a likely duplicate pair the analyst looked at and kept apart; never suggested again. */
const distinct = z.object({ kind: z.literal('distinct'), a: nodeId, b: nodeId, ...common });
const undo = z.object({ kind: z.literal('undo'), target: correctionId, ...common });

// The rules across fields, for a request and for a log line alike. Each kind stays one flat
// object (a log line is the request's object extended with id and time, not an intersection),
// so the OpenAPI document describes each exactly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = z.ZodObject<any>;
type Pair = { keep: string; drop: string };
type Edge = { from: string; type: string; to: string };
const mergeRules = <S extends Obj>(s: S) =>
  s
    .refine((c) => (c as Pair).keep !== (c as Pair).drop, { message: 'keep and drop must differ', path: ['drop'] })
    .refine((c) => sameLabel((c as Pair).keep, (c as Pair).drop), { message: 'only nodes of the same label can be merged', path: ['drop'] });
type Both = { a: string; b: string };
const distinctRules = <S extends Obj>(s: S) =>
  s
    .refine((c) => (c as Both).a !== (c as Both).b, { message: 'a and b must differ', path: ['b'] })
    .refine((c) => sameLabel((c as Both).a, (c as Both).b), { message: 'only nodes of the same label can be duplicates', path: ['b'] });
const shapeRules = <S extends Obj>(s: S) =>
  s.refine((c) => knownShape((c as Edge).from, (c as Edge).type, (c as Edge).to), {
    message: 'no such relationship shape (see docs/graph-model.md)',
    path: ['type'],
  });

/** What an analyst asks for; the log adds id and time. */
export const correctionRequest = z.discriminatedUnion('kind', [
  mergeRules(merge),
  rename,
  alias,
  reject,
  shapeRules(rejectRel),
  shapeRules(link),
  distinctRules(distinct),
  undo,
]);
export type CorrectionRequest = z.infer<typeof correctionRequest>;

/** One line of the log. */
export const correctionSchema = z.discriminatedUnion('kind', [
  mergeRules(merge.extend(stampShape)),
  rename.extend(stampShape),
  alias.extend(stampShape),
  reject.extend(stampShape),
  shapeRules(rejectRel.extend(stampShape)),
  shapeRules(link.extend(stampShape)),
  distinctRules(distinct.extend(stampShape)),
  undo.extend(stampShape),
]);
export type Correction = z.infer<typeof correctionSchema>;
export type CorrectionOf<K extends Correction['kind']> = Extract<Correction, { kind: K }>;
export type Fact = Exclude<Correction, { kind: 'undo' }>;

/** The node ids a correction touches: the log is indexed by them, so the importer finds a brief's corrections by its nodes' ids. */
export function targetsOf(c: Fact): string[] {
  switch (c.kind) {
    case 'merge':
      return [c.keep, c.drop];
    case 'rename':
    case 'alias':
    case 'reject':
      return [c.node];
    case 'reject-rel':
    case 'link':
      return [c.from, c.to];
    case 'distinct':
      return [c.a, c.b];
  }
}
