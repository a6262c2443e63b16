import { describe, expect, it } from 'vitest';
import { NEIGHBORS, NODE_DETAIL } from '../../server/api/nodes/repository.js';
import { EXPAND } from '../../server/api/paths/search.js';
import { domainRel } from '../../server/graph/visible.js';

// The API builds some statements from the graph model (one per label, relationship types from the
// model's shapes). A change to the model or to a generator shows here as a reviewable diff; the
// integration tests run the same statements against Neo4j.
const squeeze = (cypher: string) => cypher.replace(/\s+/g, ' ').trim();

describe('Cypher generated from the graph model', () => {
  it('matches only domain relationship types (never REJECTED)', () => {
    expect(domainRel('r', '*..4')).toMatchInlineSnapshot(
      `"[r:COVERS|REPORTS|ANNOUNCES|FINAL_VERSION_OF|REVISES|IMPLEMENTS|CITES_POLICY|ISSUED_BY|TARGETS|HAS_TARGET|MENTIONED_IN|INVOLVES|ABOUT|CITES|LOCATED_IN*..4]"`,
    );
  });

  it('node detail of an agency: degrees from the shapes it takes part in, evidence per brief through the brief indexes', () => {
    expect(squeeze(NODE_DETAIL.Agency)).toMatchSnapshot();
  });

  it('node detail of a company', () => {
    expect(squeeze(NODE_DETAIL.Company)).toMatchSnapshot();
  });

  it('neighbours of a sector', () => {
    expect(squeeze(NEIGHBORS.Sector)).toMatchSnapshot();
  });

  it('one step of the paths search: fact relationships only, never through a brief', () => {
    expect(squeeze(EXPAND)).toMatchSnapshot();
  });
});
