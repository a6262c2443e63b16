import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { labelOfId, type NodeLabel } from '../../graph/model.js';
import { perLabel } from '../../graph/perLabel.js';
import { domainRel } from '../../graph/visible.js';

/**
 * Measures the explorer's style rules size and filter by (issue 30), counted over the whole graph,
 * not the canvas: MIIT's fifteen policies often sit in one group node, and a canvas count would
 * make it look small.
 */
export const measuresSchema = z.object({
  measures: z.record(
    z.string(),
    z.object({
      /** Relationships of the domain (what "most connected" in the overview counts). */
      graphDegree: z.number().int(),
      /** Policies whose lead issuer this is (ISSUED_BY with lead = true). */
      policiesLed: z.number().int(),
      /** News items naming it (mentioned in, involves, about, …), each counted once. */
      mentions: z.number().int(),
    }),
  ),
});
export type Measures = z.infer<typeof measuresSchema>['measures'];

const MEASURES = perLabel(
  (l) => `
MATCH (n:${l}) WHERE n.id IN $ids
RETURN n.id AS id,
  COUNT { (n)-${domainRel()}-() } AS graphDegree,
  COUNT { (:Policy)-[r:ISSUED_BY]->(n) WHERE r.lead = true } AS policiesLed,
  COUNT { MATCH (n)-${domainRel()}-(x:NewsItem) RETURN DISTINCT x } AS mentions`,
);

export async function readMeasures(tx: ManagedTransaction, ids: string[]): Promise<Measures> {
  const byLabel = new Map<NodeLabel, string[]>();
  for (const id of ids) {
    const label = labelOfId(id);
    if (label) byLabel.set(label, [...(byLabel.get(label) ?? []), id]);
  }
  const out: Measures = {};
  for (const [label, list] of byLabel) {
    for (const r of (await tx.run(MEASURES[label], { ids: list })).records) {
      out[r.get('id') as string] = {
        graphDegree: Number(r.get('graphDegree')),
        policiesLed: Number(r.get('policiesLed')),
        mentions: Number(r.get('mentions')),
      };
    }
  }
  return out;
}
