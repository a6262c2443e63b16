import fs from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import type { ExtractedGraph } from '../extract/schema.js';
import type { Before } from '../graph/diff.js';
import { fromRoot } from '../paths.js';
import { nodeId } from '../graph/model.js';
import { citedTitles, editionMark, lineageKey } from './keys.js';
import { markForRecheck } from './recheck.js';

const LINEAGE = fs.readFileSync(fromRoot('cypher/import/lineage.cypher'), 'utf8');
const BEFORE = fs.readFileSync(fromRoot('cypher/import/lineage-before.cypher'), 'utf8');
const CITED = fs.readFileSync(fromRoot('cypher/import/cited.cypher'), 'utf8');

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const lineOf = (v: unknown) => (typeof v === 'number' ? v : null);
const pairKey = (policy: string, agency: string) => `${policy}\u0000${agency}`;

/** A policy as lineage saw it before the write: its key, edition marker, status and date. */
type Was = Record<'key' | 'mark' | 'status' | 'date', unknown>;

/** The issuers the briefs state for their policies, each pair once. */
const issuedOf = (graphs: ExtractedGraph[]) => {
  const pairs = new Map<string, { policy: string; agency: string }>();
  for (const g of graphs) {
    const label = new Map(g.nodes.map((n) => [n.id, n.label]));
    for (const r of g.relationships)
      if (r.type === 'ISSUED_BY' && label.get(r.source) === 'Policy' && label.get(r.target) === 'Agency')
        pairs.set(pairKey(r.source, r.target), { policy: r.source, agency: r.target });
  }
  return [...pairs.values()];
};

/**
 * The importer's lineage step, in the briefs' transaction. `before` (ahead of the write) reads
 * what lineage depends on for the briefs' policies; `after` marks the policies the write may have
 * left with a pair to link (cypher/import/lineage-recheck.cypher), keys the briefs' policies and
 * joins them to the drafts, final versions and editions already in the graph
 * (cypher/import/lineage.cypher), then joins a policy's "to implement the “…”" and a news item's
 * quoted title to the policy they name (cypher/import/cited.cypher). Only pairs with a policy that
 * is new, changed or marked are looked at: restating a policy costs an index lookup, whatever the
 * size of its key's group or the number of briefs behind it (issue 28). One step per transaction
 * attempt: `before` runs again when the transaction is retried.
 */
export function lineageStep() {
  let was = new Map<string, Was>();
  let had = new Set<string>();
  return {
    async before(tx: ManagedTransaction, graphs: ExtractedGraph[]): Promise<void> {
      const ids = [...new Set(graphs.flatMap((g) => g.nodes.filter((n) => n.label === 'Policy').map((n) => n.id)))];
      const issued = issuedOf(graphs);
      const row = ids.length ? (await tx.run(BEFORE, { batch: { ids, issued } })).records[0] : undefined;
      was = new Map(((row?.get('known') ?? []) as (Was & { id: string })[]).map(({ id, ...w }) => [id, w]));
      had = new Set(((row?.get('had') ?? []) as { policy: string; agency: string }[]).map((r) => pairKey(r.policy, r.agency)));
    },

    async after(tx: ManagedTransaction, graphs: ExtractedGraph[], previous: Before['previous']): Promise<number> {
      const stated = new Set(graphs.flatMap((g) => g.nodes.filter((n) => n.label === 'Policy' && lineageKey(str(n.properties.title))).map((n) => n.id)));
      // What the write took away: lineage links, whose pairs link again when one of the two is
      // next stated (a stated one is open now; else both are marked), and issuers (a policy left
      // with none pairs with every policy of its key).
      const unlinked = previous.filter(([type]) => type === 'FINAL_VERSION_OF' || type === 'REVISES').map(([, s, t]) => [s, t]);
      const open = new Set([
        ...issuedOf(graphs)
          .filter((p) => !had.has(pairKey(p.policy, p.agency)))
          .map((p) => p.policy),
        ...unlinked.flat().filter((id) => stated.has(id)),
      ]);
      await markForRecheck(tx, {
        policies: unlinked.filter((pair) => !pair.some((id) => stated.has(id))).flat(),
        unissued: previous.filter(([type]) => type === 'ISSUED_BY').map(([, s]) => s),
      });
      const policies = graphs.flatMap((g) =>
        g.nodes
          .filter((n) => n.label === 'Policy' && str(n.properties.title))
          .map((n) => {
            const title = str(n.properties.title);
            const key = lineageKey(title);
            return {
              id: n.id,
              brief: g.brief,
              key,
              mark: editionMark(title),
              line: lineOf(n.properties.line),
              was: was.get(n.id) ?? null,
              open: open.has(n.id),
            };
          })
          .filter((r) => r.key),
      );
      let linked = policies.length
        ? Number((await tx.run(LINEAGE, { batch: { rows: policies }, briefPrefix: nodeId('Brief', '') })).records[0]?.get('linked') ?? 0)
        : 0;
      const cited = graphs.flatMap((g) => {
        // A news line that announces a document is that document's evidence, not a citation.
        const announcing = new Set(g.relationships.filter((r) => r.type === 'ANNOUNCES').map((r) => r.source));
        return g.nodes.flatMap((n) => {
          const text = n.label === 'Policy' ? str(n.properties.summary) : n.label === 'NewsItem' && !announcing.has(n.id) ? str(n.properties.text) : '';
          const found = text ? citedTitles(text, n.label === 'Policy') : [];
          return found.length ? [{ id: n.id, label: n.label, brief: g.brief, line: lineOf(n.properties.line), cited: found }] : [];
        });
      });
      if (cited.length) linked += Number((await tx.run(CITED, { batch: { rows: cited } })).records[0]?.get('linked') ?? 0);
      return linked;
    },
  };
}

export type LineageStep = ReturnType<typeof lineageStep>;
