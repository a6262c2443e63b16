/**
 * npx tsx test/bench/paths-compare.ts [--uri bolt://127.0.0.1:7690] [--rounds 3]
 *
 * The paths of bench:api (20 company → agency pairs, maxLength 4, and the most connected company
 * → agency) through the driver only: allShortestPaths as the endpoint ran it until issue 28, and
 * the bidirectional search, pair by pair in turns, so both see the same load. Prints each pair's
 * length, the time of each and the statements the search ran, then p50 / p95 of each.
 */
import { parseArgs } from 'node:util';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { labelOfId } from '../../server/graph/model.js';
import { factRel } from '../../server/graph/visible.js';
import { searchShortestPaths } from '../../server/api/paths/search.js';

const { values } = parseArgs({
  options: { uri: { type: 'string', default: 'bolt://127.0.0.1:7690' }, rounds: { type: 'string', default: '3' }, profile: { type: 'boolean' } },
});
const driver = neo4j.driver(values.uri);
const rows = async (q: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(q, params)).records.map((r) => r.toObject());
const spread = async (label: string, k: number) =>
  (
    await rows(
      `MATCH (n:${label}) WITH n ORDER BY n.id WITH collect(n {.id, .name}) AS xs
               RETURN [i IN range(0, size(xs) - 1, toInteger(ceil(size(xs) / toFloat($k)))) | xs[i]] AS picked`,
      { k: neo4j.int(k) },
    )
  )[0]!.picked as { id: string }[];
const hub = async (label: string) => String((await rows(`MATCH (n:${label}) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC, n.id LIMIT 1`))[0]!.id);

const old = (from: string, to: string) => `
MATCH (a:${labelOfId(from)} {id: $from})
MATCH (b:${labelOfId(to)} {id: $to})
MATCH p = allShortestPaths((a)-${factRel('', '*..4')}-(b))
RETURN p
LIMIT $candidates`;

const agencies = await spread('Agency', 15);
const companies = await spread('Company', 20);
const pairs = companies.map((c, i) => [c.id, agencies[i % agencies.length]!.id] as const);
pairs.push([await hub('Company'), await hub('Agency')]);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

const times = { old: [] as number[], search: [] as number[] };
const session = driver.session({ defaultAccessMode: neo4j.session.READ });
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [from, to] of pairs) {
    let t = performance.now();
    const o = await session.executeRead((tx) => tx.run(old(from, to), { from, to, candidates: neo4j.int(25) }));
    const tOld = performance.now() - t;
    const statements: string[] = [];
    t = performance.now();
    const s = await session.executeRead((tx) => {
      const counting = {
        run: async (q: string, p: Record<string, unknown>) => {
          const s0 = performance.now();
          const r = await tx.run(q, p);
          statements.push(`${r.records.length}r/${(performance.now() - s0).toFixed(0)}ms`);
          return r;
        },
      } as unknown as ManagedTransaction;
      return searchShortestPaths(counting, { from, to, fromLabel: labelOfId(from)!, toLabel: labelOfId(to)!, maxLength: 4, limit: 5 });
    });
    const tNew = performance.now() - t;
    times.old.push(tOld);
    times.search.push(tNew);
    const oLen = o.records[0]?.get('p').length ?? 0;
    const sLen = s.paths[0]?.length ?? 0;
    if (round === Number(values.rounds) - 1 || oLen !== sLen)
      console.log(
        `${from} → ${to}: length ${oLen}/${sLen} old ${tOld.toFixed(0)} ms (${o.records.length} paths), search ${tNew.toFixed(0)} ms [${statements.join(' ')}]${s.byDatabase ? ' (allShortestPaths)' : ''}`,
      );
  }
}
for (const [k, xs] of Object.entries(times))
  console.log(
    `${k}: p50 ${percentile(xs, 0.5).toFixed(0)} ms, p95 ${percentile(xs, 0.95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.length} runs)`,
  );
if (values.profile) {
  const [from, to] = pairs.at(-1)!;
  const summary = await session.run(`PROFILE ${old(from, to)}`, { from, to, candidates: neo4j.int(25) });
  const plan = summary.summary.profile;
  const walk = (p: typeof plan, depth = 0): void => {
    if (!p) return;
    console.log(`${'  '.repeat(depth)}${p.operatorType} rows ${p.rows} dbHits ${p.dbHits} ${String(p.arguments?.Details ?? '').slice(0, 100)}`);
    p.children.forEach((c) => walk(c, depth + 1));
  };
  walk(plan);
}
await session.close();
await driver.close();
