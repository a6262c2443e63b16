import { IN_BRIEF, nodeLabel, type NodeLabel } from '../graph/model.js';
import { perLabel } from '../graph/perLabel.js';
import { DOMAIN_TYPES, HIDDEN } from '../graph/visible.js';

/**
 * Every statement corrections run. Labels come from the label enum (perLabel), types from the
 * domain list; ids, names and correction ids travel as parameters. Types and labels that vary
 * per row use Cypher 5.26's dynamic `$(…)` in CREATE, SET and REMOVE, which need no index.
 */
const D = DOMAIN_TYPES;
const { rejectedNode: REJECTED_NODE, mergedNode: MERGED_NODE, rejectedRel: REJECTED_REL } = HIDDEN;

export const NODE_EXISTS = perLabel((l) => `MATCH (n:${l} {id: $id}) RETURN count(n) AS c`);
export const NODE_PROPS = perLabel((l) => `MATCH (n:${l} {id: $id}) RETURN properties(n) AS p`);
export const SET_PROPS = perLabel((l) => `MATCH (n:${l} {id: $id}) SET n += $set`);
export const PLACEHOLDER = {
  Rejected: `MATCH (n:${REJECTED_NODE} {id: $id}) RETURN properties(n) AS p`,
  Merged: `MATCH (n:${MERGED_NODE} {id: $id}) RETURN properties(n) AS p`,
} as const;
export const SET_PLACEHOLDER = {
  Rejected: `MATCH (n:${REJECTED_NODE} {id: $id}) SET n += $set`,
  Merged: `MATCH (n:${MERGED_NODE} {id: $id}) SET n += $set`,
} as const;

// Merge: DROP's relationships are re-created on KEEP with the same type and properties, plus the
// merge's id and DROP's id (stacks, so merges of merges undo in turn), and deleted from DROP.
const moveRels = (from: string, to: string) => `
CALL { WITH ${from}, ${to} MATCH (${from})-[r:${D}]->(o) WHERE o <> ${to}
       CREATE (${to})-[x:$(type(r))]->(o) SET x = properties(r), x.mergedBy = coalesce(r.mergedBy, []) + $cid, x.movedFrom = coalesce(r.movedFrom, []) + $drop
       DELETE r RETURN count(*) AS outs }
CALL { WITH ${from}, ${to} MATCH (${from})<-[r:${D}]-(o) WHERE o <> ${to}
       CREATE (${to})<-[x:$(type(r))]-(o) SET x = properties(r), x.mergedBy = coalesce(r.mergedBy, []) + $cid, x.movedFrom = coalesce(r.movedFrom, []) + $drop
       DELETE r RETURN count(*) AS ins }
RETURN outs + ins AS moved`;
// DROP's briefs are KEEP's too: KEEP gets a link to each brief it lacks, marked with the merge, and
// DROP keeps its own links (undo takes back exactly the marked ones; DROP comes back as it was).
const copyBriefs = `
CALL { WITH d, k MATCH (d)-[:${IN_BRIEF}]->(b) WHERE NOT EXISTS { (k)-[:${IN_BRIEF}]->(b) }
       CREATE (k)-[:${IN_BRIEF} {mergedBy: $cid}]->(b) }`;
export const MERGE_MOVE = perLabel((l) => `MATCH (d:${l} {id: $drop}) MATCH (k:${l} {id: $keep})${copyBriefs}${moveRels('d', 'k')}`);

// Undo of a merge: the relationships this merge moved go back, each losing the top of its stacks.
const moveBack = `
CALL { WITH k, d MATCH (k)-[r:${D}]->(o) WHERE $cid IN coalesce(r.mergedBy, [])
       CREATE (d)-[x:$(type(r))]->(o) SET x = properties(r), x.mergedBy = r.mergedBy[..-1], x.movedFrom = r.movedFrom[..-1]
       DELETE r RETURN count(*) AS outs }
CALL { WITH k, d MATCH (k)<-[r:${D}]-(o) WHERE $cid IN coalesce(r.mergedBy, [])
       CREATE (d)<-[x:$(type(r))]-(o) SET x = properties(r), x.mergedBy = r.mergedBy[..-1], x.movedFrom = r.movedFrom[..-1]
       DELETE r RETURN count(*) AS ins }
WITH d, outs + ins AS moved
CALL { WITH d MATCH (d)-[x]-() WHERE x.mergedBy = [] REMOVE x.mergedBy, x.movedFrom }
RETURN moved`;
export const MERGE_UNDO = perLabel(
  (l) => `MATCH (k:${l} {id: $keep}) MATCH (d:${MERGED_NODE} {id: $drop, mergedBy: $cid})
REMOVE d:${MERGED_NODE} SET d:$($label)
REMOVE d.mergedBy, d.mergedInto, d.mergedLabel, d.addedAliases
WITH k, d
CALL { WITH k MATCH (k)-[l:${IN_BRIEF} {mergedBy: $cid}]->() DELETE l }
WITH k, d${moveBack}`,
);

/** A node leaves its domain label: no label scan, constraint or full-text index sees it any more. */
export const HIDE_NODE = perLabel((l) => `MATCH (n:${l} {id: $id}) REMOVE n:${l} SET n:$($hidden) SET n += $set`);

/**
 * A fresh copy of a hidden node (a re-import recreated it) folds into the hidden one, with its
 * briefs; a link an earlier merge gave the copy keeps that merge's mark, so its undo finds it.
 */
export const FOLD_NODE = perLabel(
  (l) => `MATCH (n:${l} {id: $id}) MATCH (h:$($hidden) {id: $id})
SET h += properties(n)
WITH n, h
CALL { WITH n, h MATCH (n)-[l:${IN_BRIEF}]->(b) MERGE (h)-[x:${IN_BRIEF}]->(b) ON CREATE SET x.mergedBy = l.mergedBy }
WITH n DETACH DELETE n`,
);

// Reject: each domain relationship becomes REJECTED, keeping its properties and its old type.
const rejectRels = (n: string) => `
CALL { WITH ${n}, h MATCH (${n})-[r:${D}]->(o) CREATE (h)-[x:${REJECTED_REL}]->(o) SET x = properties(r), x.rejectedType = type(r), x.rejectedBy = $cid DELETE r RETURN count(*) AS outs }
CALL { WITH ${n}, h MATCH (${n})<-[r:${D}]-(o) CREATE (h)<-[x:${REJECTED_REL}]-(o) SET x = properties(r), x.rejectedType = type(r), x.rejectedBy = $cid DELETE r RETURN count(*) AS ins }
RETURN outs + ins AS hidden`;
/** Before hiding or folding: `h` is the node itself, or the hidden copy when there is one. */
export const REJECT_RELS = perLabel(
  (l) => `MATCH (n:${l} {id: $id}) OPTIONAL MATCH (p:${REJECTED_NODE} {id: $id}) WITH n, coalesce(p, n) AS h${rejectRels('n')}`,
);

export const UNREJECT_NODE = `MATCH (h:${REJECTED_NODE} {id: $id, rejectedBy: $cid})
REMOVE h:${REJECTED_NODE} SET h:$($label) REMOVE h.rejectedBy, h.rejectedLabel
WITH h
CALL { WITH h MATCH (h)-[r:${REJECTED_REL} {rejectedBy: $cid}]->(o) CREATE (h)-[x:$(r.rejectedType)]->(o) SET x = properties(r) REMOVE x.rejectedType, x.rejectedBy DELETE r RETURN count(*) AS outs }
CALL { WITH h MATCH (h)<-[r:${REJECTED_REL} {rejectedBy: $cid}]-(o) CREATE (h)<-[x:$(r.rejectedType)]-(o) SET x = properties(r) REMOVE x.rejectedType, x.rejectedBy DELETE r RETURN count(*) AS ins }
RETURN outs + ins AS restored`;

/** Reject one relationship (of one brief, or all briefs) between two nodes. */
export const REJECT_REL = perLabel(
  (l) => `MATCH (a:${l} {id: $from})-[r]->(b {id: $to}) WHERE type(r) = $type AND ($brief IS NULL OR r.brief = $brief)
CREATE (a)-[x:${REJECTED_REL}]->(b) SET x = properties(r), x.rejectedType = type(r), x.rejectedBy = $cid
DELETE r RETURN count(*) AS hidden`,
);
/** The relationship a reject-rel hides, while it is still in force (then the correction is pending). */
export const REL_EXISTS = perLabel(
  (l) => `MATCH (a:${l} {id: $from})-[r]->(b {id: $to}) WHERE type(r) = $type AND ($brief IS NULL OR r.brief = $brief) RETURN count(r) AS c`,
);
export const REJECTED_REL_EXISTS = perLabel((l) => `MATCH (a:${l} {id: $from})-[x:${REJECTED_REL} {rejectedBy: $cid}]->() RETURN count(x) AS c`);
export const UNREJECT_REL = perLabel(
  (l) => `MATCH (a:${l} {id: $from})-[r:${REJECTED_REL} {rejectedBy: $cid}]->(b)
CREATE (a)-[x:$(r.rejectedType)]->(b) SET x = properties(r) REMOVE x.rejectedType, x.rejectedBy
DELETE r RETURN count(*) AS restored`,
);

/** A relationship the extractor missed: its evidence is the analyst's note, its provenance the correction. */
export const LINK = (from: NodeLabel, to: NodeLabel) => `MATCH (a:${from} {id: $from}) MATCH (b:${to} {id: $to})
MERGE (a)-[r:$($type) {correction: $cid}]->(b)
SET r.evidence = $note, r.note = $note, r.curatedAt = $at, r.author = $author
RETURN count(r) AS linked`;
export const UNLINK = perLabel((l) => `MATCH (a:${l} {id: $from})-[r {correction: $cid}]->() DELETE r RETURN count(*) AS removed`);
export const LINK_EXISTS = perLabel((l) => `MATCH (a:${l} {id: $from})-[r {correction: $cid}]->() RETURN count(r) AS c`);
export const MERGED_BY = `MATCH (n:${MERGED_NODE} {id: $id, mergedBy: $cid}) RETURN count(n) AS c`;
export const REJECTED_NODE_EXISTS = `MATCH (n:${REJECTED_NODE} {id: $id}) RETURN count(n) AS c`;

/** What the corrections list shows for a node id: its name, whether in force, merged or rejected. */
export const NAMES = `
UNWIND $ids AS id
CALL {
  WITH id
  ${[...nodeLabel.options, MERGED_NODE, REJECTED_NODE]
    .map((l) => `MATCH (n:${l} {id: id}) RETURN coalesce(n.acronym, n.name, n.title) AS name`)
    .join('\n  UNION\n  WITH id\n  ')}
}
WITH id, name WHERE name IS NOT NULL
RETURN id, head(collect(name)) AS name`;
