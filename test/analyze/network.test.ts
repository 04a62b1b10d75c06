// Homophily against random mixing, weighted bridges, and reproducible communities, on hand-made graphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UndirectedGraph } from 'graphology';
import { bootstrapAssortativity, mixing, mixingBaseline, type TieSet } from '../../src/analyze/homophily.js';
import { mixingChange } from '../../src/analyze/network-mixing.js';
import { sourceTargetBetweenness, weightedSourceTargetBetweenness } from '../../src/analyze/network-bridges.js';
import { bestOfLouvain } from '../../src/analyze/network-communities.js';
import { analyzeCorpus } from '../../src/analyze/index.js';
import { DEFAULT_DEFINITIONS } from '../../src/types.js';
import { PAIR, smallCorpus, paper, author, google, tsinghua, mit, peking } from './fixtures.js';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} != ${expected}`);

// Nodes 0, 1 in country 0 (A); 2, 3 in country 1 (B). Ties 0-1 (2 papers), 2-3 (2), 0-2 (1).
const ties: TieSet = {
  x: Int32Array.from([0, 2, 0]),
  y: Int32Array.from([1, 3, 2]),
  w: Float64Array.from([2, 2, 1]),
  label: Int32Array.from([0, 0, 1, 1]),
  countries: 2,
};

test('assortativity, E-I index and the A-B share by hand', () => {
  // W = 5, within = 4: e = .8; strengths A = 3 + 2, B = 3 + 2: a = (.5, .5), sum a^2 = .5; r = (.8 - .5) / (1 - .5) = .6.
  // E-I = (1 - 4) / 5 = -.6; A-B ties among A/B ties: 1 / 5.
  const m = mixing(ties, ties.label, [0, 1]);
  close(m.assortativity, 0.6);
  close(m.eiIndex, -0.6);
  close(m.pairAcrossShare, 0.2);
});

test('random-mixing baseline: the permutation distribution of the six labellings', () => {
  // Which two nodes are A: {0,1} or {2,3}: r = .6; {0,2} or {1,3}: within = 1, a = (.6, .4), r = (.2 - .52) / .48 = -2/3;
  // {0,3} or {1,2}: within = 0, a = (.5, .5), r = -1. Mean under random mixing = (2*.6 - 2*2/3 - 2) / 6 = -.355556,
  // not 0 on so small a graph; P(r >= .6) = 1/3.
  const baseline = mixingBaseline(ties, [0, 1], 3000, 7);
  close(baseline.expected.assortativity, -0.355556, 0.03);
  close(baseline.p, 1 / 3, 0.03);
  close(baseline.interval.assortativity[0], -1, 1e-9);
  close(baseline.interval.assortativity[1], 0.6, 1e-9);
  // Seeded: the same seed gives the same baseline; another seed a different draw of the same distribution.
  assert.deepEqual(mixingBaseline(ties, [0, 1], 50, 7), mixingBaseline(ties, [0, 1], 50, 7));
});

test('a large graph mixing at random has assortativity near 0 whatever the countries sizes', () => {
  // 300 nodes, 3 countries of very unequal size, ties drawn independently of country.
  let state = 1;
  const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
  const n = 300;
  const label = Int32Array.from({ length: n }, (_, i) => (i < 200 ? 0 : i < 280 ? 1 : 2));
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < 3000; k++) {
    const i = Math.floor(random() * n);
    let j = Math.floor(random() * n);
    if (j === i) j = (j + 1) % n;
    x.push(i);
    y.push(j);
  }
  const set: TieSet = { x: Int32Array.from(x), y: Int32Array.from(y), w: new Float64Array(x.length).fill(1), label, countries: 3 };
  const baseline = mixingBaseline(set, [0, 1], 100, 3);
  assert.ok(Math.abs(baseline.observed.assortativity) < 0.03, String(baseline.observed.assortativity));
  assert.ok(baseline.observed.assortativity <= baseline.interval.assortativity[1] + 0.01);
  // The within-country share of ties, by contrast, is far from 0 and set by the sizes: sum a^2 ~ .667^2 + .267^2 + .067^2 = .52.
  close((1 - baseline.observed.eiIndex) / 2, 0.52, 0.03);
});

function pathGraph() {
  // US u reaches CN c by u-x-c (one paper each: length 2, 2 hops) or u-y-z-c (five papers each: length .6, 3 hops).
  const g = new UndirectedGraph<{ country: string | null }, { weight: number }>();
  for (const [node, country] of [['u', 'US'], ['x', 'DE'], ['y', 'FR'], ['z', 'FR'], ['c', 'CN']] as const) g.addNode(node, { country });
  g.addEdge('u', 'x', { weight: 1 });
  g.addEdge('x', 'c', { weight: 1 });
  g.addEdge('u', 'y', { weight: 5 });
  g.addEdge('y', 'z', { weight: 5 });
  g.addEdge('z', 'c', { weight: 5 });
  return g;
}

test('bridges: hops favour the short weak path, distance 1/papers the strong one', () => {
  const g = pathGraph();
  const hops = sourceTargetBetweenness(g, 'US', 'CN');
  const weighted = weightedSourceTargetBetweenness(g, 'US', 'CN');
  assert.deepEqual([hops.get('x'), hops.get('y'), hops.get('z')], [1, 0, 0]);
  assert.deepEqual([weighted.get('x'), weighted.get('y'), weighted.get('z')], [0, 1, 1]);
  // Equal lengths split the paths: make u-x-c as strong (length .6 needs weights 10/3 each).
  g.setEdgeAttribute('u', 'x', 'weight', 10 / 3);
  g.setEdgeAttribute('x', 'c', 'weight', 10 / 3);
  const split = weightedSourceTargetBetweenness(g, 'US', 'CN');
  close(split.get('x'), 0.5);
  close(split.get('y'), 0.5);
  assert.equal(split.get('u'), 0); // endpoints get no credit
});

test('communities: best of restarts by modularity, reproducible, with the range over restarts', () => {
  // Two dense triangles of US and CN institutions joined by one tie, plus a loose chain: several partitions are plausible.
  const g = new UndirectedGraph<{ country: string | null; papers: number }, { weight: number }>();
  const nodes = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3', 'c4'];
  nodes.forEach((node) => g.addNode(node, { country: node.startsWith('a') ? 'US' : node.startsWith('b') ? 'CN' : 'DE', papers: 1 }));
  for (const [x, y, w] of [['a1', 'a2', 3], ['a2', 'a3', 3], ['a1', 'a3', 3], ['b1', 'b2', 3], ['b2', 'b3', 3], ['b1', 'b3', 3], ['a3', 'b1', 1], ['b3', 'c1', 1], ['c1', 'c2', 1], ['c2', 'c3', 1], ['c3', 'c4', 1], ['c4', 'a1', 1]] as const) {
    g.addEdge(x, y, { weight: w });
  }
  const result = bestOfLouvain(g, ['US', 'CN'], 1, 12);
  assert.equal(result.runs.length, 12);
  assert.deepEqual(result.runs.map((r) => r.seed), Array.from({ length: 12 }, (_, i) => 1 + i));
  const best = Math.max(...result.runs.map((r) => r.modularity));
  assert.equal(result.best.modularity, best);
  // The lowest seed among the best runs.
  assert.equal(result.best.seed, result.runs.find((r) => r.modularity === best)!.seed);
  assert.deepEqual(bestOfLouvain(g, ['US', 'CN'], 1, 12), result);
  // The triangles are communities of their own: the single US-CN tie lies across communities.
  assert.notEqual(result.communities.a1, result.communities.b1);
  assert.equal(result.best.pairShare, 0);
});

test('analytics: network reports restarts, ranges, weighted bridges beside hops, and mixing per year', () => {
  const a = analyzeCorpus(smallCorpus(), { pair: PAIR, definitions: DEFAULT_DEFINITIONS, restarts: 5 });
  const c = a.network.communities;
  assert.equal(c.restarts, 5);
  assert.ok(c.range.modularity[0] <= c.modularity && c.modularity === c.range.modularity[1]);
  assert.ok(c.range.pairShare[0] <= c.pairTies.share && c.pairTies.share <= c.range.pairShare[1]);
  assert.ok(c.range.nearBest.runs >= 1);
  const one = analyzeCorpus(smallCorpus(), { pair: PAIR, definitions: DEFAULT_DEFINITIONS, restarts: 1 }).network.communities;
  assert.deepEqual(one.range.pairShare, [one.pairTies.share, one.pairTies.share]);
  // HKUST is the only bridge, by hops and weighted (one path), rank 1 by hops.
  assert.deepEqual(a.network.bridges.map((b) => [b.institution, b.rankHops]), [['HKUST', 1]]);
  close(a.network.bridges[0].pairBetweennessHops, 1 / 12);
  for (const y of a.network.byYear) {
    assert.ok(y.mixing.random.permutations >= 20 && y.mixing.random.permutations <= 200);
    assert.equal(y.mixing.moreNationalThanRandom, y.mixing.assortativity > y.mixing.random.assortativityInterval[1]);
  }
  assert.match(a.network.nationalLines, /^Splitting along national lines\? Country assortativity/);
});

test('bootstrap of assortativity and the first-to-last change', () => {
  // Every paper of year 1 has a US-US and a CN-CN tie: r = (1 - .5) / (1 - .5) = 1 in every replicate.
  // Every paper of year 2 has two US-CN ties: r = (0 - .5) / .5 = -1. Difference -2, no sampling noise.
  const label = Int32Array.from([0, 0, 1, 1]);
  const papers = (x: number[], y: number[], count: number) => ({
    x: Int32Array.from(Array.from({ length: count }, () => x).flat()),
    y: Int32Array.from(Array.from({ length: count }, () => y).flat()),
    starts: Int32Array.from({ length: count + 1 }, (_, p) => p * x.length),
    label,
    countries: 2,
  });
  const national = bootstrapAssortativity(papers([0, 2], [1, 3], 10), 30, 5);
  const mixed = bootstrapAssortativity(papers([0, 1], [2, 3], 10), 30, 6);
  assert.equal(national.length, 30);
  assert.ok(national.every((r) => Math.abs(r - 1) < 1e-12));
  assert.ok(mixed.every((r) => Math.abs(r + 1) < 1e-12));
  const change = mixingChange([
    { year: 2020, replicates: national, assortativity: 1 },
    { year: 2021, replicates: mixed, assortativity: -1 },
  ]);
  assert.deepEqual(change, { from: 2020, to: 2021, difference: -2, ci95: [-2, -2], replicates: 30, verdict: 'less-national' });
  const same = mixingChange([
    { year: 2020, replicates: national, assortativity: 1 },
    { year: 2021, replicates: national, assortativity: 1 },
  ]);
  assert.equal(same?.verdict, 'no-evidence');
  assert.equal(mixingChange([{ year: 2020, replicates: national, assortativity: 1 }]), null);
});

test('mixing change is not computed when the first and last years have different venues', () => {
  const make = (year: number, venue: string) => [
    paper({ year, venue }, [author('a', google()), author('b', tsinghua())]),
    paper({ year, venue }, [author('c', mit()), author('d', google())]),
    paper({ year, venue }, [author('e', peking()), author('f', tsinghua())]),
  ];
  const differ = analyzeCorpus([...make(2020, 'A'), ...make(2021, 'B')], { pair: PAIR, definitions: DEFAULT_DEFINITIONS }).network;
  assert.equal(differ.mixingChange, null);
  assert.match(differ.nationalLines, /not compared: their venues differ \(2020: A; 2021: B\)/);
  const same = analyzeCorpus([...make(2020, 'A'), ...make(2021, 'A')], { pair: PAIR, definitions: DEFAULT_DEFINITIONS }).network;
  // Identical years: the difference is 0 and the bootstrap interval straddles it.
  assert.equal(same.mixingChange?.difference, 0);
  assert.equal(same.mixingChange?.verdict, 'no-evidence');
});
