import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import neo4j, { type Driver, type Path } from 'neo4j-driver';
import { labelOfId, type NodeLabel } from '../../server/graph/model.js';
import { factRel } from '../../server/graph/visible.js';
import { searchShortestPaths, WEAK_VIA } from '../../server/api/paths/search.js';
import { clearGraph, emptyGraph, seedGraph, testDriver } from '../helpers/db.js';

// Issue 28: the bidirectional search of server/api/paths/search.ts gives the answers the
// database's allShortestPaths gave (the statement the endpoint ran until then is the oracle
// here), on the seeds and on a generated graph with hubs, chains up to six hops and pairs with no
// path; and a pair beyond the walk's cap gets allShortestPaths' answer, as before.

/** The endpoint's statement before the bidirectional search, without its LIMIT: every shortest path. */
const oracle = (from: NodeLabel, to: NodeLabel, maxLength: number) => `
MATCH (a:${from} {id: $from})
MATCH (b:${to} {id: $to})
MATCH p = allShortestPaths((a)-${factRel('', `*..${maxLength}`)}-(b))
RETURN p`;
/** What it read before ranking: limit × 5 candidates, at most 100, in the database's order. */
const candidates = (limit: number) => Math.min(100, limit * 5);

const weakOf = (p: Path) => p.segments.slice(0, -1).filter((s) => WEAK_VIA[s.end.labels[0] ?? '']).length;
const keyOf = (p: Path) => p.segments.flatMap((s) => [s.end.elementId, s.relationship.elementId]);
const byKey = (x: string[], y: string[]) => {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
};
const described = (p: Path) => [p.start.properties.id, ...p.segments.map((s) => `-${s.relationship.type}-${String(s.end.properties.id)}`)].join('');

let driver: Driver;
beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => {
  await clearGraph(driver);
  await driver.close();
});

interface Pair {
  from: string;
  to: string;
  maxLength: number;
  limit: number;
}

/** Compares the search with the oracle on each pair; returns the shortest lengths found (0: none). */
async function compare(pairs: Pair[]): Promise<number[]> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  const lengths: number[] = [];
  try {
    for (const q of pairs) {
      const [fromLabel, toLabel] = [labelOfId(q.from)!, labelOfId(q.to)!];
      const what = `${q.from} → ${q.to}, maxLength ${q.maxLength}, limit ${q.limit}`;
      const found = await session.executeRead((tx) =>
        searchShortestPaths(tx, { from: q.from, to: q.to, fromLabel, toLabel, maxLength: q.maxLength, limit: q.limit, maxRead: Infinity }),
      );
      const all = (await session.run(oracle(fromLabel, toLabel, q.maxLength), { from: q.from, to: q.to })).records.map((r) => r.get('p') as Path);
      const today = all.slice(0, candidates(q.limit));
      expect(found.byDatabase, what).toBe(false);
      expect(found.missing, what).toBeNull();
      // The same paths: every shortest path ranked by weak links, then the fixed tie order.
      const expected = [...all].sort((x, y) => weakOf(x) - weakOf(y) || byKey(keyOf(x), keyOf(y))).slice(0, q.limit);
      expect(found.paths.map(described), what).toEqual(expected.map(described));
      expect(found.paths.map(keyOf), what).toEqual(expected.map(keyOf));
      for (const p of found.paths) {
        expect(p.start.properties.id, what).toBe(q.from);
        expect(p.end.properties.id, what).toBe(q.to);
      }
      // Against the answer as the endpoint ranked it (its LIMIT first, then strong first): as
      // many paths, each as strong; where the LIMIT cut, the search's are at least as strong.
      const todayWeak = [...today]
        .map(weakOf)
        .sort((x, y) => x - y)
        .slice(0, q.limit);
      const foundWeak = found.paths.map(weakOf);
      expect(foundWeak.length, what).toBe(todayWeak.length);
      if (all.length <= candidates(q.limit)) expect(foundWeak, what).toEqual(todayWeak);
      else foundWeak.forEach((w, i) => expect(w, what).toBeLessThanOrEqual(todayWeak[i]!));
      lengths.push(all[0]?.length ?? 0);
    }
  } finally {
    await session.close();
  }
  return lengths;
}

describe('paths on the seeds', () => {
  let ids: string[];
  beforeAll(async () => {
    await seedGraph(driver);
    // Spread over every label but briefs, hubs (most connected) first.
    const rows = await driver.executeQuery(
      `MATCH (n) WHERE NOT n:Brief AND n.id IS NOT NULL WITH n, COUNT { (n)-${factRel()}-() } AS degree ORDER BY degree DESC, n.id RETURN collect(n.id) AS ids`,
    );
    ids = rows.records[0]!.get('ids') as string[];
  }, 120_000);

  it('finds the same shortest paths as allShortestPaths, for hubs, ordinary pairs and every maxLength', async () => {
    const hubs = ids.slice(0, 6);
    const spread = ids.filter((_, i) => i % Math.ceil(ids.length / 30) === 0);
    const pairs: Pair[] = [];
    for (const [i, from] of [...hubs, ...spread].entries())
      for (const [j, to] of [...hubs, ...spread].entries())
        if (from !== to && (i + j) % 3 === 0) pairs.push({ from, to, maxLength: 1 + ((i + j) % 6), limit: [1, 5, 25][(i * j) % 3]! });
    pairs.push({ from: 'company:tesla', to: 'agency:MIIT', maxLength: 4, limit: 5 });
    const lengths = await compare(pairs);
    expect(pairs.length).toBeGreaterThan(200);
    // The pairs cover no path and lengths from 1 up.
    for (const l of [0, 1, 2, 3, 4]) expect(lengths, `a pair with shortest length ${l}`).toContain(l);
  }, 600_000);
});

/** A deterministic pseudo-random number generator (mulberry32), so the graph is the same every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two hub agencies issue most policies, one sector is targeted by a third of them; companies,
 * news, places and outlets around them; a separate chain eight hops long (every length from 1 to
 * 6 between its nodes); an isolated company; a company named twice in one policy (two
 * relationships, so two paths); briefs covering everything (never a hop).
 */
async function generatedGraph(): Promise<void> {
  const rnd = random(28);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const nodes = new Map<NodeLabel, string[]>();
  const add = (label: NodeLabel, prefix: string, n: number) =>
    nodes.set(
      label,
      Array.from({ length: n }, (_, i) => `${prefix}:g${i}`),
    );
  add('Agency', 'agency', 8);
  add('Company', 'company', 60);
  add('Policy', 'policy', 400);
  add('Sector', 'sector', 6);
  add('NewsItem', 'news', 200);
  add('Place', 'place', 4);
  add('Outlet', 'outlet', 3);
  add('Target', 'target', 40);
  add('Brief', 'brief', 20);
  const rels: { type: string; from: string; to: string }[] = [];
  const rel = (type: string, from: string, to: string) => rels.push({ type, from, to });
  const agencies = nodes.get('Agency')!;
  const hubAgency = () => (rnd() < 0.7 ? agencies[rnd() < 0.6 ? 0 : 1]! : pick(agencies));
  const sector = () => (rnd() < 0.35 ? 'sector:g0' : pick(nodes.get('Sector')!));
  for (const [i, p] of nodes.get('Policy')!.entries()) {
    rel('ISSUED_BY', p, hubAgency());
    if (rnd() < 0.15) rel('ISSUED_BY', p, pick(agencies));
    rel('TARGETS', p, sector());
    if (rnd() < 0.3) rel('TARGETS', p, sector());
    for (let k = Math.floor(rnd() * 3); k > 0; k--) rel('MENTIONED_IN', pick(nodes.get('Company')!), p);
    if (i < 40) rel('HAS_TARGET', p, `target:g${i}`);
    if (i > 0 && rnd() < 0.1) rel('IMPLEMENTS', p, `policy:g${Math.floor(rnd() * i)}`);
    rel('COVERS', pick(nodes.get('Brief')!), p);
  }
  for (const n of nodes.get('NewsItem')!) {
    if (rnd() < 0.3) rel('INVOLVES', n, pick(agencies));
    rel('ABOUT', n, sector());
    if (rnd() < 0.8) rel('MENTIONED_IN', pick(nodes.get('Company')!), n);
    rel('LOCATED_IN', n, pick(nodes.get('Place')!));
    if (rnd() < 0.5) rel('CITES', n, pick(nodes.get('Outlet')!));
    if (rnd() < 0.2) rel('ANNOUNCES', n, pick(nodes.get('Policy')!));
    rel('REPORTS', pick(nodes.get('Brief')!), n);
  }
  rel('MENTIONED_IN', 'company:g1', 'policy:g1');
  rel('MENTIONED_IN', 'company:g1', 'policy:g1');
  // The chain: company, policy, agency, policy, sector, policy, company, news, place.
  nodes.get('Company')!.push('company:chain0', 'company:chain6', 'company:alone');
  nodes.get('Policy')!.push('policy:chain1', 'policy:chain3', 'policy:chain5');
  nodes.get('Agency')!.push('agency:chain2');
  nodes.get('Sector')!.push('sector:chain4');
  nodes.get('NewsItem')!.push('news:chain7');
  nodes.get('Place')!.push('place:chain8');
  rel('MENTIONED_IN', 'company:chain0', 'policy:chain1');
  rel('ISSUED_BY', 'policy:chain1', 'agency:chain2');
  rel('ISSUED_BY', 'policy:chain3', 'agency:chain2');
  rel('TARGETS', 'policy:chain3', 'sector:chain4');
  rel('TARGETS', 'policy:chain5', 'sector:chain4');
  rel('MENTIONED_IN', 'company:chain6', 'policy:chain5');
  rel('MENTIONED_IN', 'company:chain6', 'news:chain7');
  rel('LOCATED_IN', 'news:chain7', 'place:chain8');
  rel('COVERS', 'brief:g0', 'policy:chain1');
  rel('COVERS', 'brief:g0', 'policy:g0'); // a shortcut through a brief the search must not take
  for (const [label, ids] of nodes) await driver.executeQuery(`UNWIND $ids AS id CREATE (:${label} {id: id, name: id})`, { ids });
  for (const type of new Set(rels.map((r) => r.type)))
    await driver.executeQuery(
      `UNWIND $rels AS r MATCH (a {id: r.from}) MATCH (b {id: r.to}) CREATE (a)-[:${type} {brief: 'g0', evidence: r.from + ' ' + r.to, line: 1}]->(b)`,
      { rels: rels.filter((r) => r.type === type) },
    );
}

describe('paths on a generated graph with hubs', () => {
  beforeAll(async () => {
    await emptyGraph(driver);
    await generatedGraph();
  }, 120_000);

  it('finds the same shortest paths as allShortestPaths, from 1 to 6 hops, between hubs and with no path', async () => {
    const rnd = random(6);
    const chain = [
      'company:chain0',
      'policy:chain1',
      'agency:chain2',
      'policy:chain3',
      'sector:chain4',
      'policy:chain5',
      'company:chain6',
      'news:chain7',
      'place:chain8',
    ];
    const pairs: Pair[] = [];
    for (let i = 0; i < chain.length; i++)
      for (let j = i + 1; j < chain.length; j++) pairs.push({ from: chain[i]!, to: chain[j]!, maxLength: Math.min(6, j - i + ((i + j) % 2)), limit: 5 });
    const hubs = ['agency:g0', 'agency:g1', 'sector:g0', 'company:g1', 'place:g0', 'outlet:g0'];
    for (const from of hubs) for (const to of hubs) if (from !== to) pairs.push({ from, to, maxLength: 4, limit: 25 });
    const labels = ['agency', 'company', 'policy', 'sector', 'news', 'place', 'target'] as const;
    const sizes = { agency: 8, company: 60, policy: 400, sector: 6, news: 200, place: 4, target: 40 };
    for (let k = 0; k < 150; k++) {
      const [l1, l2] = [labels[Math.floor(rnd() * labels.length)]!, labels[Math.floor(rnd() * labels.length)]!];
      const from = `${l1}:g${Math.floor(rnd() * sizes[l1])}`;
      const to = `${l2}:g${Math.floor(rnd() * sizes[l2])}`;
      if (from !== to) pairs.push({ from, to, maxLength: 1 + (k % 6), limit: [1, 5, 25][k % 3]! });
    }
    pairs.push({ from: 'company:alone', to: 'agency:g0', maxLength: 6, limit: 5 }, { from: 'company:chain0', to: 'agency:g0', maxLength: 6, limit: 5 });
    const lengths = await compare(pairs);
    for (const l of [0, 1, 2, 3, 4, 5, 6]) expect(lengths, `a pair with shortest length ${l}`).toContain(l);
  }, 600_000);

  it('counts both relationships when a company is named twice in one policy', async () => {
    const found = await driver
      .session()
      .executeRead((tx) => searchShortestPaths(tx, { from: 'company:g1', to: 'policy:g1', fromLabel: 'Company', toLabel: 'Policy', maxLength: 3, limit: 5 }));
    expect(found.paths.length).toBeGreaterThanOrEqual(2);
    expect(new Set(found.paths.map((p) => p.segments[0]!.relationship.elementId)).size).toBe(found.paths.length);
  });

  it('hands a pair beyond its cap to allShortestPaths, whose first candidates give the strongest of them', async () => {
    const q = { from: 'agency:g0', to: 'place:g0', fromLabel: 'Agency', toLabel: 'Place', maxLength: 6, limit: 5 } as const;
    const session = driver.session();
    try {
      const walked = await session.executeRead((tx) => searchShortestPaths(tx, { ...q, maxRead: Infinity }));
      expect(walked.byDatabase).toBe(false);
      const handed = await session.executeRead((tx) => searchShortestPaths(tx, { ...q, maxRead: 50 }));
      expect(handed.byDatabase).toBe(true);
      const all = (await session.run(oracle('Agency', 'Place', 6), { from: q.from, to: q.to })).records.map((r) => r.get('p') as Path);
      const today = all
        .slice(0, candidates(q.limit))
        .map(weakOf)
        .sort((x, y) => x - y)
        .slice(0, q.limit);
      expect(handed.paths.map(weakOf)).toEqual(today);
      const shortest = new Set(all.map((p) => keyOf(p).join()));
      for (const p of handed.paths) expect(shortest.has(keyOf(p).join())).toBe(true);
      expect(handed.paths[0]!.length).toBe(walked.paths[0]!.length);
    } finally {
      await session.close();
    }
  });

  it('says which end does not exist', async () => {
    const session = driver.session();
    try {
      const q = { fromLabel: 'Company', toLabel: 'Agency', maxLength: 4, limit: 5 } as const;
      expect((await session.executeRead((tx) => searchShortestPaths(tx, { ...q, from: 'company:nobody', to: 'agency:g0' }))).missing).toBe('from');
      expect((await session.executeRead((tx) => searchShortestPaths(tx, { ...q, from: 'company:g1', to: 'agency:nobody' }))).missing).toBe('to');
    } finally {
      await session.close();
    }
  });
});
