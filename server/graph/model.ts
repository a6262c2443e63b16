import { z } from 'zod';

/**
 * The graph model, written once: labels with their id prefixes, display names and search fields;
 * relationship types with the labels they join and the properties they carry. The importer's
 * writes, the read API's validation, the remove-brief statement, the schema test and the explorer
 * all read it from here. Pure data and zod: the client bundles this file too, so it imports
 * nothing from Node.
 */

/** Full-text indexes in cypher/schema.cypher, each over one node property. */
export const SEARCH_INDEXES = {
  /** Names, titles, acronyms, aliases and Chinese names: what type-ahead looks in first. */
  entity_names: 'nameText',
  /** The names plus a node's full text (news items), for words that no name contains. */
  entity_search: 'searchText',
  /** Briefs by title, topics and date: their own index, ranked after names. */
  brief_names: 'nameText',
} as const;
export type SearchIndex = keyof typeof SEARCH_INDEXES;

interface LabelSpec {
  /** Ids start with `<prefix>:` ("agency:MIIT"), so an id alone tells its label and index. */
  readonly idPrefix: string;
  readonly display: string;
  readonly plural: string;
  /**
   * The full-text indexes the label is in. Targets are in none: a target's text is a clause of its
   * policy's key points, reached from the policy, and "30 percent" alone would fill type-ahead.
   */
  readonly search: readonly SearchIndex[];
}

const ENTITY: readonly SearchIndex[] = ['entity_names', 'entity_search'];

export const LABELS = {
  Brief: { idPrefix: 'brief', display: 'Brief', plural: 'briefs', search: ['brief_names'] },
  Policy: { idPrefix: 'policy', display: 'Policy', plural: 'policies', search: ENTITY },
  Agency: { idPrefix: 'agency', display: 'Agency', plural: 'agencies', search: ENTITY },
  Company: { idPrefix: 'company', display: 'Company', plural: 'companies', search: ENTITY },
  Sector: { idPrefix: 'sector', display: 'Sector', plural: 'sectors', search: ENTITY },
  // A news item's "name" is its date and first words: in the names index, a much-reported body's
  // news outnumbered and outscored the body itself ("MIIT" found 100 news items before MIIT).
  NewsItem: { idPrefix: 'news', display: 'News item', plural: 'news items', search: ['entity_search'] },
  Target: { idPrefix: 'target', display: 'Target', plural: 'targets', search: [] },
  Outlet: { idPrefix: 'outlet', display: 'Outlet', plural: 'outlets', search: ENTITY },
  Place: { idPrefix: 'place', display: 'Place', plural: 'places', search: ENTITY },
} as const satisfies Record<string, LabelSpec>;

export type NodeLabel = keyof typeof LABELS;
export const nodeLabel = z.enum(Object.keys(LABELS) as [NodeLabel, ...NodeLabel[]]);

/** Every extracted relationship carries these (see relProvenance in extract/schema.ts). */
export const PROVENANCE_PROPERTIES = ['brief', 'evidence', 'line'] as const;

interface RelSpec {
  /** The [source, target] label pairs the importer writes; anything else is refused. */
  readonly shapes: readonly (readonly [NodeLabel, NodeLabel])[];
  /** Properties beyond provenance. */
  readonly properties: readonly string[];
  /** Plain-language reading in the stored direction ("the policy was issued by the agency"). */
  readonly verb: string;
}

export const RELATIONSHIPS = {
  COVERS: { shapes: [['Brief', 'Policy']], properties: [], verb: 'covers' },
  REPORTS: { shapes: [['Brief', 'NewsItem']], properties: [], verb: 'reports' },
  // A news line that announces a policy document: the policy read from the line, or the brief's
  // write-up policy the line names.
  ANNOUNCES: { shapes: [['NewsItem', 'Policy']], properties: [], verb: 'announces' },
  // Lineage (docs/graph-model.md "Lineage"): the later document points at the earlier one. `rule`
  // names what made the link (the same title once draft or edition markers are removed, across
  // briefs; a sentence that says so, within one), the evidence is that sentence or the two titles.
  FINAL_VERSION_OF: { shapes: [['Policy', 'Policy']], properties: ['rule'], verb: 'is the final version of the draft' },
  REVISES: { shapes: [['Policy', 'Policy']], properties: ['rule'], verb: 'revises (is a new edition or version of)' },
  IMPLEMENTS: { shapes: [['Policy', 'Policy']], properties: ['rule'], verb: 'was issued to implement' },
  // A news line that names a policy the graph has, in quotation marks, without announcing a document.
  CITES_POLICY: { shapes: [['NewsItem', 'Policy']], properties: ['rule'], verb: 'cites the policy' },
  // extraction: 'prose' when the issuer was read from a sentence of an earlier-layout brief, 'news'
  // when from a dated news line.
  ISSUED_BY: { shapes: [['Policy', 'Agency']], properties: ['lead', 'surface', 'extraction'], verb: 'was issued by' },
  TARGETS: { shapes: [['Policy', 'Sector']], properties: ['score'], verb: 'targets the sector' },
  HAS_TARGET: { shapes: [['Policy', 'Target']], properties: [], verb: 'sets the target' },
  MENTIONED_IN: {
    shapes: [
      ['Company', 'NewsItem'],
      ['Company', 'Policy'],
    ],
    properties: ['rule', 'surface'],
    verb: 'is mentioned in',
  },
  INVOLVES: { shapes: [['NewsItem', 'Agency']], properties: ['lead'], verb: 'involves' },
  ABOUT: { shapes: [['NewsItem', 'Sector']], properties: ['score'], verb: 'is about' },
  CITES: { shapes: [['NewsItem', 'Outlet']], properties: [], verb: 'cites' },
  LOCATED_IN: { shapes: [['NewsItem', 'Place']], properties: [], verb: 'took place in' },
} as const satisfies Record<string, RelSpec>;

export type RelType = keyof typeof RELATIONSHIPS;
export const relType = z.enum(Object.keys(RELATIONSHIPS) as [RelType, ...RelType[]]);

/** Every relationship shape the extractor produces, flattened: [type, source label, target label]. */
export const REL_SHAPES: readonly (readonly [RelType, NodeLabel, NodeLabel])[] = relType.options.flatMap((type) =>
  RELATIONSHIPS[type].shapes.map(([from, to]) => [type, from, to] as const),
);

export const ID_PREFIX = Object.fromEntries(nodeLabel.options.map((l) => [l, LABELS[l].idPrefix])) as Record<NodeLabel, string>;
const LABEL_BY_PREFIX = new Map<string, NodeLabel>(nodeLabel.options.map((l) => [LABELS[l].idPrefix, l]));

/** The label an id belongs to, from its prefix; undefined for anything that is not a node id. */
export function labelOfId(id: string): NodeLabel | undefined {
  return LABEL_BY_PREFIX.get(id.slice(0, id.indexOf(':')));
}

/** A node id from its label and key ("Brief", "2024-03" → "brief:2024-03"). */
export function nodeId(label: NodeLabel, key: string): string {
  return `${LABELS[label].idPrefix}:${key}`;
}

/** The key of a node id without its label's prefix ("brief:2024-03" → "2024-03"). */
export function idKey(label: NodeLabel, id: string): string {
  const prefix = `${LABELS[label].idPrefix}:`;
  if (!id.startsWith(prefix)) throw new Error(`${id} is not a ${label} id (expected ${prefix}…)`);
  return id.slice(prefix.length);
}

/** The labels in a full-text index, in model order. */
export function labelsInIndex(index: SearchIndex): NodeLabel[] {
  return nodeLabel.options.filter((l) => (LABELS[l].search as readonly SearchIndex[]).includes(index));
}

/**
 * What analysts' corrections hide (docs/curation.md): a rejected node's label, a merged-away
 * node's label, a rejected relationship's type. None is a domain label or type, so no read of
 * the model's labels and types sees them; the schema indexes them for the importer and undo.
 */
export const HIDDEN = Object.freeze({ rejectedNode: 'Rejected', mergedNode: 'Merged', rejectedRel: 'REJECTED' } as const);
export const HIDDEN_LABELS: readonly string[] = [HIDDEN.rejectedNode, HIDDEN.mergedNode];

/**
 * Provenance: `(n)-[:IN_BRIEF]->(:Brief)`, one link from each node to each brief that states it
 * (a Brief node is its own source and has none). Not a domain type: "stated in the same brief" is
 * no fact, so no read of the model's types (paths, neighbours, degrees, exports) sees it. A link
 * per brief instead of a list of ids on the node: a hub in 10,000 briefs was rewritten whole at
 * every write, and MERGE of a link to a brief expands from the brief's side, so a write costs the
 * same at any size of archive. A link a merge copied to the kept node carries `mergedBy`.
 */
export const IN_BRIEF = 'IN_BRIEF';
