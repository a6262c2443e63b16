import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../server/graph/schema.js';
import {
  HIDDEN,
  HIDDEN_LABELS,
  idKey,
  IN_BRIEF,
  LABELS,
  labelOfId,
  labelsInIndex,
  nodeId,
  nodeLabel,
  REL_SHAPES,
  relType,
  RELATIONSHIPS,
  SEARCH_INDEXES,
  type SearchIndex,
} from '../../server/graph/model.js';
import { CREATE_RELS } from '../../server/graph/writeBrief.js';
import { fromRoot } from '../../server/paths.js';

const schema = splitStatements(fs.readFileSync(fromRoot('cypher/schema.cypher'), 'utf8'));
const removeBrief = fs.readFileSync(fromRoot('cypher/import/remove-brief.cypher'), 'utf8');

describe('cypher/schema.cypher against the graph model', () => {
  it('has one id constraint per label, and none for a label the model does not know', () => {
    const constrained = schema.map((s) => /^CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE$/.exec(s)?.[1]).filter(Boolean);
    expect(constrained.sort()).toEqual([...nodeLabel.options].sort());
    expect(schema.filter((s) => s.startsWith('CREATE CONSTRAINT'))).toHaveLength(nodeLabel.options.length);
  });

  it('has each full-text index over exactly the labels and property the model gives it', () => {
    const found = new Map<string, { labels: string[]; property: string }>();
    for (const s of schema.filter((x) => x.startsWith('CREATE FULLTEXT INDEX'))) {
      const m = /^CREATE FULLTEXT INDEX (\w+) IF NOT EXISTS\s+FOR \(n:([\w|]+)\)\s+ON EACH \[n\.(\w+)\]/.exec(s);
      expect(m, s).not.toBeNull();
      found.set(m![1]!, { labels: m![2]!.split('|').sort(), property: m![3]! });
    }
    expect([...found.keys()].sort()).toEqual(Object.keys(SEARCH_INDEXES).sort());
    for (const [index, property] of Object.entries(SEARCH_INDEXES)) {
      expect(found.get(index), index).toEqual({ labels: [...labelsInIndex(index as SearchIndex)].sort(), property });
    }
  });

  it('indexes every relationship type by its brief (and rejected ones), and no other type', () => {
    const indexed = schema.map((s) => /^CREATE INDEX \w+ IF NOT EXISTS FOR \(\)-\[r:(\w+)\]-\(\) ON \(r\.brief\)$/.exec(s)?.[1]).filter(Boolean);
    expect(indexed.sort()).toEqual([...relType.options, HIDDEN.rejectedRel].sort());
  });

  it('names no label or relationship type outside the model', () => {
    const text = schema.join('\n');
    const labels = [...text.matchAll(/\(n:([\w|]+)\)/g)].flatMap((m) => m[1]!.split('|'));
    for (const l of labels) expect([...nodeLabel.options, ...HIDDEN_LABELS]).toContain(l);
    const types = [...text.matchAll(/\[r:(\w+)\]/g)].map((m) => m[1]);
    for (const t of types) expect([...relType.options, HIDDEN.rejectedRel]).toContain(t);
  });
});

describe('cypher/import/remove-brief.cypher against the graph model', () => {
  it("removes every relationship type the importer writes, once each, and the brief's rejected ones", () => {
    const types = [...removeBrief.matchAll(/MATCH \(a\)-\[r:(\w+) \{brief: \$brief\}\]->\(b\)/g)].map((m) => m[1]);
    expect(types).toEqual([...relType.options, HIDDEN.rejectedRel]);
  });

  it("removes the brief's provenance links, read from the Brief node's side", () => {
    expect(removeBrief).toContain(`MATCH (a)-[r:${IN_BRIEF}]->(b:Brief {id: $briefId})`);
  });
});

describe('provenance is no domain type', () => {
  it('IN_BRIEF is in no list of the model that paths, neighbours, degrees or exports read', async () => {
    const { DOMAIN_TYPES, FACT_TYPES } = await import('../../server/graph/visible.js');
    expect(relType.options as readonly string[]).not.toContain(IN_BRIEF);
    expect(DOMAIN_TYPES.split('|')).not.toContain(IN_BRIEF);
    expect(FACT_TYPES.split('|')).not.toContain(IN_BRIEF);
  });
});

describe('graph model', () => {
  it('gives every label its own id prefix and finds the label back from an id', () => {
    const prefixes = nodeLabel.options.map((l) => LABELS[l].idPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const l of nodeLabel.options) expect(labelOfId(nodeId(l, 'x:y'))).toBe(l);
    expect(labelOfId('nothing')).toBeUndefined();
    expect(labelOfId('person:someone')).toBeUndefined();
  });

  it('strips a prefix only from an id of the label asked for', () => {
    expect(idKey('Brief', nodeId('Brief', '2031-07 zinc'))).toBe('2031-07 zinc');
    expect(() => idKey('Brief', 'policy:2031-07-01:x')).toThrow(/not a Brief id/);
  });

  it('joins only labels it knows, and flattens every shape in type order', () => {
    for (const [type, from, to] of REL_SHAPES) {
      expect(nodeLabel.options).toContain(from);
      expect(nodeLabel.options).toContain(to);
      expect(RELATIONSHIPS[type].shapes).toContainEqual([from, to]);
    }
    expect(REL_SHAPES).toHaveLength(Object.values(RELATIONSHIPS).reduce((n, r) => n + r.shapes.length, 0));
  });

  it('writes relationships with a statement per shape (snapshot)', () => {
    expect(CREATE_RELS.split('\n').filter((l) => l.includes('CREATE') || l.includes('MATCH'))).toMatchInlineSnapshot(`
      [
        "  MATCH (a:Brief {id: row.source})",
        "  MATCH (b:Policy {id: row.target})",
        "  CREATE (a)-[r:COVERS {brief: row.brief}]->(b)",
        "  MATCH (a:Brief {id: row.source})",
        "  MATCH (b:NewsItem {id: row.target})",
        "  CREATE (a)-[r:REPORTS {brief: row.brief}]->(b)",
        "  MATCH (a:NewsItem {id: row.source})",
        "  MATCH (b:Policy {id: row.target})",
        "  CREATE (a)-[r:ANNOUNCES {brief: row.brief}]->(b)",
        "  MATCH (a:Policy {id: row.source})",
        "  MATCH (b:Policy {id: row.target})",
        "  CREATE (a)-[r:FINAL_VERSION_OF {brief: row.brief}]->(b)",
        "  MATCH (a:Policy {id: row.source})",
        "  MATCH (b:Policy {id: row.target})",
        "  CREATE (a)-[r:REVISES {brief: row.brief}]->(b)",
        "  MATCH (a:Policy {id: row.source})",
        "  MATCH (b:Policy {id: row.target})",
        "  CREATE (a)-[r:IMPLEMENTS {brief: row.brief}]->(b)",
        "  MATCH (a:NewsItem {id: row.source})",
        "  MATCH (b:Policy {id: row.target})",
        "  CREATE (a)-[r:CITES_POLICY {brief: row.brief}]->(b)",
        "  MATCH (a:Policy {id: row.source})",
        "  MATCH (b:Agency {id: row.target})",
        "  CREATE (a)-[r:ISSUED_BY {brief: row.brief}]->(b)",
        "  MATCH (a:Policy {id: row.source})",
        "  MATCH (b:Sector {id: row.target})",
        "  CREATE (a)-[r:TARGETS {brief: row.brief}]->(b)",
        "  MATCH (a:Policy {id: row.source})",
        "  MATCH (b:Target {id: row.target})",
        "  CREATE (a)-[r:HAS_TARGET {brief: row.brief}]->(b)",
        "  MATCH (a:Company {id: row.source})",
        "  MATCH (b:NewsItem {id: row.target})",
        "  CREATE (a)-[r:MENTIONED_IN {brief: row.brief}]->(b)",
        "  MATCH (a:Company {id: row.source})",
        "  MATCH (b:Policy {id: row.target})",
        "  CREATE (a)-[r:MENTIONED_IN {brief: row.brief}]->(b)",
        "  MATCH (a:NewsItem {id: row.source})",
        "  MATCH (b:Agency {id: row.target})",
        "  CREATE (a)-[r:INVOLVES {brief: row.brief}]->(b)",
        "  MATCH (a:NewsItem {id: row.source})",
        "  MATCH (b:Sector {id: row.target})",
        "  CREATE (a)-[r:ABOUT {brief: row.brief}]->(b)",
        "  MATCH (a:NewsItem {id: row.source})",
        "  MATCH (b:Outlet {id: row.target})",
        "  CREATE (a)-[r:CITES {brief: row.brief}]->(b)",
        "  MATCH (a:NewsItem {id: row.source})",
        "  MATCH (b:Place {id: row.target})",
        "  CREATE (a)-[r:LOCATED_IN {brief: row.brief}]->(b)",
      ]
    `);
  });
});

describe('every Cypher in the code against the graph model', () => {
  // Cypher written in .cypher files and in TypeScript strings (the server's and the client's) may
  // only name labels and relationship types the model declares, so a rename in the model cannot
  // leave a query behind that silently matches nothing.
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const sources = ['server', 'cypher', 'client/src'].flatMap((d) => walk(fromRoot(d))).filter((f) => /\.(ts|cypher)$/.test(f));
  const named = (pattern: RegExp) => {
    const found = new Map<string, string>();
    for (const file of sources) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(pattern)) for (const name of m[1]!.split('|')) found.set(name, path.relative(fromRoot('.'), file));
    }
    return found;
  };
  // `(p:Policy`, `x:Brief)`, `(:Agency {`: a label is CamelCase right after a colon with no space
  // (TypeScript annotations have one); `[r:ISSUED_BY|TARGETS]`: relationship types.
  const labels = named(/[(\s]\w*:([A-Z][a-z]\w*(?:\|[A-Z][a-z]\w*)*)[\s){]/g);
  const types = named(/\[\w*:([A-Z][A-Z_]+(?:\|[A-Z][A-Z_]+)*)[\]\s*{]/g);

  it('finds the Cypher it checks (the scan is not vacuous)', () => {
    expect(labels.size).toBeGreaterThanOrEqual(7);
    expect(types.size).toBeGreaterThanOrEqual(7);
  });

  it('names only labels the model declares', () => {
    for (const [label, file] of labels) expect([...nodeLabel.options, ...HIDDEN_LABELS], `${label} in ${file}`).toContain(label);
  });

  it('names only relationship types the model declares', () => {
    for (const [type, file] of types) expect([...relType.options, HIDDEN.rejectedRel, IN_BRIEF], `${type} in ${file}`).toContain(type);
  });
});
