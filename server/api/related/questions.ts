import type { NodeLabel } from '../../graph/model.js';

/**
 * One-step questions: for each node label, the question its details panel offers and the
 * Cypher patterns that answer it. Each pattern returns `path` rows whose last node is the
 * answer; `strength` says how directly the answer is related. Labels and types are literals
 * here, values are parameters. The catch-all sector is never a link: it joins everything.
 */
export type Strength = 'direct' | 'news' | 'sector';

export interface Pattern {
  strength: Strength;
  /** How the answer relates, given the names of the nodes between the start and the answer. */
  how: (via: string[]) => string;
  cypher: string;
}

export interface Question {
  title: string;
  patterns: Pattern[];
}

const NOT_CATCH_ALL = `s.id <> 'sector:cross-sector'`;
const list = (xs: string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more` : xs.join(', '));

export const QUESTIONS: Partial<Record<NodeLabel, Question>> = {
  Company: {
    title: 'Related policies and agencies',
    patterns: [
      {
        strength: 'direct',
        how: () => 'mentions the company directly',
        cypher: `MATCH path = (:Company {id: $id})-[:MENTIONED_IN]->(:Policy) RETURN path LIMIT $limit`,
      },
      {
        strength: 'news',
        how: (via) => `involved in the same news: ${list(via)}`,
        cypher: `MATCH path = (:Company {id: $id})-[:MENTIONED_IN]->(:NewsItem)-[:INVOLVES]->(:Agency) RETURN path LIMIT $limit`,
      },
      {
        strength: 'direct',
        how: (via) => `issued a policy that mentions the company: ${list(via)}`,
        cypher: `MATCH path = (:Company {id: $id})-[:MENTIONED_IN]->(:Policy)-[:ISSUED_BY]->(:Agency) RETURN path LIMIT $limit`,
      },
      {
        strength: 'sector',
        how: (via) => `same sector as the company's news (weak link): ${list(via)}`,
        cypher: `MATCH path = (:Company {id: $id})-[:MENTIONED_IN]->(:NewsItem)-[:ABOUT]->(s:Sector)<-[:TARGETS]-(:Policy) WHERE ${NOT_CATCH_ALL} RETURN path LIMIT $limit`,
      },
      {
        strength: 'sector',
        how: (via) => `issued a policy on the same sector as the company's news (weak link): ${list(via)}`,
        cypher: `MATCH path = (:Company {id: $id})-[:MENTIONED_IN]->(:NewsItem)-[:ABOUT]->(s:Sector)<-[:TARGETS]-(:Policy)-[:ISSUED_BY]->(:Agency) WHERE ${NOT_CATCH_ALL} RETURN path LIMIT $limit`,
      },
    ],
  },
  Agency: {
    title: 'Co-issuers',
    patterns: [
      {
        strength: 'direct',
        how: (via) => `co-issued ${via.length} ${via.length === 1 ? 'policy' : 'policies'}: ${list(via)}`,
        cypher: `MATCH path = (a:Agency {id: $id})<-[:ISSUED_BY]-(:Policy)-[:ISSUED_BY]->(b:Agency) WHERE b <> a RETURN path LIMIT $limit`,
      },
    ],
  },
  Policy: {
    title: 'Policies on the same sectors',
    patterns: [
      {
        strength: 'sector',
        how: (via) => `also targets ${list(via)}`,
        cypher: `MATCH path = (p:Policy {id: $id})-[:TARGETS]->(s:Sector)<-[:TARGETS]-(q:Policy) WHERE q <> p AND ${NOT_CATCH_ALL} RETURN path LIMIT $limit`,
      },
    ],
  },
};
